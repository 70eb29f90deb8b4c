/** What went wrong talking to a WooCommerce store, classified for retry decisions. */
export class WooApiError extends Error {
  override readonly name = 'WooApiError';
  /** HTTP status, or 0 when no response arrived (network failure, timeout). */
  readonly status: number;
  /** WooCommerce/WordPress error code (e.g. `woocommerce_rest_shop_order_invalid_id`) or a client-side code. */
  readonly code: string;
  /** True for 5xx, 408, 429, network failures and timeouts; false for 4xx and invalid responses. */
  readonly retryable: boolean;
  /** Delay the server asked for with `Retry-After`, in milliseconds, when present. */
  readonly retryAfterMs?: number;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryAfterMs?: number;
    cause?: unknown;
    /** Overrides the classification by status, e.g. for a store URL that is refused before any request. */
    retryable?: boolean;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? (isRetryableStatus(init.status) && init.code !== 'invalid_response');
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Whether a request that ended with this HTTP status (0 = no response) may succeed if repeated. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * Why the store refused a request outright: `keys_refused` (401: unknown key, wrong secret, or a key without the
 * read/write permission the request needs) or `not_admin` (403: the key works but its user cannot manage WooCommerce,
 * e.g. a customer's key). Null for anything else.
 */
export type WooAccessRefusal = 'keys_refused' | 'not_admin';

/** The access refusal an error stands for, or null when it is not one. */
export function wooAccessRefusal(error: unknown): WooAccessRefusal | null {
  if (!(error instanceof WooApiError)) return null;
  if (error.status === 401) return 'keys_refused';
  if (error.status === 403) return 'not_admin';
  return null;
}
