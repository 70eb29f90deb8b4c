import type { Client } from '@temporalio/client';
import type { AppConfig } from '../lib/config';
import type {
  StoreEvent,
  StoreEventKind,
  StoreLifecycleRepository,
  WooKeys,
} from '../lib/db/repositories/store-lifecycle';
import { WOO_STORE_ID } from '../lib/temporal/search-attributes';
import type { storeLifecycleWorkflow } from '../workflows';
import { storeEventRecordedSignal, storeLifecycleWorkflowId } from '../workflows/store-definitions';

/** Records a store's lifecycle event and hands it to the store's lifecycle workflow. */
export interface StoreEventStarter {
  /** Records the event (pending; a credentials event with its keys) and wakes (or starts) the store's workflow. */
  record(storeId: string, kind: StoreEventKind, keys?: WooKeys): Promise<{ event: StoreEvent; workflowId: string }>;
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
    async record(storeId, kind, keys) {
      const event = await lifecycle.record(storeId, kind, keys);
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
 * Tells the store's waiting orders that they may go on (Xero connected again, subscription renewed); best effort:
 * they also look again on their own every few minutes, so a Temporal hiccup never fails the caller's request.
 */
export async function announceSyncMayResume(
  storeEvents: StoreEventStarter | undefined,
  storeId: string,
): Promise<void> {
  try {
    await storeEvents?.record(storeId, 'sync-resumable');
  } catch {
    // Recorded or not, waiting orders recheck by themselves.
  }
}
