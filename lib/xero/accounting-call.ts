import { AccountingApi } from 'xero-node';
import { OPEN_GATE, type CallPermit, type XeroCallGate } from './call-gate';
import { XeroRateLimitError, XeroUnauthorizedError, classifyXeroError, rejectionHeaders } from './errors';
import { readQuota } from './quota-headers';
import { requestTimeoutMs } from './request-deadline';
import type { XeroTokenSource } from './token-provider';

/**
 * One Accounting API request: given a ready AccountingApi and the tenant, returns xero-node's `{ response, body }`.
 * It is called once a permit is held, and again (with the same arguments) after a 401 refresh or a 429.
 */
export type AccountingRequest<T> = (
  api: AccountingApi,
  tenantId: string,
) => Promise<{ body: T; response?: { headers?: unknown } }>;

/**
 * Runs Accounting API requests for a store: fresh token, a permit from the organisation's call gate for every
 * request sent, one refresh-and-retry on 401, the same request again after a 429 when the gate says so, typed errors.
 */
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
  /** Hands out the organisation's call permits (default: no limits; the worker and API use the governor). */
  gate?: XeroCallGate;
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

  const gate = options.gate ?? OPEN_GATE;

  return async (storeId, what, request) => {
    let access = await options.tokens.getAccess(storeId);
    let refreshed = false;
    for (;;) {
      const permit = await gate.acquire(access.tenantId, what);
      let answer: Awaited<ReturnType<typeof request>>;
      try {
        answer = await request(apiFor(access.accessToken, what), access.tenantId);
      } catch (err) {
        const classified = classifyXeroError(err, what);
        if (await askAgain(permit, classified, rejectionHeaders(err))) continue;
        if (!(classified instanceof XeroUnauthorizedError) || refreshed) throw classified;
        refreshed = true;
        access = await options.tokens.refreshAfterUnauthorized(storeId, access.accessToken);
        continue;
      }
      await permit.answered(readQuota(headersOf(answer.response)));
      return answer.body;
    }
  };
}

/** Settles the permit of a failed request; true when the request should be sent again under a new permit (429). */
async function askAgain(
  permit: CallPermit,
  error: Error,
  headers: Record<string, unknown> | undefined,
): Promise<boolean> {
  if (headers === undefined) {
    await permit.abandoned();
    return false;
  }
  if (!(error instanceof XeroRateLimitError)) {
    await permit.answered(readQuota(headers));
    return false;
  }
  return permit.refused({ ...readQuota(headers), problem: error.problem, retryAfterMs: error.retryAfterMs });
}

function headersOf(response: { headers?: unknown } | undefined): Record<string, unknown> | undefined {
  const headers = response?.headers;
  return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : undefined;
}
