import { alreadySynced, bookDocument, recordSkipped, type PassContext, type SyncPassOutcome } from './book-document';
import { syncActivities } from './sync-activities';

/**
 * The pass of runs that started before the `plan-order-inside-activity` patch: it reads the whole WooCommerce
 * order into history and hands it to the planning activity. Kept, command for command, so those runs replay;
 * remove it (with `deprecatePatch`) once no such run is open or kept (docs/workflow-versioning.md).
 */
export async function runLegacySyncPass(ctx: PassContext): Promise<SyncPassOutcome> {
  const { storeId, orderId } = ctx;
  const order = await syncActivities.fetchWooOrder({ storeId, orderId });
  const existing = await syncActivities.getLedgerEntry({ storeId, orderId });
  const synced = alreadySynced(existing, order.number);
  if (synced) return synced;
  const plan = await syncActivities.planXeroDocument({ storeId, order });
  if ('skipReason' in plan) return recordSkipped(ctx, order.number, plan);
  return bookDocument(ctx, order.number, plan);
}
