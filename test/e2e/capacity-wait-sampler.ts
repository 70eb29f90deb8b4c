import { defaultPayloadConverter } from '@temporalio/common';
import type { CapacityWaitDetails } from '../../activities/xero-capacity';
import type { TestStack } from '../support/stack';
import { testDataConverter } from '../support/payload-keys';
import { SYNC_STATE } from '../../lib/temporal/search-attributes';

/** What a sampler saw of orders waiting for Xero capacity: the API's order view, a run's heartbeat and SyncState. */
export interface SeenCapacityWaits {
  orderView?: { message: string; expectedAt: string };
  heartbeat?: CapacityWaitDetails;
  /** The SyncState search attribute of a waiting run, once one showed the wait. */
  runState?: string;
}

/**
 * Polls the API's order view, the runs' pending activities and their SyncState until each has shown a wait for
 * Xero capacity or `stop()` is called; resolves with what it saw.
 */
export function sampleCapacityWaits(stack: TestStack, orderIds: number[]): { stop(): Promise<SeenCapacityWaits> } {
  const seen: SeenCapacityWaits = {};
  let running = true;
  const { storeId, apiToken } = stack.store;

  const viewOf = async (orderId: number): Promise<SeenCapacityWaits['orderView']> => {
    const res = await fetch(`${stack.apiUrl}/api/stores/${storeId}/orders/${orderId}`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    if (!res.ok) return undefined;
    return ((await res.json()) as { xeroCapacityWait?: SeenCapacityWaits['orderView'] }).xeroCapacityWait ?? undefined;
  };

  const describe = (orderId: number) =>
    stack.temporal.workflow
      .getHandle(`order-sync:${storeId}:${orderId}`)
      .describe()
      .catch(() => undefined);

  const waitingStateOf = async (orderId: number): Promise<string | undefined> => {
    const state = (await describe(orderId))?.typedSearchAttributes.get(SYNC_STATE);
    return state === 'waiting-for-xero-capacity' ? state : undefined;
  };

  const heartbeatOf = async (orderId: number): Promise<CapacityWaitDetails | undefined> => {
    const codec = (await testDataConverter()).payloadCodecs?.[0];
    const description = await describe(orderId);
    for (const pending of description?.raw.pendingActivities ?? []) {
      const payloads = pending.heartbeatDetails?.payloads;
      if (!payloads?.length || !codec) continue;
      const [decoded] = await codec.decode(payloads);
      const details = decoded && defaultPayloadConverter.fromPayload<CapacityWaitDetails>(decoded);
      if (details?.waitingForXeroCapacity) return details;
    }
    return undefined;
  };

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // The API's view is cheap to read: all orders at once, often, so a short wait between batched creates is seen.
  const views = (async () => {
    while (running && !seen.orderView) {
      seen.orderView ??= (await Promise.all(orderIds.map(viewOf))).find((view) => view !== undefined);
      await pause(20);
    }
  })();
  const runs = (async () => {
    while (running && !(seen.heartbeat && seen.runState)) {
      for (const orderId of orderIds) {
        seen.heartbeat ??= await heartbeatOf(orderId);
        seen.runState ??= await waitingStateOf(orderId);
      }
      await pause(100);
    }
  })();

  return {
    async stop() {
      running = false;
      await Promise.all([views, runs]);
      return seen;
    },
  };
}
