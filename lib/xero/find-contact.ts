import type { XeroDocumentPlan } from '../mapping';
import type { XeroAccountingClient } from './accounting-client';
import { fitsWhereString, whereEquals } from './where-literal';
import type { WireContact } from './wire-types';

type ContactPlan = XeroDocumentPlan['contact'];
type Field = 'EmailAddress' | 'Name';

/** Where an order's customer stands in Xero: an existing contact, a contact still to create, or a name clash. */
export type ContactLookup =
  | { kind: 'existing'; contactId: string }
  | { kind: 'create'; contact: WireContact & { Name: string } }
  | { kind: 'conflict'; message: string };

const sameText = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** Every (field, value) the decision below may ask about, in the plan's matching order, without repeats. */
function wantedValues(plan: ContactPlan): Array<[Field, string]> {
  const { match } = plan;
  const wanted: Array<[Field, string | undefined]> = match.order.map((field) =>
    field === 'email' ? ['EmailAddress', match.email] : ['Name', field === 'name' ? match.name : match.company],
  );
  wanted.push(['Name', plan.create.Name ?? match.name], ['Name', plan.disambiguatedName]);
  const seen = new Set<string>();
  return wanted.flatMap(([field, value]) => {
    const key = `${field}:${(value ?? '').trim().toLowerCase()}`;
    if (!value || seen.has(key)) return [];
    seen.add(key);
    return [[field, value]];
  });
}

/**
 * The active contacts whose email or name equals one of the wanted values (ignoring case), read in one call: one
 * `where` joining the values with OR. A value holding `"` (which no `where` literal can carry) is read by Xero's
 * free-text `searchTerm` instead and narrowed here to its exact matches.
 */
async function activeCandidates(
  client: Pick<XeroAccountingClient, 'getContacts'>,
  storeId: string,
  wanted: Array<[Field, string]>,
): Promise<WireContact[]> {
  const inWhere = wanted.filter(([, value]) => fitsWhereString(value));
  const reads: Array<Promise<WireContact[]>> = [];
  if (inWhere.length > 0) {
    const where = inWhere.map(([field, value]) => whereEquals(field, value)).join(' OR ');
    reads.push(client.getContacts(storeId, { where }));
  }
  for (const [field, value] of wanted.filter(([, v]) => !fitsWhereString(v))) {
    reads.push(
      client
        .getContacts(storeId, { searchTerm: value })
        .then((found) => found.filter((contact) => sameText(contact[field], value))),
    );
  }
  const contacts = (await Promise.all(reads)).flat();
  return contacts.filter((contact) => (contact.ContactStatus ?? 'ACTIVE') === 'ACTIVE');
}

/** Claims a free name for the customer's new contact; false when another customer's new contact is taking it. */
export type NameClaim = (name: string) => Promise<boolean>;

/** The contact to create for the customer under `name`: everything the plan creates a contact with. */
export function newContactNamed(plan: ContactPlan, name: string): WireContact & { Name: string } {
  return { ...plan.create, Name: name };
}

/**
 * Looks the order's customer up in Xero (read only, one call for values without `"`) by the fields the merchant
 * chose, in their order (email, contact name, company). When none matches, says which name a new contact would
 * take: a contact holding the same name but another email is a different person, and Xero names are unique among
 * active contacts, so the plan's deterministic disambiguated name is used instead of merging the two. A company
 * match is deliberate: a company's contact is shared by the people who buy for it. With a `claim`, a free name
 * is only chosen once the customer holds its claim; a name another customer claimed is passed over like a name
 * another person holds (their contact may be on its way into Xero).
 */
export async function findContact(
  client: Pick<XeroAccountingClient, 'getContacts'>,
  storeId: string,
  plan: ContactPlan,
  claim?: NameClaim,
): Promise<ContactLookup> {
  const { match } = plan;
  const candidates = await activeCandidates(client, storeId, wantedValues(plan));
  const holder = (field: Field, value: string | undefined): WireContact | undefined =>
    value ? candidates.find((contact) => contact.ContactID && sameText(contact[field], value)) : undefined;
  for (const field of match.order) {
    if (field === 'email') {
      const byEmail = holder('EmailAddress', match.email);
      if (byEmail?.ContactID) return { kind: 'existing', contactId: byEmail.ContactID };
    } else if (field === 'name') {
      const byName = holder('Name', match.name);
      if (byName?.ContactID && isSamePerson(byName, plan)) return { kind: 'existing', contactId: byName.ContactID };
    } else {
      const byCompany = holder('Name', match.company);
      if (byCompany?.ContactID) return { kind: 'existing', contactId: byCompany.ContactID };
    }
  }
  for (const name of [plan.create.Name ?? match.name, plan.disambiguatedName]) {
    const named = holder('Name', name);
    if (!named?.ContactID) {
      if (!claim || (await claim(name))) return { kind: 'create', contact: newContactNamed(plan, name) };
    } else if (isSamePerson(named, plan)) return { kind: 'existing', contactId: named.ContactID };
  }
  return {
    kind: 'conflict',
    message: `Contacts named "${match.name}" and "${plan.disambiguatedName}" already exist (or are being created) for other people`,
  };
}

/** A name match is the same person when neither side has an email that contradicts the other. */
function isSamePerson(existing: WireContact, plan: ContactPlan): boolean {
  if (!existing.EmailAddress || !plan.match.email) return !existing.EmailAddress && !plan.match.email;
  return sameText(existing.EmailAddress, plan.match.email);
}
