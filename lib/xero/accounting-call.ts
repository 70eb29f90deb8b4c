import { AccountingApi } from 'xero-node';
import { XeroUnauthorizedError, classifyXeroError } from './errors';
import { requestTimeoutMs } from './request-deadline';
import type { XeroTokenSource } from './token-provider';

/** One Accounting API request: given a ready AccountingApi and the tenant, returns xero-node's `{ body }`. */
export type AccountingRequest<T> = (api: AccountingApi, tenantId: string) => Promise<{ body: T }>;

/** Runs Accounting API requests for a store: fresh token, one refresh-and-retry on 401, typed errors. */
export type AccountingCaller = <T>(storeId: string, what: string, request: AccountingRequest<T>) => Promise<T>;

/** Settings of the Accounting API caller. */
export interface AccountingCallerOptions {
  /** Base path of the Accounting API, e.g. https://api.xero.com/api.xro/2.0 (XERO_API_URL). */
  apiUrl: string;
  tokens: XeroTokenSource;
  /**
   * Per-request timeout in milliseconds; default 10 s, well inside the Xero activities' 20 s start-to-close
   * timeout. Inside `withRequestDeadline` it is cut to the time left, so no request outlives its activity attempt.
   */
  timeoutMs?: number;
}

/** Default per-request timeout of Accounting API calls. */
export const DEFAULT_ACCOUNTING_TIMEOUT_MS = 10_000;

/**
 * Creates the caller. Each request gets its own AccountingApi: the bearer token lives on the instance and is
 * applied asynchronously, so a shared instance would let concurrent calls for different stores swap tokens.
 */
export function createAccountingCaller(options: AccountingCallerOptions): AccountingCaller {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ACCOUNTING_TIMEOUT_MS;

  const apiFor = (accessToken: string, what: string): AccountingApi => {
    const requestTimeout = requestTimeoutMs(what, timeoutMs);
    const api = new AccountingApi(options.apiUrl);
    api.accessToken = accessToken;
    // xero-node lets an Authentication edit the axios request options; we use that hook to bound each request.
    api.setDefaultAuthentication({
      applyToRequest(requestOptions: { timeout?: number }) {
        requestOptions.timeout = requestTimeout;
      },
    });
    return api;
  };

  return async (storeId, what, request) => {
    const access = await options.tokens.getAccess(storeId);
    try {
      return (await request(apiFor(access.accessToken, what), access.tenantId)).body;
    } catch (err) {
      const classified = classifyXeroError(err, what);
      if (!(classified instanceof XeroUnauthorizedError)) throw classified;
    }
    const refreshed = await options.tokens.refreshAfterUnauthorized(storeId, access.accessToken);
    try {
      return (await request(apiFor(refreshed.accessToken, what), refreshed.tenantId)).body;
    } catch (err) {
      throw classifyXeroError(err, what);
    }
  };
}
