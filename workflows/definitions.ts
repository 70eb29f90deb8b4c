import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Input of one order's sync workflow: which store and which WooCommerce order id. */
export interface SyncOrderInput {
  storeId: string;
  orderId: number;
  /** How long to wait for a burst of webhooks to settle before the first pass (the API passes its setting). */
  settleDelayMs?: number;
}

/** What a webhook tells a running order workflow; a hint only, never trusted for amounts. */
export interface OrderChangedEvent {
  topic: string;
  deliveryId?: string;
}

/** Where an order's sync stands, as shown in the SyncState search attribute and the status query. */
export type SyncState = 'settling' | 'syncing' | 'synced' | 'skipped' | 'failed';

/** Signal sent by the webhook endpoint (through signalWithStart) each time WooCommerce reports a change. */
export const orderChangedSignal = defineSignal<[OrderChangedEvent]>('orderChanged');

/** Query returning the workflow's current state, for support staff and tests. */
export const syncStatusQuery = defineQuery<{ state: SyncState; passes: number; documentNumber?: string }>('syncStatus');

/** Search attribute: the store id (never personal data). */
export const WOO_STORE_ID = defineSearchAttributeKey('WooStoreId', SearchAttributeType.KEYWORD);
/** Search attribute: the WooCommerce order number as the merchant sees it. */
export const WOO_ORDER_NUMBER = defineSearchAttributeKey('WooOrderNumber', SearchAttributeType.KEYWORD);
/** Search attribute: the Xero invoice or quote number once known. */
export const XERO_DOCUMENT_NUMBER = defineSearchAttributeKey('XeroDocumentNumber', SearchAttributeType.KEYWORD);
/** Search attribute: the SyncState of the run. */
export const SYNC_STATE = defineSearchAttributeKey('SyncState', SearchAttributeType.KEYWORD);

/** Every search attribute the project registers on the Temporal server, as `name=Type` pairs for the CLI. */
export const SEARCH_ATTRIBUTE_DECLARATIONS = [
  'WooStoreId=Keyword',
  'WooOrderNumber=Keyword',
  'XeroDocumentNumber=Keyword',
  'SyncState=Keyword',
];

/** The workflow ID of an order's sync: one open run per store and order. */
export function orderSyncWorkflowId(storeId: string, orderId: number): string {
  return `order-sync:${storeId}:${orderId}`;
}
