import { proxyActivities } from '@temporalio/workflow';
import type { SyncActivities } from '../activities/types';
import type { SyncOrderInput, SyncState } from './definitions';

/** What one pass over an order concluded. */
export interface SyncPassOutcome {
  state: Extract<SyncState, 'synced' | 'skipped'>;
  orderNumber?: string;
  documentNumber?: string;
  summary: string;
}

const woo = proxyActivities<SyncActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '2m' },
});

const xero = proxyActivities<SyncActivities>({
  startToCloseTimeout: '20s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
});

/**
 * One pass: read the current order and the ledger, and if the order should be in Xero and is not yet, create its
 * contact, items and document exactly once, record it, and tell the merchant in an order note.
 */
export async function runSyncPass(input: SyncOrderInput, workflowId: string): Promise<SyncPassOutcome> {
  const { storeId, orderId } = input;
  const order = await woo.fetchWooOrder({ storeId, orderId });
  const orderNumber = order.number;
  const existing = await woo.getLedgerEntry({ storeId, orderId });
  if (existing?.state === 'synced' && existing.xeroDocumentNumber) {
    return {
      state: 'synced',
      orderNumber,
      documentNumber: existing.xeroDocumentNumber,
      summary: `Order #${orderNumber} is already in Xero as ${existing.documentKind} ${existing.xeroDocumentNumber}.`,
    };
  }
  const plan = await xero.planXeroDocument({ storeId, order });
  if ('skipReason' in plan) {
    await woo.recordLedgerEntry({
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
  await woo.recordLedgerEntry({ storeId, orderId, orderNumber, state: 'pending', lastError: null, workflowId });
  const contactId = await xero.findOrCreateXeroContact({ storeId, contact: plan.contact });
  if (plan.items.length > 0) await xero.ensureXeroItems({ storeId, items: plan.items });
  const created = await xero.createXeroDocument({ storeId, orderId, plan, contactId });
  await woo.recordLedgerEntry({
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
  await woo.addWooOrderNote({
    storeId,
    orderId,
    note: `Synced to Xero as ${plan.kind} ${created.number} (total ${created.total} ${created.currencyCode}).`,
  });
  return {
    state: 'synced',
    orderNumber,
    documentNumber: created.number,
    summary: `Order #${orderNumber} → Xero ${plan.kind} ${created.number}, total ${created.total} ${created.currencyCode}.`,
  };
}
