import { createHash } from 'node:crypto';
import type { XeroDocumentPlan } from '../mapping';
import type { XeroAccountingClient } from './accounting-client';
import { XeroValidationError } from './errors';
import { findContact } from './find-contact';
import type { WireContact } from './wire-types';

/** An idempotency key for creating a contact, derived from its content; hashed so no personal data leaves. */
function contactCreateKey(storeId: string, contact: WireContact): string {
  const digest = createHash('sha256').update(JSON.stringify(contact)).digest('hex').slice(0, 40);
  return `contact:${storeId}:${digest}`;
}

/**
 * Finds the order's customer in Xero (see findContact for the matching rules) and creates the contact when none
 * matches, under the plan's name or, when another person holds it, the plan's disambiguated name.
 */
export async function findOrCreateContact(
  client: XeroAccountingClient,
  storeId: string,
  plan: XeroDocumentPlan['contact'],
): Promise<string> {
  const found = await findContact(client, storeId, plan);
  if (found.kind === 'existing') return found.contactId;
  if (found.kind === 'conflict') throw new XeroValidationError([found.message]);
  return createContact(client, storeId, found.contact);
}

async function createContact(client: XeroAccountingClient, storeId: string, contact: WireContact): Promise<string> {
  const created = await client.createContact(storeId, contact, contactCreateKey(storeId, contact));
  if (!created.ContactID) throw new Error('Xero created a contact but returned no ContactID');
  return created.ContactID;
}
