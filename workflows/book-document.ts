import { patched } from '@temporalio/workflow';
import type { LedgerUpdate, LedgerView, OrderSyncPlan } from '../activities/types';
import type { CreatedDocument } from '../lib/xero/exactly-once';
import type { SkippedOrder } from '../lib/sync/plan-order';
import type { SyncState } from './definitions';
import { syncActivities } from './sync-activities';

/** What one pass over an order concluded. */
export interface SyncPassOutcome {
  state: Exclude<
    SyncState,
    'settling' | 'syncing' | 'waiting-for-xero-capacity' | 'paused' | 'waiting-for-reconnect' | 'failed'
  >;
  orderNumber?: string;
  documentNumber?: string;
  summary: string;
  /** A problem after booking that leaves the order synced (e.g. the order note could not be written). */
  warning?: string;
}

/**
 * The patch that lets the invoice create a new customer's contact (one call fewer): the contact step only finds
 * the contact or chooses its name, and the document step sends the new contact with the invoice.
 */
export const CONTACT_WITH_DOCUMENT_PATCH = 'contact-with-document';

/** The order a pass works on and the run recording it in the ledger. */
export interface PassContext {
  storeId: string;
  orderId: number;
  workflowId: string;
}

/** Ledger states of an order whose document exists in Xero. */
const BOOKED_STATES: ReadonlySet<string> = new Set([
  'synced',
  'paid',
  'part-refunded',
  'refunded',
  'voided',
  'deleted',
]);

/** The outcome when the ledger says the order is already in Xero, else undefined. */
export function alreadySynced(existing: LedgerView | null, orderNumber: string): SyncPassOutcome | undefined {
  if (!existing || !BOOKED_STATES.has(existing.state) || !existing.xeroDocumentNumber) return undefined;
  return {
    state: 'synced',
    orderNumber,
    documentNumber: existing.xeroDocumentNumber,
    summary: `Order #${orderNumber} is already in Xero as ${existing.documentKind} ${existing.xeroDocumentNumber}.`,
  };
}

/** Records the pass's state of the order in the ledger (clearing any earlier error). */
function recordLedger(
  ctx: PassContext,
  orderNumber: string,
  update: Omit<LedgerUpdate, 'storeId' | 'orderId' | 'orderNumber' | 'lastError' | 'workflowId'>,
): Promise<void> {
  const { storeId, orderId, workflowId } = ctx;
  return syncActivities.recordLedgerEntry({ storeId, orderId, orderNumber, ...update, lastError: null, workflowId });
}

/** Records that the settings leave the order out of Xero. */
export async function recordSkipped(
  ctx: PassContext,
  orderNumber: string,
  plan: SkippedOrder,
): Promise<SyncPassOutcome> {
  await recordLedger(ctx, orderNumber, { state: 'skipped', settingsVersion: plan.settingsVersion });
  return { state: 'skipped', orderNumber, summary: `Order #${orderNumber} not synced: ${plan.skipReason}` };
}

/**
 * Books the planned document: records the order as pending, finds its contact (or chooses the name the invoice
 * creates it under), creates its items and document exactly once, records it, and tells the merchant in a note.
 */
export async function bookDocument(
  ctx: PassContext,
  orderNumber: string,
  plan: OrderSyncPlan,
): Promise<SyncPassOutcome> {
  return (await bookAndTell(ctx, orderNumber, plan)).outcome;
}

/** bookDocument, also returning the document as Xero answered its create (what Xero holds, moments ago). */
export async function bookAndTell(
  ctx: PassContext,
  orderNumber: string,
  plan: OrderSyncPlan,
): Promise<{ outcome: SyncPassOutcome; created: CreatedDocument }> {
  const { storeId, orderId } = ctx;
  await recordLedger(ctx, orderNumber, { state: 'pending' });
  const contact = patched(CONTACT_WITH_DOCUMENT_PATCH)
    ? await syncActivities.chooseXeroContact({ storeId, contact: plan.contact, kind: plan.kind })
    : { contactId: await syncActivities.findOrCreateXeroContact({ storeId, contact: plan.contact }) };
  if (plan.items.length > 0) await syncActivities.ensureXeroItems({ storeId, items: plan.items });
  const created = await syncActivities.createXeroDocument({ storeId, orderId, plan, ...contact });
  await recordLedger(ctx, orderNumber, {
    state: 'synced',
    documentKind: plan.kind,
    xeroDocumentId: created.documentId,
    xeroDocumentNumber: created.number,
    orderTotal: plan.expectedTotal,
    xeroTotal: created.total,
    currency: created.currencyCode,
    settingsVersion: plan.settingsVersion,
  });
  const noted = await syncActivities.addWooOrderNote({
    storeId,
    orderId,
    note: `Synced to Xero as ${plan.kind} ${created.number} (total ${created.total} ${created.currencyCode}).`,
  });
  const summary = `Order #${orderNumber} → Xero ${plan.kind} ${created.number}, total ${created.total} ${created.currencyCode}.`;
  // Runs recorded before the note activity reported an outcome replay with `noted` undefined.
  const warning = noted?.warning;
  const outcome: SyncPassOutcome = {
    state: 'synced',
    orderNumber,
    documentNumber: created.number,
    summary: warning ? `${summary} Warning: ${warning}` : summary,
    ...(warning ? { warning } : {}),
  };
  return { outcome, created };
}
