import {
  ApplicationFailure,
  continueAsNew,
  executeChild,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WOO_STORE_ID } from '../lib/temporal/search-attributes';
import { rootCauseMessage } from './failure-message';
import { storeActivities } from './store-activities';
import {
  storeEventRecordedSignal,
  storeEventWorkflowId,
  type StoreEventInput,
  type StoreLifecycleInput,
} from './store-definitions';

/** Events one run applies before it continues as new, so its history stays small. */
const EVENTS_PER_RUN = 100;

/**
 * The store's entity: applies its lifecycle events one at a time, in the order they were recorded, each as its own
 * child run (what it did is that run's result); ends when none is left (the next event starts it again).
 */
export async function storeLifecycleWorkflow(input: StoreLifecycleInput): Promise<{ applied: number }> {
  let woken = false;
  setHandler(storeEventRecordedSignal, () => {
    woken = true;
  });
  upsertSearchAttributes([{ key: WOO_STORE_ID, value: input.storeId }]);
  let applied = 0;
  for (;;) {
    woken = false;
    const next = await storeActivities.nextStoreEvent({ storeId: input.storeId });
    if (!next) {
      if (woken) continue;
      return { applied: (input.appliedBefore ?? 0) + applied };
    }
    const eventInput: StoreEventInput = { storeId: input.storeId, eventId: next.eventId, kind: next.kind };
    let outcome: string;
    let state: 'applied' | 'failed' = 'applied';
    try {
      outcome = await executeChild(storeEventWorkflow, {
        workflowId: storeEventWorkflowId(input.storeId, next.eventId),
        args: [eventInput],
        staticSummary: `Store ${input.storeId}: ${next.kind} (event ${next.eventId})`,
        typedSearchAttributes: [{ key: WOO_STORE_ID, value: input.storeId }],
      });
    } catch (err) {
      state = 'failed';
      outcome = rootCauseMessage(err);
    }
    await storeActivities.settleStoreEvent({ eventId: next.eventId, state, outcome });
    applied += 1;
    setCurrentDetails(`Last event: ${next.kind} (${state}): ${outcome}`);
    if (applied >= EVENTS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof storeLifecycleWorkflow>({
        storeId: input.storeId,
        appliedBefore: (input.appliedBefore ?? 0) + applied,
      });
    }
  }
}

/** Applies one lifecycle event of a store; returns what it did, in words for support staff. */
export async function storeEventWorkflow(input: StoreEventInput): Promise<string> {
  const ref = { storeId: input.storeId };
  const steps: string[] = [];
  const step = async (done: Promise<string>): Promise<void> => {
    steps.push(await done);
    setCurrentDetails(steps.join('\n'));
  };
  switch (input.kind) {
    case 'credentials':
      await step(storeActivities.verifyWooStore({ ...ref, eventId: input.eventId }));
      await step(storeActivities.ensureStoreWebhooks(ref));
      await step(storeActivities.startStoreTrial(ref));
      await step(storeActivities.markStoreActive(ref));
      await step(storeActivities.suggestStoreTaxMapping(ref));
      // Issue 11 adds the store's reconciliation schedule here.
      await step(storeActivities.wakeWaitingOrders(ref));
      break;
    case 'deactivated':
      await step(storeActivities.pauseStore(ref));
      break;
    case 'reactivated': {
      const resumed = await storeActivities.resumeStore(ref);
      steps.push(resumed.summary);
      if (resumed.pausedSince) {
        await step(storeActivities.catchUpStoreOrders({ ...ref, since: resumed.pausedSince, eventId: input.eventId }));
      }
      await step(storeActivities.wakeWaitingOrders(ref));
      break;
    }
    case 'sync-resumable':
      await step(storeActivities.wakeWaitingOrders(ref));
      break;
    case 'uninstalled':
      await step(storeActivities.deleteStoreWebhooks(ref));
      await step(storeActivities.disconnectStoreXero(ref));
      await step(storeActivities.eraseStoreData(ref));
      // Waiting orders look again, see the store has left and end without booking.
      await step(storeActivities.wakeWaitingOrders(ref));
      break;
    default:
      throw ApplicationFailure.nonRetryable(`Unknown store event ${String(input.kind)}`, 'UnknownStoreEvent');
  }
  return steps.join(' ');
}
