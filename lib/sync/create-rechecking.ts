import type { XeroAccountingClient } from '../xero/accounting-client';
import { ensureItems } from '../xero/ensure-items';
import { XeroValidationError } from '../xero/errors';
import type { CreatedDocument } from '../xero/exactly-once';
import { customerKey, findOrCreateContact } from '../xero/find-or-create-contact';
import type { ContactMemory, ItemMemory } from '../xero/memory-ports';
import { createPlannedDocument, type CreatePlannedDocumentInput } from './create-planned-document';
import type { DocumentToCreate } from './plan-order';

/** What creating a document with remembered references needs: the create input, the whole client and the memory. */
export interface CreateRecheckingInput extends CreatePlannedDocumentInput {
  plan: DocumentToCreate;
  client: XeroAccountingClient;
  memory: ContactMemory & ItemMemory;
}

/** The remembered references a validation error says Xero refused: the contact (when given by id), and item codes. */
function staleReferences(err: XeroValidationError, contactId: string | undefined, codes: readonly string[]) {
  const contact = contactId !== undefined && err.messages.some((m) => m.includes(contactId));
  const itemCodes = codes.filter((code) =>
    err.messages.some((m) => /item code/i.test(m) && m.toLowerCase().includes(`'${code.toLowerCase()}'`)),
  );
  return { contact, itemCodes };
}

/**
 * Creates the planned document exactly once; when Xero refuses the contact (archived, merged, deleted) or an item
 * code (deleted since it was remembered), forgets them, finds or creates them afresh and creates once more (the
 * refused attempt is `rejected`, so the protocol sends the new body under a new generation). Any other refusal,
 * or a second one, is reported as it is: a remembered reference never books wrong data or fails an order. A new
 * contact that the document created (given by Name) is remembered for the customer, as a contact create would be.
 */
export async function createRechecking(input: CreateRecheckingInput): Promise<CreatedDocument> {
  const created = await createOrRecheck(input);
  if (!('ContactID' in input.contact) && created.contactId) {
    await input.memory.rememberContact(input.storeId, customerKey(input.plan.contact), created.contactId);
  }
  return created;
}

async function createOrRecheck(input: CreateRecheckingInput): Promise<CreatedDocument> {
  try {
    return await createPlannedDocument(input);
  } catch (err) {
    if (!(err instanceof XeroValidationError)) throw err;
    const { storeId, plan, memory, client } = input;
    const codes = plan.items.map((item) => item.Code ?? '').filter(Boolean);
    const refusedId = 'ContactID' in input.contact ? input.contact.ContactID : undefined;
    const stale = staleReferences(err, refusedId, codes);
    if (!stale.contact && stale.itemCodes.length === 0) throw err;
    let { contact } = input;
    if (stale.contact && refusedId !== undefined) {
      await memory.forgetContact(storeId, refusedId);
      contact = { ContactID: await findOrCreateContact(client, storeId, plan.contact, memory, refusedId) };
    }
    if (stale.itemCodes.length > 0) {
      await memory.forgetItemCodes(storeId, stale.itemCodes);
      await ensureItems(client, storeId, plan.items, memory);
    }
    return createPlannedDocument({ ...input, contact });
  }
}
