import type { XeroDocumentPlan } from '../mapping';
import type { XeroAccountingClient } from './accounting-client';
import { fitsWhereString, whereEquals } from './where-literal';
import type { WireContact } from './wire-types';

type ContactPlan = XeroDocumentPlan['contact'];

/** Where an order's customer stands in Xero: an existing contact, a contact still to create, or a name clash. */
export type ContactLookup =
  | { kind: 'existing'; contactId: string }
  | { kind: 'create'; contact: WireContact & { Name: string } }
  | { kind: 'conflict'; message: string };

const sameText = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/**
 * Active contacts whose field equals `value` (ignoring case): by `where`, or, for a value holding `"` (which no `where`
 * literal can carry), by Xero's free-text `searchTerm` narrowed here to the exact matches.
 */
async function activeContactsWhere(
  client: Pick<XeroAccountingClient, 'getContacts'>,
  storeId: string,
  field: 'EmailAddress' | 'Name',
  value: string,
): Promise<WireContact[]> {
  const contacts = fitsWhereString(value)
    ? await client.getContacts(storeId, { where: whereEquals(field, value) })
    : (await client.getContacts(storeId, { searchTerm: value })).filter((contact) => sameText(contact[field], value));
  return contacts.filter((contact) => (contact.ContactStatus ?? 'ACTIVE') === 'ACTIVE');
}

/**
 * Looks the order's customer up in Xero (read only) by the fields the merchant chose, in their order (email,
 * contact name, company). When none matches, says which name a new contact would take: a contact holding the same
 * name but another email is a different person, and Xero names are unique among active contacts, so the plan's
 * deterministic disambiguated name is used instead of merging the two. A company match is deliberate: a company's
 * contact is shared by the people who buy for it.
 */
export async function findContact(
  client: Pick<XeroAccountingClient, 'getContacts'>,
  storeId: string,
  plan: ContactPlan,
): Promise<ContactLookup> {
  const { match } = plan;
  for (const field of match.order) {
    if (field === 'email' && match.email) {
      const [byEmail] = await activeContactsWhere(client, storeId, 'EmailAddress', match.email);
      if (byEmail?.ContactID) return { kind: 'existing', contactId: byEmail.ContactID };
    } else if (field === 'name') {
      const [byName] = await activeContactsWhere(client, storeId, 'Name', match.name);
      if (byName?.ContactID && isSamePerson(byName, plan)) return { kind: 'existing', contactId: byName.ContactID };
    } else if (field === 'company' && match.company) {
      const [byCompany] = await activeContactsWhere(client, storeId, 'Name', match.company);
      if (byCompany?.ContactID) return { kind: 'existing', contactId: byCompany.ContactID };
    }
  }
  for (const name of [plan.create.Name ?? match.name, plan.disambiguatedName]) {
    const [holder] = await activeContactsWhere(client, storeId, 'Name', name);
    if (!holder?.ContactID) return { kind: 'create', contact: { ...plan.create, Name: name } };
    if (isSamePerson(holder, plan)) return { kind: 'existing', contactId: holder.ContactID };
  }
  return {
    kind: 'conflict',
    message: `Contacts named "${match.name}" and "${plan.disambiguatedName}" already exist for other people`,
  };
}

/** A name match is the same person when neither side has an email that contradicts the other. */
function isSamePerson(existing: WireContact, plan: ContactPlan): boolean {
  if (!existing.EmailAddress || !plan.match.email) return !existing.EmailAddress && !plan.match.email;
  return sameText(existing.EmailAddress, plan.match.email);
}
