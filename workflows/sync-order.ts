import {
  ApplicationFailure,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  orderChangedSignal,
  syncStatusQuery,
  xeroCapacityWaitSignal,
  type SyncOrderInput,
  type SyncState,
} from './definitions';
import { SYNC_STATE, WOO_ORDER_NUMBER, WOO_STORE_ID, XERO_DOCUMENT_NUMBER } from '../lib/temporal/search-attributes';
import { rootCauseMessage } from './failure-message';
import { syncActivities } from './sync-activities';
import { runSyncPass, type SyncPassOutcome } from './sync-pass';
import { storeMaySyncSignal } from './store-definitions';
import { storeActivities } from './store-activities';
import { STORE_GATE_PATCH, waitUntilStoreMaySync, xeroRefusal, type StoreWake } from './store-gate';

/** The default time to let WooCommerce's burst of created/updated webhooks settle before the first pass. */
export const DEFAULT_SETTLE_DELAY_MS = 3000;

const { recordSyncFailure } = syncActivities;

/**
 * Keeps one WooCommerce order's Xero document in step with the order: settles, then runs passes that read the
 * current order and move Xero towards it, until no change arrived during the last pass.
 */
export async function syncOrderWorkflow(input: SyncOrderInput): Promise<SyncPassOutcome> {
  let state: SyncState = 'settling';
  let passes = 0;
  let changesSinceLastPass = 0;
  let documentNumber: string | undefined;

  setHandler(orderChangedSignal, () => {
    changesSinceLastPass += 1;
  });
  setHandler(syncStatusQuery, () => ({ state, passes, documentNumber }));
  const storeWake: StoreWake = { requested: false };
  setHandler(storeMaySyncSignal, () => {
    storeWake.requested = true;
  });

  const setState = (next: SyncState): void => {
    state = next;
    upsertSearchAttributes([{ key: SYNC_STATE, value: next }]);
  };
  // Only a pass waits for Xero: a late signal after the pass ended changes nothing.
  setHandler(xeroCapacityWaitSignal, ({ until }) => {
    if (state !== 'syncing' && state !== 'waiting-for-xero-capacity') return;
    const next: SyncState = until === null ? 'syncing' : 'waiting-for-xero-capacity';
    if (next !== state) setState(next);
    setCurrentDetails(until === null ? '' : `Waiting for Xero capacity until ${until}`);
  });

  // Also for runs started by hand (support re-runs): the store is always searchable.
  upsertSearchAttributes([{ key: WOO_STORE_ID, value: input.storeId }]);
  for (;;) {
    await sleep(input.settleDelayMs ?? DEFAULT_SETTLE_DELAY_MS, { summary: 'let webhook bursts settle' });
    const gated = patched(STORE_GATE_PATCH);
    if (gated) {
      // Paused, uninstalled or waiting for a Xero reconnect: nothing is booked until the store lets it.
      const gate = await waitUntilStoreMaySync(input.storeId, storeWake, setState, input.storeRecheckMs);
      if (gate.verdict === 'stop') return stoppedByStore(gate.message);
    }
    changesSinceLastPass = 0;
    setState('syncing');
    passes += 1;
    let outcome: SyncPassOutcome;
    try {
      outcome = await runSyncPass(input, workflowInfo().workflowId);
    } catch (err) {
      if (gated && (await storeStoppedOrWaits(err))) continue;
      setState('failed');
      const message = rootCauseMessage(err);
      await recordSyncFailure({ storeId: input.storeId, orderId: input.orderId, message });
      throw ApplicationFailure.nonRetryable(
        `Order ${input.orderId} could not be synced: ${message}`,
        'OrderSyncFailed',
      );
    }
    if (outcome.orderNumber) upsertSearchAttributes([{ key: WOO_ORDER_NUMBER, value: outcome.orderNumber }]);
    if (outcome.documentNumber) {
      documentNumber = outcome.documentNumber;
      upsertSearchAttributes([{ key: XERO_DOCUMENT_NUMBER, value: outcome.documentNumber }]);
    }
    setCurrentDetails(outcome.summary);
    if (changesSinceLastPass === 0) {
      setState(outcome.state);
      log.info('order sync finished', { state: outcome.state, passes });
      return outcome;
    }
    // Another change arrived while the pass ran: loop, settle again and look at the order's current state.
  }

  /** Ends the run without booking: the store has left. */
  function stoppedByStore(message: string): SyncPassOutcome {
    setState('skipped');
    setCurrentDetails(message);
    return { state: 'skipped', summary: `Order ${input.orderId} not synced: ${message}` };
  }

  /**
   * After a failed pass: whether the store now holds the order back (Xero refused the connection, the store was
   * paused or left meanwhile), so the run waits at the gate and tries the pass again instead of failing.
   */
  async function storeStoppedOrWaits(err: unknown): Promise<boolean> {
    const refusal = xeroRefusal(err);
    if (refusal) {
      await storeActivities.noteXeroRefused({ storeId: input.storeId, reason: refusal });
    }
    const gate = await storeActivities.checkStoreMaySync({ storeId: input.storeId });
    return gate.verdict !== 'sync';
  }
}
