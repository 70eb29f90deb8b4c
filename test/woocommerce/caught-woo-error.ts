import { WooApiError } from '../../lib/woocommerce/errors';

/** Awaits a promise expected to reject with a WooApiError and returns that error. */
export async function caught(promise: Promise<unknown>): Promise<WooApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WooApiError) return error;
    throw error;
  }
  throw new Error('expected a WooApiError');
}
