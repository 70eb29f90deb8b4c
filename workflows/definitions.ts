import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OrderLifeState } from '../lib/lifecycle/order-changes';

/** Input of one order's sync workflow: which store and which WooCommerce order id. */
export interface SyncOrderInput {
  storeId: string;
  orderId: number;
  /** How long to wait for a burst of webhooks to settle before the first pass (the API passes its setting). */
  settleDelayMs?: number;
  /** How often an order waiting for its store looks again without a signal (default 15 minutes; tests shorten it). */
  storeRecheckMs?: number;
}

/** What a webhook tells a running order workflow; a hint only, never trusted for amounts. */
export interface OrderChangedEvent {
  topic: string;
  deliveryId?: string;
}

/**
 * Where an order's sync stands, as shown in the SyncState search attribute and the status query: the pass's
 * progress, then where the order stands in its life (synced, paid, part-refunded, refunded, voided, deleted).
 */
export type SyncState =
  | 'settling'
  | 'syncing'
  | 'waiting-for-xero-capacity'
  | 'paused'
  | 'waiting-for-reconnect'
  | 'skipped'
  | 'failed'
  | OrderLifeState;

/** What a Xero activity tells its run while it waits for the organisation's capacity: until when, or null once done. */
export interface XeroCapacityWaitEvent {
  until: string | null;
}

/** Signal sent by the webhook endpoint (through signalWithStart) each time WooCommerce reports a change. */
export const orderChangedSignal = defineSignal<[OrderChangedEvent]>('orderChanged');

/** Signal from the run's own Xero activity: it waits for capacity (shown as the run's SyncState), or no longer. */
export const xeroCapacityWaitSignal = defineSignal<[XeroCapacityWaitEvent]>('xeroCapacityWait');

/** Query returning the workflow's current state, for support staff and tests. */
export const syncStatusQuery = defineQuery<{ state: SyncState; passes: number; documentNumber?: string }>('syncStatus');

/** The workflow ID of an order's sync: one open run per store and order. */
export function orderSyncWorkflowId(storeId: string, orderId: number): string {
  return `order-sync:${storeId}:${orderId}`;
}
