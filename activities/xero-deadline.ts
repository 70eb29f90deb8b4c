import { Context } from '@temporalio/activity';
import { withRequestDeadline } from '../lib/xero/request-deadline';

/** Share of an attempt's start-to-close timeout left free after the last Xero request (database writes, reporting). */
export const ATTEMPT_RESERVE = 0.25;

/** The start-to-close timeout of the running activity attempt, or undefined outside an activity. */
function attemptTimeoutMs(): number | undefined {
  try {
    return Context.current().info.startToCloseTimeoutMs || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps activities so each attempt's Xero requests end (and none starts) before its start-to-close timeout: a
 * request may never still be running in this worker when Temporal starts the next attempt.
 */
export function withXeroDeadlines<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    (...args: never[]) => {
      const timeoutMs = attemptTimeoutMs();
      if (timeoutMs === undefined) return activity(...args);
      return withRequestDeadline(Date.now() + timeoutMs * (1 - ATTEMPT_RESERVE), () => activity(...args));
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
