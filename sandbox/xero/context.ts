import type { SandboxClock } from './clock';
import { postDataInvalid } from './errors';
import { field, isObject, type Json } from './fields';
import { queryBool, queryParam, type SandboxRequest, type SandboxResponse } from './http-types';
import type { TenantData } from './model';

/** What an accounting handler knows: the tenant addressed, the calling app and the clock. */
export interface AccountingContext {
  tenant: TenantData;
  clientId: string;
  clock: SandboxClock;
  providerName: string;
}

/** Decimal places for unit amounts: 4 with `unitdp=4`, otherwise 2. */
export function unitDp(req: SandboxRequest): 2 | 4 {
  return queryParam(req, 'unitdp') === '4' ? 4 : 2;
}

/** `summarizeErrors`: absent or true means one bad element fails the whole request (observed Xero behaviour). */
export function summarizeErrors(req: SandboxRequest): boolean {
  return queryBool(req, 'summarizeErrors') ?? true;
}

/**
 * The elements of a write body: `{ "<Resource>": [...] }` (key in any case) or a single bare element.
 * Answers 400 PostDataInvalidException when the body is not a JSON object.
 */
export function parseElements(req: SandboxRequest, resourceKey: string): Json[] | SandboxResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody || 'null');
  } catch {
    return postDataInvalid('The request body is not valid JSON.');
  }
  if (!isObject(body)) return postDataInvalid(`Expected a JSON object with ${resourceKey}.`);
  const wrapped = field(body, resourceKey);
  if (Array.isArray(wrapped)) {
    if (!wrapped.every(isObject)) return postDataInvalid(`Every element of ${resourceKey} must be an object.`);
    return wrapped;
  }
  return [body];
}

/** Whether a value returned by parseElements is an error response. */
export function isResponse(v: Json[] | SandboxResponse): v is SandboxResponse {
  return !Array.isArray(v);
}
