import { AsyncLocalStorage } from 'node:async_hooks';
import { XeroTransientError } from './errors';

/** A request with less time than this left is not sent: it would likely time out while Xero still works on it. */
export const MIN_REQUEST_MS = 1_000;

const deadlines = new AsyncLocalStorage<number>();

/** Runs `work` so that every Xero request made inside it ends by `deadlineMs` (epoch ms), and none starts later. */
export function withRequestDeadline<T>(deadlineMs: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run(deadlineMs, work);
}

/** The deadline (epoch ms) of the work running now, or undefined outside `withRequestDeadline`. */
export function currentRequestDeadline(): number | undefined {
  return deadlines.getStore();
}

/**
 * The timeout for a request about to be sent: `timeoutMs`, shortened to the time left before the caller's deadline.
 * Throws a transient error (nothing sent) when too little time is left, so a retry starts the request afresh.
 */
export function requestTimeoutMs(what: string, timeoutMs: number, nowMs = Date.now()): number {
  const deadline = deadlines.getStore();
  if (deadline === undefined) return timeoutMs;
  const left = deadline - nowMs;
  if (left < MIN_REQUEST_MS) {
    throw new XeroTransientError(`Not sending ${what}: this attempt has no time left for a Xero request`, 0);
  }
  return Math.min(timeoutMs, left);
}
