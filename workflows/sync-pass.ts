import { patched } from '@temporalio/workflow';
import type { SyncOrderInput } from './definitions';
import { alreadySynced, bookAndTell, recordSkipped, type SyncPassOutcome } from './book-document';
import { followOrderLife } from './follow-order-life';
import { runLegacySyncPass } from './legacy-sync-pass';
import { syncActivities } from './sync-activities';

export type { SyncPassOutcome } from './book-document';

/** The patch that moved reading the order into the planning activity (the order no longer enters history). */
export const PLAN_INSIDE_ACTIVITY_PATCH = 'plan-order-inside-activity';

/** The patch that follows a booked order through its life (payments, refunds, cancellations) after booking. */
export const ORDER_LIFE_PATCH = 'order-life';

/**
 * One pass: look the order up in the ledger and, if it is not in Xero yet, read and plan it in one activity (the
 * WooCommerce order stays inside it; history gets the order number and the reduced plan), then book it; then bring
 * Xero in step with the rest of the order's life (docs/order-lifecycle.md).
 */
export async function runSyncPass(input: SyncOrderInput, workflowId: string): Promise<SyncPassOutcome> {
  const ctx = { storeId: input.storeId, orderId: input.orderId, workflowId };
  if (!patched(PLAN_INSIDE_ACTIVITY_PATCH)) return runLegacySyncPass(ctx);
  const existing = await syncActivities.getLedgerEntry({ storeId: ctx.storeId, orderId: ctx.orderId });
  const synced = alreadySynced(existing, existing?.orderNumber ?? String(ctx.orderId));
  if (synced) return patched(ORDER_LIFE_PATCH) ? followOrderLife(ctx, synced) : synced;
  const { orderNumber, ...plan } = await syncActivities.planOrderSync({ storeId: ctx.storeId, orderId: ctx.orderId });
  if ('skipReason' in plan) return recordSkipped(ctx, orderNumber, plan);
  const { outcome, created } = await bookAndTell(ctx, orderNumber, plan);
  if (!patched(ORDER_LIFE_PATCH)) return outcome;
  // Xero's answer to the create is what it holds now: the first look needs no read of the document.
  return followOrderLife(ctx, outcome, { ...created, kind: plan.kind });
}
