import type { XeroDocumentPlan } from '../mapping';
import type { XeroAccountingClient } from './accounting-client';
import { XeroValidationError } from './errors';
import { findContact } from './find-contact';
import { customerKey, nameClaimFor } from './find-or-create-contact';
import type { ContactMemory } from './memory-ports';

/**
 * The contact an order's document is booked to: an existing contact, or a new one that Xero creates from the
 * invoice itself (a Contact given by Name without an ID) under this name.
 */
export type ContactChoice = { contactId: string } | { newContactName: string };

/**
 * Chooses the contact for an order's invoice at the cost of the one lookup and no create: the remembered contact
 * (no call), the contact the lookup matches (see findContact), or a name free in Xero that this customer now
 * claims, for the invoice to create the contact under. Xero attaches an invoice naming an existing active contact
 * to that contact, so the claim is what keeps two customers' concurrent orders from sending the same new name.
 */
export async function chooseContact(
  client: Pick<XeroAccountingClient, 'getContacts'>,
  storeId: string,
  plan: XeroDocumentPlan['contact'],
  memory: ContactMemory,
): Promise<ContactChoice> {
  const key = customerKey(plan);
  const remembered = await memory.recallContact(storeId, key);
  if (remembered) return { contactId: remembered };
  const found = await findContact(client, storeId, plan, nameClaimFor(memory, storeId, plan));
  if (found.kind === 'conflict') throw new XeroValidationError([found.message]);
  if (found.kind === 'create') return { newContactName: found.contact.Name };
  await memory.rememberContact(storeId, key, found.contactId);
  return { contactId: found.contactId };
}
