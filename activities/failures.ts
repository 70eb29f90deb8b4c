import { ApplicationFailure } from '@temporalio/common';
import { MappingError } from '../lib/mapping';
import { WooApiError } from '../lib/woocommerce';
import {
  XeroCapacityWaitError,
  XeroError,
  XeroRateLimitError,
  XeroValidationError,
  classifyXeroError,
} from '../lib/xero/errors';

/** Converts whatever an activity's dependencies threw into the Temporal failure that says whether to retry. */
export function toFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof MappingError) {
    return ApplicationFailure.create({ message: err.message, type: 'MappingError', nonRetryable: true });
  }
  if (err instanceof WooApiError) {
    return ApplicationFailure.create({
      message: `WooCommerce: ${err.message}`,
      type: 'WooApiError',
      nonRetryable: !err.retryable,
    });
  }
  return xeroFailure(classifyXeroError(err));
}

/** The Temporal failure for an error of the Xero door (or any other error, retried). */
function xeroFailure(classified: Error): ApplicationFailure {
  if (classified instanceof XeroValidationError) {
    return ApplicationFailure.create({
      message: classified.message,
      type: 'XeroValidationError',
      nonRetryable: true,
      details: [{ messages: classified.messages, correlationId: classified.correlationId }],
    });
  }
  if (classified instanceof XeroRateLimitError) {
    return ApplicationFailure.create({
      message: classified.message,
      type: 'XeroRateLimitError',
      nonRetryable: false,
      nextRetryDelay: classified.retryAfterMs,
      details: [{ problem: classified.problem }],
    });
  }
  if (classified instanceof XeroCapacityWaitError) {
    // Spread the retries of callers told the same time, so they do not return together.
    const delayMs = Math.max(1_000, classified.waitMs) + Math.random() * Math.min(5_000, classified.waitMs / 5);
    return ApplicationFailure.create({
      message: classified.message,
      type: 'XeroCapacityWait',
      nonRetryable: false,
      nextRetryDelay: Math.round(delayMs),
      details: [{ waitingForXeroCapacity: { limit: classified.reason, retryInMs: Math.round(delayMs) } }],
    });
  }
  if (classified instanceof XeroError) {
    return ApplicationFailure.create({
      message: classified.message,
      type: classified.name,
      nonRetryable: !classified.retryable,
    });
  }
  return ApplicationFailure.create({ message: classified.message, type: classified.name, nonRetryable: false });
}

/** Wraps every activity so its failures reach Temporal already classified as retryable or not. */
export function withFailureTranslation<T extends Record<string, (...args: never[]) => Promise<unknown>>>(
  activities: T,
): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (err) {
        throw toFailure(err);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
