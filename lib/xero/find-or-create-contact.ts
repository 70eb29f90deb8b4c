import { createHash } from 'node:crypto';
import type { XeroDocumentPlan } from '../mapping';
import type { XeroAccountingClient } from './accounting-client';
import { XeroValidationError } from './errors';
import { whereString } from './where-literal';
import type { WireContact } from './wire-types';

type ContactPlan = XeroDocumentPlan['contact'];

const sameText = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** An idempotency key for creating a contact, derived from its content; hashed so no personal data leaves. */
function contactCreateKey(storeId: string, contact: WireContact): string {
  const digest = createHash('sha256').update(JSON.stringify(contact)).digest('hex').slice(0, 40);
  return `contact:${storeId}:${digest}`;
}

async function activeContactsWhere(
  client: XeroAccountingClient,
  storeId: string,
  field: 'EmailAddress' | 'Name',
  value: string,
): Promise<WireContact[]> {
  const contacts = await client.getContacts(storeId, { where: `${field}==${whereString(value)}` });
  return contacts.filter((contact) => (contact.ContactStatus ?? 'ACTIVE') === 'ACTIVE');
}

/**
 * Finds the order's customer in Xero by the fields the merchant chose, in their order (email, contact name,
 * company), and creates the contact when none matches. A contact holding the same name but another email is a
 * different person: Xero names are unique among active contacts, so the new contact takes the plan's
 * deterministic disambiguated name instead of merging the two. A company match is deliberate: a company's
 * contact is shared by the people who buy for it.
 */
export async function findOrCreateContact(
  client: XeroAccountingClient,
  storeId: string,
  plan: ContactPlan,
): Promise<string> {
  const { match } = plan;
  for (const field of match.order) {
    if (field === 'email' && match.email) {
      const [byEmail] = await activeContactsWhere(client, storeId, 'EmailAddress', match.email);
      if (byEmail?.ContactID) return byEmail.ContactID;
    } else if (field === 'name') {
      const [byName] = await activeContactsWhere(client, storeId, 'Name', match.name);
      if (byName?.ContactID && isSamePerson(byName, plan)) return byName.ContactID;
    } else if (field === 'company' && match.company) {
      const [byCompany] = await activeContactsWhere(client, storeId, 'Name', match.company);
      if (byCompany?.ContactID) return byCompany.ContactID;
    }
  }
  for (const name of [plan.create.Name ?? match.name, plan.disambiguatedName]) {
    const [holder] = await activeContactsWhere(client, storeId, 'Name', name);
    if (!holder?.ContactID) return createContact(client, storeId, { ...plan.create, Name: name });
    if (isSamePerson(holder, plan)) return holder.ContactID;
  }
  throw new XeroValidationError([
    `Contacts named "${match.name}" and "${plan.disambiguatedName}" already exist for other people`,
  ]);
}

/** A name match is the same person when neither side has an email that contradicts the other. */
function isSamePerson(existing: WireContact, plan: ContactPlan): boolean {
  if (!existing.EmailAddress || !plan.match.email) return !existing.EmailAddress && !plan.match.email;
  return sameText(existing.EmailAddress, plan.match.email);
}

async function createContact(client: XeroAccountingClient, storeId: string, contact: WireContact): Promise<string> {
  const created = await client.createContact(storeId, contact, contactCreateKey(storeId, contact));
  if (!created.ContactID) throw new Error('Xero created a contact but returned no ContactID');
  return created.ContactID;
}
