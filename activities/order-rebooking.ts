import type { Repositories } from '../lib/db/repositories';
import type { AppliedEffect, HeldDocument, OrderChange, RemappedOrder } from '../lib/lifecycle/order-changes';
import { MappingError } from '../lib/mapping';
import { decimalFromNumber, toFixed } from '../lib/mapping/decimal';
import type { RebookingChange } from '../lib/sync/apply-rebooking';
import { documentToCreate, planOrder, type PlanOrderInput } from '../lib/sync/plan-order';
import { orderContentDigest } from '../lib/lifecycle/order-digest';
import type { OrgContextCache } from '../lib/xero/org-context-cache';
import type { WireQuote } from '../lib/xero/wire-types';

/**
 * The order mapped again under the store's current settings, for an edit, a restore or a quote's invoice: the
 * document without its contact, or why it cannot be mapped; undefined when the settings no longer sync the order.
 */
export async function remapOrder(
  input: Omit<PlanOrderInput, 'orgContext'> & { orgContext: OrgContextCache },
): Promise<RemappedOrder | undefined> {
  const digest = orderContentDigest(input.order);
  try {
    const planned = await planOrder(input);
    if ('skipReason' in planned) return undefined;
    const { contact: _contact, ...document } = documentToCreate(planned);
    return { document, digest };
  } catch (err) {
    if (err instanceof MappingError) return { error: err.message, digest };
    throw err;
  }
}

/** What Xero holds for a quote, in the planner's terms (a quote holds no money). */
export function heldQuote(quote: WireQuote, number: string): HeldDocument {
  const zero = '0.00';
  return {
    kind: 'quote',
    documentId: quote.QuoteID ?? '',
    number: quote.QuoteNumber ?? number,
    status: quote.Status ?? '',
    contactId: quote.Contact?.ContactID ?? '',
    currency: quote.CurrencyCode ?? '',
    total: toFixed(decimalFromNumber(quote.Total ?? 0), 2),
    amountDue: zero,
    amountPaid: zero,
    amountCredited: zero,
  };
}

/** Whether a change sends the order's document again (update, reissue, a quote's invoice). */
export function isRebooking(change: OrderChange): change is RebookingChange {
  return change.kind === 'update' || change.kind === 'reissue' || change.kind === 'quote-to-invoice';
}

/**
 * Points the ledger at the document the order has now, with what it bills: an update keeps the document, a
 * reissue or a quote's invoice replaces it (the one replaced stays listed among the effects, so both are linked).
 */
export async function recordRebooked(
  repos: Repositories,
  order: { storeId: string; orderId: number },
  change: RebookingChange,
  applied: AppliedEffect,
): Promise<void> {
  await repos.ledger.upsert({
    ...order,
    orderDigest: change.digest,
    orderTotal: change.document.expectedTotal,
    xeroTotal: applied.amount,
    ...(change.kind === 'update'
      ? {}
      : { documentKind: 'invoice', xeroDocumentId: applied.xeroId, xeroDocumentNumber: applied.xeroNumber }),
  });
}
