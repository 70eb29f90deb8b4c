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
 * Finds the order's customer in Xero, by email first, then by name, and creates the contact when absent.
 * A contact holding the same name but another email is a different person: Xero names are unique among active
 * contacts, so the new contact takes the plan's deterministic disambiguated name instead of merging the two.
 */
export async function findOrCreateContact(
  client: XeroAccountingClient,
  storeId: string,
  plan: ContactPlan,
): Promise<string> {
  if (plan.match.email) {
    const [byEmail] = await activeContactsWhere(client, storeId, 'EmailAddress', plan.match.email);
    if (byEmail?.ContactID) return byEmail.ContactID;
  }
  for (const name of [plan.match.name, plan.disambiguatedName]) {
    const [byName] = await activeContactsWhere(client, storeId, 'Name', name);
    if (!byName?.ContactID) return createContact(client, storeId, { ...plan.create, Name: name });
    if (isSamePerson(byName, plan)) return byName.ContactID;
  }
  throw new XeroValidationError([
    `Contacts named "${plan.match.name}" and "${plan.disambiguatedName}" already exist for other people`,
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
