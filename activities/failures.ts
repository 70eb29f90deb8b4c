import { ApplicationFailure } from '@temporalio/common';
import { MappingError } from '../lib/mapping';
import { WooApiError } from '../lib/woocommerce';
import { toActivityFailure } from '../lib/xero/errors';

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
  return toActivityFailure(err);
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
