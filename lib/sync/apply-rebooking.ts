import { effectIdOf } from '../lifecycle/effect-id';
import type { AppliedEffect, OrderChange } from '../lifecycle/order-changes';
import { decimalFromNumber, parseDecimal, toFixed } from '../mapping/decimal';
import type { XeroAccountingClient } from '../xero/accounting-client';
import { ensureItems } from '../xero/ensure-items';
import { idempotencyKeyFor } from '../xero/idempotency-key';
import type { ItemMemory } from '../xero/memory-ports';
import type { AttemptStore, Clock } from '../xero/ports';
import { createPlannedDocument } from './create-planned-document';
import { documentWithContact } from './document-body';

/** A change that sends the order's document again: an update in place, a reissue, or a quote's invoice. */
export type RebookingChange = Extract<OrderChange, { kind: 'update' | 'reissue' | 'quote-to-invoice' }>;

/** Whether a change sends the order's document again (update, reissue, a quote's invoice). */
export function isRebooking(change: OrderChange): change is RebookingChange {
  return change.kind === 'update' || change.kind === 'reissue' || change.kind === 'quote-to-invoice';
}

/** What sending the document again needs. */
export interface ApplyRebookingInput {
  storeId: string;
  orderId: number;
  change: RebookingChange;
  client: Pick<
    XeroAccountingClient,
    | 'createItemsEach'
    | 'getItemsByCode'
    | 'updateInvoice'
    | 'findInvoices'
    | 'findQuotes'
    | 'createInvoice'
    | 'createQuote'
    | 'setQuoteStatus'
  >;
  attempts: AttemptStore;
  memory?: ItemMemory;
  /** Whether another order already owns a Xero document; such a document is never adopted. */
  isRecordedElsewhere?: (documentId: string) => Promise<boolean>;
  now?: Clock;
}

/** The invoice the order now has, as the rebooking left it. */
export interface RebookedEffect extends AppliedEffect {
  /** Xero's total of the document, exact to the cent. */
  amount: string;
  xeroId: string;
  xeroNumber: string;
}

/** The statuses a quote walks through to INVOICED (Xero only moves a quote one step at a time). */
const QUOTE_PATH_TO_INVOICED: Record<string, string[]> = {
  DRAFT: ['SENT', 'ACCEPTED', 'INVOICED'],
  SENT: ['ACCEPTED', 'INVOICED'],
  DECLINED: ['SENT', 'ACCEPTED', 'INVOICED'],
  ACCEPTED: ['INVOICED'],
};

const money = (value: number | undefined): string => toFixed(decimalFromNumber(value ?? 0), 2);

/**
 * Sends the order's document to Xero again, exactly once: items the new lines need are ensured first; an update
 * replaces the invoice's lines in place (same number, contact and status; a repeat sends the same bytes under the
 * same key); a reissue creates the next-numbered invoice through the exactly-once create, recorded under its own
 * effect id; a quote's invoice is created as the order's invoice, then the quote is moved on to INVOICED.
 */
export async function applyRebooking(input: ApplyRebookingInput): Promise<RebookedEffect> {
  const { storeId, orderId, change, client } = input;
  await ensureItems(client, storeId, change.document.items, input.memory);
  const contact = { ContactID: change.contactId };
  const base = { effectId: change.effectId, kind: change.kind };
  if (change.kind === 'update') {
    const body = {
      ...documentWithContact(change.document, contact),
      InvoiceID: change.documentId,
      InvoiceNumber: change.number,
      Status: change.status,
    };
    const key = idempotencyKeyFor(change.effectId, storeId, orderId, 1);
    const updated = await client.updateInvoice(storeId, change.documentId, body, key);
    return { ...base, xeroId: change.documentId, xeroNumber: change.number, amount: money(updated.Total) };
  }
  const plan =
    change.kind === 'reissue'
      ? { ...change.document, identity: { ...change.document.identity, invoiceNumber: change.number } }
      : change.document;
  const created = await createPlannedDocument({
    storeId,
    orderId,
    plan,
    contact,
    ...(change.kind === 'reissue' ? { subject: change.effectId } : {}),
    client,
    attempts: input.attempts,
    isRecordedElsewhere: input.isRecordedElsewhere,
    now: input.now,
  });
  if (change.kind === 'quote-to-invoice') await markQuoteInvoiced(input, change);
  const replaced =
    change.kind === 'reissue'
      ? {
          kind: 'invoice' as const,
          xeroId: change.replaces,
          number: change.replacesNumber,
          total: change.replacesTotal,
        }
      : { kind: 'quote' as const, xeroId: change.quoteId, number: change.quoteNumber, total: change.quoteTotal };
  return {
    ...base,
    replaced,
    xeroId: created.documentId,
    xeroNumber: created.number,
    amount: toFixed(parseDecimal(created.total), 2),
  };
}

/** Moves the quote on to INVOICED one step at a time; a quote already there (a retry) or gone is left alone. */
async function markQuoteInvoiced(
  input: ApplyRebookingInput,
  change: Extract<RebookingChange, { kind: 'quote-to-invoice' }>,
): Promise<void> {
  const { storeId, orderId, client } = input;
  const [quote] = await client.findQuotes(storeId, { quoteNumber: change.quoteNumber });
  if (!quote) return;
  const date = change.document.document.Date ?? '';
  for (const status of QUOTE_PATH_TO_INVOICED[quote.Status ?? ''] ?? []) {
    const key = idempotencyKeyFor(effectIdOf('quote-to-invoice', change.quoteId, status), storeId, orderId, 1);
    await client.setQuoteStatus(
      storeId,
      { QuoteID: change.quoteId, Status: status, Contact: { ContactID: change.contactId }, Date: date },
      key,
    );
  }
}
