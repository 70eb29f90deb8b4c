/** Base of every error raised by the Xero door; `retryable` tells callers whether trying again can help. */
export abstract class XeroError extends Error {
  abstract readonly retryable: boolean;

  constructor(
    message: string,
    /** HTTP status Xero answered with; 0 when no response arrived (network error, timeout). */
    readonly statusCode: number,
    /** Xero-Correlation-Id of the failed response, for Xero support. */
    readonly correlationId?: string,
  ) {
    super(correlationId ? `${message} (Xero correlation id ${correlationId})` : message);
    this.name = new.target.name;
  }
}

/** Xero refused the document (400): permanent until the data changes; carries Xero's own messages. */
export class XeroValidationError extends XeroError {
  readonly retryable = false;

  constructor(
    readonly messages: string[],
    correlationId?: string,
    /** Xero's exception type, e.g. ValidationException or QueryParseException. */
    readonly xeroType?: string,
  ) {
    super(`Xero rejected the request: ${messages.join('; ') || 'no reason given'}`, 400, correlationId);
  }
}

/** The access token was refused (401); the door refreshes once and retries before surfacing this. */
export class XeroUnauthorizedError extends XeroError {
  readonly retryable = true;

  constructor(correlationId?: string) {
    super('Xero refused the access token (401 Unauthorized)', 401, correlationId);
  }
}

/** A setup problem that retrying cannot fix: wrong tenant, missing scope, bad client credentials, unknown ID. */
export abstract class XeroConfigurationError extends XeroError {
  readonly retryable = false;
}

/** Xero answered 403: the organisation is not connected, or the app lacks a scope for this call. */
export class XeroForbiddenError extends XeroConfigurationError {
  constructor(what: string, correlationId?: string) {
    super(
      `Xero refused access to ${what} (403 Forbidden): check that the organisation is still connected and the app has the needed scopes`,
      403,
      correlationId,
    );
  }
}

/** Xero answered 404: an ID or path that does not exist in this organisation. */
export class XeroNotFoundError extends XeroConfigurationError {
  constructor(what: string, correlationId?: string) {
    super(`Xero could not find ${what} (404 Not Found)`, 404, correlationId);
  }
}

/** The identity service refused our client (e.g. invalid_client): fix XERO_CLIENT_ID / XERO_CLIENT_SECRET. */
export class XeroClientCredentialsError extends XeroConfigurationError {
  constructor(
    readonly oauthError: string,
    statusCode: number,
  ) {
    super(
      `Xero identity refused the token request (${oauthError}): check the Xero client id, secret and redirect URI`,
      statusCode,
    );
  }
}

/** Xero throttled us (429); retry after `retryAfterMs` when Xero said how long. */
export class XeroRateLimitError extends XeroError {
  readonly retryable = true;

