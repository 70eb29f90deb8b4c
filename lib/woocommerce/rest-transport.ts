import type { z } from 'zod';
import { WooApiError } from './errors';
import { BlockedAddressError, createGuardedFetch } from './guarded-fetch';
import { storeUrlProblem } from './store-url-policy';

/** Connection settings for one store's REST API. */
export interface WooTransportOptions {
  storeUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** Replaces the address-guarded fetch (tests); the https rule still applies. */
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** DEV_STORE_HOSTS: hosts that may use plain http and private or loopback addresses (development only). */
  devHosts?: readonly string[];
}

/** A successful REST response: status, headers and the parsed JSON body. */
export interface WooResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Query parameters; `undefined` values are left out. */
export type WooQuery = Record<string, string | number | boolean | undefined>;

/** Sends one request to `/wp-json/wc/v3{path}`; resolves on 2xx, otherwise throws a classified WooApiError. */
export type WooRequest = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  init?: { query?: WooQuery; body?: unknown },
) => Promise<WooResponse>;

const DEFAULT_TIMEOUT_MS = 30_000;

/** Builds the authenticated request function every client call goes through (HTTP Basic with the consumer key). */
export function createWooTransport(opts: WooTransportOptions): WooRequest {
  const base = `${opts.storeUrl.replace(/\/+$/, '')}/wp-json/wc/v3`;
  const token = Buffer.from(`${opts.consumerKey}:${opts.consumerSecret}`, 'utf8').toString('base64');
  const devHosts = opts.devHosts ?? [];
  const fetchImpl = opts.fetchImpl ?? createGuardedFetch(devHosts);
  // Checked before anything is sent: the keys never travel over plain http outside DEV_STORE_HOSTS.
  const urlProblem = URL.canParse(base) ? storeUrlProblem(new URL(base), devHosts) : 'is not a valid URL';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const redact = (text: string): string =>
    [opts.consumerSecret, token].filter((s) => s.length > 0).reduce((t, s) => t.split(s).join('[redacted]'), text);

  return async (method, path, init = {}) => {
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const what = `WooCommerce ${method} ${path}`;
    if (urlProblem) throw refusedUrl(what, `the store URL ${urlProblem}`);
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method,
        headers: {
          Authorization: `Basic ${token}`,
          Accept: 'application/json',
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json;charset=utf-8' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        redirect: 'manual',
        signal,
      });
      text = await response.text();
    } catch (error) {
      if (error instanceof BlockedAddressError) throw refusedUrl(what, 'the store URL ' + PRIVATE_TARGET);
      // Generic on purpose: this text reaches the ledger's lastError, and connection details (refused, reset,
      // unreachable, which address) would let a store URL probe the service's network.
      const timedOut = signal.aborted;
      throw new WooApiError({
        status: 0,
        code: timedOut ? 'timeout' : 'network_error',
        message: timedOut ? `${what}: no response within ${timeoutMs} ms` : `${what}: the store could not be reached`,
      });
    }
    const body = parseJson(text);
    if (response.status >= 200 && response.status < 300) {
      if (body === undefined) {
        throw new WooApiError({
          status: response.status,
          code: 'invalid_response',
          message: redact(`${what}: the store answered ${response.status} with a body that is not JSON`),
        });
      }
      return { status: response.status, headers: response.headers, body };
    }
    throw errorFromResponse(what, response, body, redact);
  };
}

/** Parses a response body with a zod schema; a mismatch becomes a non-retryable `invalid_response` WooApiError. */
export function parseWooBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new WooApiError({ status: 200, code: 'invalid_response', message: `${what}: unexpected response (${issues})` });
}

function errorFromResponse(what: string, response: Response, body: unknown, redact: (t: string) => string) {
  const wp = isWpError(body) ? body : undefined;
  const code = wp?.code ?? `http_${response.status}`;
  const detail = wp?.message ?? (response.statusText || 'non-JSON error response');
  return new WooApiError({
    status: response.status,
    code,
    message: redact(`${what}: ${response.status} ${code}: ${stripTags(detail)}`),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}

function isWpError(body: unknown): body is { code: string; message: string } {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.message === 'string';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '').trim();
}

const PRIVATE_TARGET = 'does not point at a public internet address';

/** A store URL refused before sending anything; permanent until the URL changes. */
function refusedUrl(what: string, problem: string): WooApiError {
  return new WooApiError({ status: 0, code: 'store_url_refused', message: `${what}: ${problem}`, retryable: false });
}
