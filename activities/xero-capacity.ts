import { Context } from '@temporalio/activity';
import type { LedgerRepository } from '../lib/db/repositories';
import { withCapacityWaitReporter } from '../lib/xero/capacity-waits';
import { XeroCapacityWaitError } from '../lib/xero/errors';
import type { CapacityWait } from '../lib/xero/governor';

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

/** The running activity's context, or undefined outside an activity. */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/**
 * Wraps the Xero activities so a wait for the organisation's capacity is visible: heartbeat details in the
 * Temporal UI, and the expected time in the ledger for the API's order view (cleared when the activity ends other
 * than by waiting longer than its attempt may).
 */
export function withCapacityWaitsShown<T extends Record<string, (...args: never[]) => Promise<unknown>>>(
  activities: T,
  ledger: Pick<LedgerRepository, 'recordXeroWait'>,
): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    async (...args: never[]) => {
      const context = activityContext();
      if (!context) return activity(...args);
      const input = (args[0] ?? {}) as { storeId?: string; orderId?: number };
      const workflowId = context.info.workflowExecution?.workflowId;
      const order =
        typeof input.storeId === 'string' && workflowId
          ? { storeId: input.storeId, orderId: input.orderId, workflowId }
          : undefined;
      let recorded = context.info.attempt > 1;
      const pending: Array<Promise<void>> = [];
      const report = (wait: CapacityWait): void => {
        const until = new Date(Date.now() + Math.max(0, wait.waitMs));
        context.heartbeat(capacityWaitDetails(wait, until));
        if (!order || wait.waitMs < LEDGER_WAIT_THRESHOLD_MS) return;
        recorded = true;
        pending.push(ledger.recordXeroWait(order, until).catch(() => undefined));
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
        if (order && recorded) await ledger.recordXeroWait(order, null).catch(() => undefined);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
