import { patched } from '@temporalio/workflow';
import type { SyncOrderInput } from './definitions';
import { alreadySynced, bookDocument, recordSkipped, type SyncPassOutcome } from './book-document';
import { runLegacySyncPass } from './legacy-sync-pass';
import { syncActivities } from './sync-activities';

export type { SyncPassOutcome } from './book-document';

/** The patch that moved reading the order into the planning activity (the order no longer enters history). */
export const PLAN_INSIDE_ACTIVITY_PATCH = 'plan-order-inside-activity';

/**
 * One pass: look the order up in the ledger and, if it is not in Xero yet, read and plan it in one activity (the
 * WooCommerce order stays inside it; history gets the order number and the reduced plan), then book it.
 */
export async function runSyncPass(input: SyncOrderInput, workflowId: string): Promise<SyncPassOutcome> {
  const ctx = { storeId: input.storeId, orderId: input.orderId, workflowId };
  if (!patched(PLAN_INSIDE_ACTIVITY_PATCH)) return runLegacySyncPass(ctx);
  const existing = await syncActivities.getLedgerEntry({ storeId: ctx.storeId, orderId: ctx.orderId });
  const synced = alreadySynced(existing, existing?.orderNumber ?? String(ctx.orderId));
  if (synced) return synced;
  const { orderNumber, ...plan } = await syncActivities.planOrderSync({ storeId: ctx.storeId, orderId: ctx.orderId });
  if ('skipReason' in plan) return recordSkipped(ctx, orderNumber, plan);
  return bookDocument(ctx, orderNumber, plan);
}
