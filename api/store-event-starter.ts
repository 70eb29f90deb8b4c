import type { Client } from '@temporalio/client';
import type { AppConfig } from '../lib/config';
import type { StoreEvent, StoreEventKind, StoreLifecycleRepository } from '../lib/db/repositories/store-lifecycle';
import { WOO_STORE_ID } from '../lib/temporal/search-attributes';
import type { storeLifecycleWorkflow } from '../workflows';
import { storeEventRecordedSignal, storeLifecycleWorkflowId } from '../workflows/store-definitions';

/** Records a store's lifecycle event and hands it to the store's lifecycle workflow. */
export interface StoreEventStarter {
  /** Records the event (pending) and wakes (or starts) the store's workflow; resolves with the event. */
  record(storeId: string, kind: StoreEventKind): Promise<{ event: StoreEvent; workflowId: string }>;
}

/** How long waking the store's workflow may take before the caller is told to try again. */
const WAKE_DEADLINE_MS = 5000;

/**
 * Creates the starter: the event is written first (its id orders it among the store's events), then the store's
 * entity workflow is signalled with start, so an event is never applied out of order or lost with a failed wake.
 */
export function createStoreEventStarter(
  client: Client,
  config: Pick<AppConfig, 'temporal'>,
  lifecycle: Pick<StoreLifecycleRepository, 'record'>,
): StoreEventStarter {
  return {
    async record(storeId, kind) {
      const event = await lifecycle.record(storeId, kind);
      const workflowId = storeLifecycleWorkflowId(storeId);
      await client.withDeadline(Date.now() + WAKE_DEADLINE_MS, () =>
        client.workflow.signalWithStart<typeof storeLifecycleWorkflow, []>('storeLifecycleWorkflow', {
          workflowId,
          taskQueue: config.temporal.taskQueue,
          args: [{ storeId }],
          signal: storeEventRecordedSignal,
          signalArgs: [],
          typedSearchAttributes: [{ key: WOO_STORE_ID, value: storeId }],
          staticSummary: `Lifecycle of store ${storeId}: its events, applied in order`,
        }),
      );
      return { event, workflowId };
    },
  };
}

/**
 * Tells the store's waiting orders that Xero is connected again (best effort: they also look again on their own
 * every few minutes, so a Temporal hiccup here never fails the merchant's connect page).
 */
export async function announceXeroConnected(
  storeEvents: StoreEventStarter | undefined,
  storeId: string,
): Promise<void> {
  try {
    await storeEvents?.record(storeId, 'sync-resumable');
  } catch {
    // Recorded or not, waiting orders recheck by themselves.
  }
}
