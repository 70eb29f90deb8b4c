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

/** How often the order views and runs are read again (the waits worth showing last seconds). */
const VIEW_INTERVAL_MS = 100;
/** How many runs are described at once. */
const DESCRIBES_AT_ONCE = 10;

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

  type Description = Awaited<ReturnType<typeof describe>>;
  const describe = (orderId: number) =>
    stack.temporal.workflow
      .getHandle(`order-sync:${storeId}:${orderId}`)
      .describe()
      .catch(() => undefined);

  const waitingStateOf = (description: Description): string | undefined => {
    const state = description?.typedSearchAttributes.get(SYNC_STATE);
    return state === 'waiting-for-xero-capacity' ? state : undefined;
  };

  const heartbeatOf = async (description: Description): Promise<CapacityWaitDetails | undefined> => {
    const codec = (await testDataConverter()).payloadCodecs?.[0];
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
  // Which orders wait depends on the order the worker takes them in: every one is watched, several at a time.
  const views = (async () => {
    while (running && !seen.orderView) {
      seen.orderView ??= (await Promise.all(orderIds.map(viewOf))).find((view) => view !== undefined);
      await pause(VIEW_INTERVAL_MS);
    }
  })();
  const runs = (async () => {
    while (running && !(seen.heartbeat && seen.runState)) {
      for (let i = 0; i < orderIds.length && running; i += DESCRIBES_AT_ONCE) {
        const descriptions = await Promise.all(orderIds.slice(i, i + DESCRIBES_AT_ONCE).map(describe));
        for (const description of descriptions) {
          seen.heartbeat ??= await heartbeatOf(description);
          seen.runState ??= waitingStateOf(description);
        }
      }
      await pause(VIEW_INTERVAL_MS);
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
