import { Context } from '@temporalio/activity';
import type { LedgerRepository } from '../lib/db/repositories';
import { withCapacityWaitReporter } from '../lib/xero/capacity-waits';
import { XeroCapacityWaitError } from '../lib/xero/errors';
import type { CapacityWait } from '../lib/xero/governor';
import { xeroCapacityWaitSignal } from '../workflows/definitions';

/** Waits shorter than this are not written to the ledger (a busy organisation spaces its calls by seconds). */
export const LEDGER_WAIT_THRESHOLD_MS = 2_000;

/** What an activity's heartbeat says while it waits: shown as the pending activity's details in the Temporal UI. */
export interface CapacityWaitDetails {
  waitingForXeroCapacity: { until: string; limit: CapacityWait['reason']; request: string };
}

/** The details a waiting activity heartbeats. */
export function capacityWaitDetails(wait: CapacityWait, until: Date): CapacityWaitDetails {
  return { waitingForXeroCapacity: { until: until.toISOString(), limit: wait.reason, request: wait.what } };
}

/**
 * Tells the activity's own run that it waits until `until` (or no longer, null), so the run's SyncState shows it.
 * Best effort: the heartbeat and the ledger already say so, and a run that has ended ignores it.
 */
async function tellRun(context: Context, until: Date | null): Promise<void> {
  const execution = context.info.workflowExecution;
  if (!execution) return;
  try {
    await context.client.workflow
      .getHandle(execution.workflowId, execution.runId)
      .signal(xeroCapacityWaitSignal, { until: until === null ? null : until.toISOString() });
  } catch {
    // The run may have ended or Temporal may be briefly unreachable: the state is shown elsewhere too.
  }
}

/** The running activity's context, or undefined outside an activity. */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/**
 * Wraps the Xero activities so a wait for the organisation's capacity is visible: heartbeat details and the run's
 * SyncState (`waiting-for-xero-capacity`, by a signal to the run) in the Temporal UI, and the expected time in the
 * ledger for the API's order view; all cleared when the activity ends other than by waiting longer than its attempt
 * may.
 */
export function withCapacityWaitsShown<T extends Record<string, (...args: never[]) => Promise<unknown>>>(
  activities: T,
  ledger: Pick<LedgerRepository, 'recordXeroWait'>,
): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    async (...args: never[]) => {
      const found = activityContext();
      if (!found) return activity(...args);
      const context: Context = found;
      const input = (args[0] ?? {}) as { storeId?: string; orderId?: number };
      const workflowId = context.info.workflowExecution?.workflowId;
      const order =
        typeof input.storeId === 'string' && workflowId
          ? { storeId: input.storeId, orderId: input.orderId, workflowId }
          : undefined;
      let recorded = context.info.attempt > 1;
      let toldRun = false;
      const pending: Array<Promise<void>> = [];
      const report = (wait: CapacityWait): void => {
        const until = new Date(Date.now() + Math.max(0, wait.waitMs));
        context.heartbeat(capacityWaitDetails(wait, until));
        if (!order || wait.waitMs < LEDGER_WAIT_THRESHOLD_MS) return;
        recorded = true;
        pending.push(ledger.recordXeroWait(order, until).catch(() => undefined));
        // One signal per attempt: the run's history records that it waits, not every new estimate.
        if (!toldRun) pending.push(tellRun(context, until));
        toldRun = true;
      };
      try {
        const result = await withCapacityWaitReporter(report, () => activity(...args));
        await clearWait();
        return result;
      } catch (err) {
        if (!(err instanceof XeroCapacityWaitError)) await clearWait();
        else await Promise.all(pending);
        throw err;
      }

      async function clearWait(): Promise<void> {
        await Promise.all(pending);
        if (!order || !recorded) return;
        await Promise.all([ledger.recordXeroWait(order, null).catch(() => undefined), tellRun(context, null)]);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
