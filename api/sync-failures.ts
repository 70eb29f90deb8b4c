import { MappingError } from '../lib/mapping';
import { WooApiError } from '../lib/woocommerce';
import {
  XeroAuthRevokedError,
  XeroCapacityWaitError,
  XeroError,
  XeroForbiddenError,
  XeroNotConnectedError,
  XeroRateLimitError,
  XeroUnauthorizedError,
} from '../lib/xero/errors';
import { WireConversionError } from '../lib/xero/wire';
import { ApiError } from './errors';

/** Rethrows a MappingError as 422 `mapping_error` carrying its message, anything else unchanged. */
export function mappingFailure(error: unknown): never {
  if (error instanceof MappingError) throw new ApiError(422, 'mapping_error', error.message);
  throw error;
}

/** Rethrows what reading an order from WooCommerce threw as 404 (no such order) or 502, without secrets. */
export function wooFailure(error: unknown): never {
  if (!(error instanceof WooApiError)) throw error;
  if (error.status === 404) throw new ApiError(404, 'not_found', 'The store has no order with this id.');
  // The client's messages are redacted (no keys or signatures), so they can be shown.
  throw new ApiError(502, 'woocommerce_unavailable', `The store's WooCommerce API failed: ${error.message}`);
}

/** Rethrows what reading from Xero threw as 409 (reconnect), 503 (rate limit) or 502, and MappingError as 422. */
export function xeroReadFailure(error: unknown): never {
  if (error instanceof XeroNotConnectedError) throw new ApiError(409, 'xero_not_connected', error.message);
  if (
    error instanceof XeroAuthRevokedError ||
    error instanceof XeroUnauthorizedError ||
    error instanceof XeroForbiddenError
  ) {
    throw new ApiError(409, 'xero_reconnect_needed', error.message);
  }
  if (error instanceof XeroCapacityWaitError) {
    const headers = { 'Retry-After': String(Math.max(1, Math.ceil(error.waitMs / 1000))) };
    throw new ApiError(503, 'xero_rate_limited', `${error.message}; try again later.`, undefined, headers);
  }
  if (error instanceof XeroRateLimitError) {
    const seconds = error.retryAfterMs === undefined ? undefined : Math.ceil(error.retryAfterMs / 1000);
    const headers: Record<string, string> = seconds === undefined ? {} : { 'Retry-After': String(seconds) };
    throw new ApiError(503, 'xero_rate_limited', `${error.message}; try again later.`, undefined, headers);
  }
  // A request our own code cannot serialise is a bug here, not Xero's fault: a plain 500.
  if (error instanceof XeroError && !(error instanceof WireConversionError))
    throw new ApiError(502, 'xero_unavailable', `Xero could not be read: ${error.message}`);
  return mappingFailure(error);
}

/** Rethrows what planning a preview threw: a failed product read (for categories) as 502, the rest as Xero reads. */
export function previewFailure(error: unknown): never {
  if (error instanceof WooApiError) {
    throw new ApiError(502, 'woocommerce_unavailable', `Reading the order's products failed: ${error.message}`);
  }
  return xeroReadFailure(error);
}
