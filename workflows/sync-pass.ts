import type { SyncOrderInput, SyncState } from './definitions';
import { syncActivities } from './sync-activities';

/** What one pass over an order concluded. */
export interface SyncPassOutcome {
  state: Extract<SyncState, 'synced' | 'skipped'>;
  orderNumber?: string;
  documentNumber?: string;
  summary: string;
  /** A problem after booking that leaves the order synced (e.g. the order note could not be written). */
  warning?: string;
}

/**
 * One pass: read the current order and the ledger, and if the order should be in Xero and is not yet, create its
 * contact, items and document exactly once, record it, and tell the merchant in an order note.
 */
export async function runSyncPass(input: SyncOrderInput, workflowId: string): Promise<SyncPassOutcome> {
  const { storeId, orderId } = input;
  const order = await syncActivities.fetchWooOrder({ storeId, orderId });
  const orderNumber = order.number;
  const existing = await syncActivities.getLedgerEntry({ storeId, orderId });
  if (existing?.state === 'synced' && existing.xeroDocumentNumber) {
    return {
      state: 'synced',
      orderNumber,
      documentNumber: existing.xeroDocumentNumber,
      summary: `Order #${orderNumber} is already in Xero as ${existing.documentKind} ${existing.xeroDocumentNumber}.`,
    };
  }
  const plan = await syncActivities.planXeroDocument({ storeId, order });
  if ('skipReason' in plan) {
    await syncActivities.recordLedgerEntry({
      storeId,
      orderId,
      orderNumber,
      state: 'skipped',
      settingsVersion: plan.settingsVersion,
      lastError: null,
      workflowId,
    });
    return { state: 'skipped', orderNumber, summary: `Order #${orderNumber} not synced: ${plan.skipReason}` };
  }
  await syncActivities.recordLedgerEntry({
    storeId,
    orderId,
    orderNumber,
    state: 'pending',
    lastError: null,
    workflowId,
  });
  const contactId = await syncActivities.findOrCreateXeroContact({ storeId, contact: plan.contact });
  if (plan.items.length > 0) await syncActivities.ensureXeroItems({ storeId, items: plan.items });
  const created = await syncActivities.createXeroDocument({ storeId, orderId, plan, contactId });
  await syncActivities.recordLedgerEntry({
    storeId,
    orderId,
    orderNumber,
    state: 'synced',
    documentKind: plan.kind,
    xeroDocumentId: created.documentId,
    xeroDocumentNumber: created.number,
    orderTotal: plan.expectedTotal,
    xeroTotal: created.total,
    currency: created.currencyCode,
    settingsVersion: plan.settingsVersion,
    lastError: null,
    workflowId,
  });
  const noted = await syncActivities.addWooOrderNote({
    storeId,
    orderId,
    note: `Synced to Xero as ${plan.kind} ${created.number} (total ${created.total} ${created.currencyCode}).`,
  });
  const summary = `Order #${orderNumber} → Xero ${plan.kind} ${created.number}, total ${created.total} ${created.currencyCode}.`;
  // Runs recorded before the note activity reported an outcome replay with `noted` undefined.
  const warning = noted?.warning;
  return {
    state: 'synced',
    orderNumber,
    documentNumber: created.number,
    summary: warning ? `${summary} Warning: ${warning}` : summary,
    ...(warning ? { warning } : {}),
  };
}
