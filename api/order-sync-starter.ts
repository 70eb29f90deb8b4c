import type { Client } from '@temporalio/client';
import type { AppConfig } from '../lib/config';
import {
  orderChangedSignal,
  orderSyncWorkflowId,
  type OrderChangedEvent,
  type SyncOrderInput,
} from '../workflows/definitions';
import { SYNC_STATE, WOO_ORDER_NUMBER, WOO_STORE_ID } from '../lib/temporal/search-attributes';
import type { syncOrderWorkflow } from '../workflows';

/** One reported order change, as the webhook endpoint hands it on. */
export interface OrderChange {
  storeId: string;
  orderId: number;
  /** The order number the merchant sees, when the payload carried one. */
  orderNumber?: string;
  topic: string;
  deliveryId?: string;
}

/** Starts (or signals) the order's sync workflow; the webhook endpoint's only side effect. */
export interface OrderSyncStarter {
  start(change: OrderChange): Promise<{ workflowId: string }>;
}

/** A one-line, personal-data-free summary shown for the run in the Temporal Web UI. */
export function orderSyncSummary(change: Pick<OrderChange, 'storeId' | 'orderId' | 'orderNumber'>): string {
  return `Order #${change.orderNumber ?? change.orderId} of store ${change.storeId} → Xero`;
}

/** How long one start may take before the webhook answers 503 (the gRPC client would otherwise retry for ~20 s). */
export const DEFAULT_START_DEADLINE_MS = 5000;

/** Creates the starter that calls signalWithStart on `syncOrderWorkflow`, so repeated webhooks coalesce. */
export function createOrderSyncStarter(
  client: Client,
  config: Pick<AppConfig, 'temporal' | 'sync'>,
  options: { deadlineMs?: number } = {},
): OrderSyncStarter {
  const deadlineMs = options.deadlineMs ?? DEFAULT_START_DEADLINE_MS;
  return {
    async start(change) {
      const workflowId = orderSyncWorkflowId(change.storeId, change.orderId);
      const input: SyncOrderInput = {
        storeId: change.storeId,
        orderId: change.orderId,
        settleDelayMs: config.sync.settleDelayMs,
      };
      const signalWithStart = () =>
        client.workflow.signalWithStart<typeof syncOrderWorkflow, [OrderChangedEvent]>('syncOrderWorkflow', {
          workflowId,
          taskQueue: config.temporal.taskQueue,
          args: [input],
          signal: orderChangedSignal,
          signalArgs: [{ topic: change.topic, deliveryId: change.deliveryId }],
          typedSearchAttributes: [
            { key: WOO_STORE_ID, value: change.storeId },
            ...(change.orderNumber !== undefined ? [{ key: WOO_ORDER_NUMBER, value: change.orderNumber }] : []),
            { key: SYNC_STATE, value: 'settling' },
          ],
          staticSummary: orderSyncSummary(change),
        });
      await client.withDeadline(Date.now() + deadlineMs, signalWithStart);
      return { workflowId };
    },
  };
}