  constructor(
    /** Milliseconds to wait, from Retry-After; undefined when Xero sent none (concurrent / app limits). */
    readonly retryAfterMs: number | undefined,
    /** X-Rate-Limit-Problem: minute, day, concurrent, appminute…; undefined when absent. */
    readonly problem: string | undefined,
    correlationId?: string,
  ) {
    const wait =
      retryAfterMs === undefined ? 'no Retry-After given' : `retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    super(`Xero rate limit reached (${problem ?? 'unknown limit'}; ${wait})`, 429, correlationId);
  }
}

/**
 * No permit for a Xero call within the time this attempt may wait (the organisation's minute or day is used up,
 * or Xero asked us to wait): nothing was sent; retry after `waitMs`.
 */
export class XeroCapacityWaitError extends XeroError {
  readonly retryable = true;

  constructor(
    /** Which limit: minute, day, concurrent, app-minute, xero-asked (a 429's Retry-After) or queued. */
    readonly reason: string,
    /** How long until capacity is expected back, in milliseconds. */
    readonly waitMs: number,
  ) {
    const why = reason === 'queued' ? 'queued behind other calls to this organisation' : `${reason} limit`;
    super(`Waiting for Xero capacity (${why}) for about ${Math.ceil(waitMs / 1000)} s`, 0);
  }
}

/** 5xx, timeout or network failure: worth retrying, and for a write the outcome is unknown until looked up. */
export class XeroTransientError extends XeroError {
  readonly retryable = true;

  constructor(description: string, statusCode: number, correlationId?: string) {
    super(description, statusCode, correlationId);
  }

  /** True when no HTTP response arrived at all (network error or timeout). */
  get noResponse(): boolean {
    return this.statusCode === 0;
  }
}

/**
 * A batched create request (lib/xero/batched-create.ts) got no answer that tells this document's outcome: no
 * response, a server error, or an answer without this element. Xero may have created it inside the batch, whose
 * Idempotency-Key is not the document's own: the next attempt looks the document up by its number first.
 */
export class XeroBatchUncertainError extends XeroTransientError {
  constructor(what: string, elements: number, cause: string) {
    super(`The batch of ${elements} documents sent as ${what} got no certain answer for this one (${cause})`, 0);
  }
}

/** Xero answered 409: an earlier request with the same Idempotency-Key is still being processed; try later. */
export class XeroRequestInProgressError extends XeroTransientError {
  constructor(what: string, correlationId?: string) {
    super(
      `Xero is still processing an earlier request with the same Idempotency-Key (${what}, 409)`,
      409,
      correlationId,
    );
  }
}

/** The refresh token was refused (invalid_grant): the merchant must connect Xero again. */
export class XeroAuthRevokedError extends XeroError {
  readonly retryable = false;

  constructor(detail = 'the refresh token was refused (invalid_grant)') {
    super(`Xero authorisation is no longer valid: ${detail}; the merchant must reconnect Xero`, 400);
  }
}

/** No usable Xero connection is stored for the store (never connected, or disconnected earlier). */
export class XeroNotConnectedError extends XeroError {
  readonly retryable = false;

  constructor(storeId: string, reason?: string) {
    super(`Store ${storeId} has no active Xero connection${reason ? ` (${reason})` : ''}; connect Xero first`, 0);
  }
}

/** The wanted document number already belongs to a different Xero document. */
export class XeroDocumentNumberTakenError extends XeroError {
  readonly retryable = false;

  constructor(number: string, otherReference: string | undefined, holderDescription?: string) {
    const holder =
      holderDescription ??
      (otherReference === undefined ? 'a document we cannot adopt (voided?)' : `reference "${otherReference}"`);
    super(
      `Xero document number ${number} is already used by another Xero document (${holder}); ` +
        'change the number prefix in the settings or free the number in Xero',
      400,
    );
  }
}

/** More than one live Xero document matches one order: a person has to decide which to keep. */
export class XeroAmbiguousDocumentError extends XeroError {
  readonly retryable = false;

  constructor(what: string, count: number) {
    super(`${count} live Xero documents match ${what}; void or delete the extras in Xero, then retry`, 409);
  }
}

/** The parts of a failed HTTP exchange the classifier needs; never includes request headers. */
export interface HttpFailure {
  statusCode: number;
  body: unknown;
  headers: Record<string, unknown>;
  /** Short description of the call, e.g. "PUT /Invoices"; must not contain secrets. */
  what: string;
}

/** Builds the typed error for a non-2xx response (or statusCode 0 for a failure without response). */
export function errorFromHttpFailure(failure: HttpFailure): XeroError {
  const { statusCode, what } = failure;
  const correlationId = headerValue(failure.headers, 'xero-correlation-id');
  const body = parseBody(failure.body);
  if (statusCode === 0) return new XeroTransientError(`No response from Xero for ${what}: ${networkReason(body)}`, 0);
  if (statusCode === 400) return new XeroValidationError(validationMessages(body), correlationId, xeroType(body));
  if (statusCode === 401) return new XeroUnauthorizedError(correlationId);
  if (statusCode === 403) return new XeroForbiddenError(what, correlationId);
  if (statusCode === 404) return new XeroNotFoundError(what, correlationId);
  if (statusCode === 409) return new XeroRequestInProgressError(what, correlationId);
  if (statusCode === 429) {
    const problem = headerValue(failure.headers, 'x-rate-limit-problem');
    return new XeroRateLimitError(retryAfterMs(headerValue(failure.headers, 'retry-after')), problem, correlationId);
  }
  if (statusCode >= 500 || statusCode === 408) {
    return new XeroTransientError(`Xero answered HTTP ${statusCode} for ${what}`, statusCode, correlationId);
  }
  return new XeroValidationError([`Xero answered HTTP ${statusCode} for ${what}`], correlationId);
}

/** Turns anything xero-node or fetch threw into a typed XeroError; unrecognised errors come back unchanged. */
export function classifyXeroError(err: unknown, what = 'the Xero call'): Error {
  if (err instanceof XeroError) return err;
  const rejection = parseXeroNodeRejection(err);
  if (rejection) {
    const method = typeof rejection.request?.method === 'string' ? rejection.request.method : undefined;
    const path =
      typeof rejection.request?.url?.path === 'string' ? rejection.request.url.path.split('?')[0] : undefined;
    const described = method && path ? `${method} ${path}` : what;
    return errorFromHttpFailure({ ...rejection, what: described });
  }
  if (isErrorLike(err) && isNetworkOrTimeout(err)) {
    return new XeroTransientError(
      `No response from Xero for ${what}: ${err.name === 'TimeoutError' ? 'timed out' : 'network error'}`,
      0,
    );
  }
  return isErrorLike(err) ? (err as Error) : new Error(`Unexpected failure from ${what}`);
}

/** Duck-typed, because fetch's DOMException and errors from other realms fail `instanceof Error`. */
function isErrorLike(err: unknown): err is { name: string; message: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as Error).name === 'string' &&
    typeof (err as Error).message === 'string'
  );
}

interface XeroNodeRejection {
  statusCode: number;
  body: unknown;
  headers: Record<string, unknown>;
  request?: { method?: unknown; url?: { path?: unknown } };
}

/** The response headers of a failed xero-node call, or undefined when no response arrived. */
export function rejectionHeaders(err: unknown): Record<string, unknown> | undefined {
  return parseXeroNodeRejection(err)?.headers;
}

/** xero-node rejects with JSON.stringify({ response: { statusCode, body, headers, request } }). */
function parseXeroNodeRejection(err: unknown): XeroNodeRejection | undefined {
  let value: unknown = err;
  if (typeof err === 'string') {
    try {
      value = JSON.parse(err);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value) || !isRecord(value.response)) return undefined;
  const response = value.response;
  const statusCode = typeof response.statusCode === 'number' ? response.statusCode : response.status;
  if (typeof statusCode !== 'number') return undefined;
  return {
    statusCode,
    body: response.body ?? response.data,
    headers: isRecord(response.headers) ? response.headers : {},
    request: isRecord(response.request) ? response.request : undefined,
  };
}

function isNetworkOrTimeout(err: { name: string; message: string }): boolean {
  return (
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    (err.name === 'TypeError' && /fetch failed/i.test(err.message))
  );
}

function networkReason(body: unknown): string {
  const text = typeof body === 'string' ? body : '';
  if (/timeout|timed out/i.test(text)) return 'timed out';
  const code = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|socket hang up)\b/i.exec(text);
  return code ? `network error (${code[1]})` : 'network error';
}

/** Parses a JSON body given as text; other text is returned as it is. */
export function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function xeroType(body: unknown): string | undefined {
  return isRecord(body) && typeof body.Type === 'string' ? body.Type : undefined;
}

/** Collects Xero's own messages: element ValidationErrors first, else the top-level message or detail. */
function validationMessages(body: unknown): string[] {
  if (!isRecord(body)) return typeof body === 'string' && body.trim() ? [body.trim().slice(0, 500)] : [];
  const fromElements = Array.isArray(body.Elements) ? body.Elements.flatMap(elementMessages) : [];
  if (fromElements.length > 0) return [...new Set(fromElements)];
  const top = [body.Message, body.message, body.Detail, body.detail, body.error_description].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return top ? [top] : [];
}

/** The validation messages of one answered element: its own `ValidationErrors`, then those of its lines. */
export function elementMessages(element: unknown): string[] {
  if (!isRecord(element)) return [];
  const own = Array.isArray(element.ValidationErrors)
    ? element.ValidationErrors.map((error) => (isRecord(error) ? error.Message : undefined))
    : [];
  const nested = Object.values(element).flatMap((value) =>
    Array.isArray(value) ? value.flatMap(elementMessages) : [],
  );
  return [...own.filter((message): message is string => typeof message === 'string'), ...nested];
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = Array.isArray(entry?.[1]) ? entry[1][0] : entry?.[1];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Retry-After is delta-seconds or an HTTP date. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number.parseInt(value, 10) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
