import type { ApiKey } from './api-keys';

/** The five handshake parameters of `/wc-auth/v1/*`, validated as `WC_Auth::make_validation()` does. */
export interface WcAuthRequest {
  appName: string;
  /** The app's own id for the merchant, passed back untouched (a string, as PHP reads it). */
  userId: string;
  returnUrl: string;
  callbackUrl: string;
  scope: ApiKey['permissions'];
}

/** A handshake failure; `WC_Auth` shows it with `wp_die( 'Error: %s.' )` and HTTP 401. */
export class WcAuthError extends Error {}

const PARAMS = ['app_name', 'user_id', 'return_url', 'callback_url', 'scope'] as const;
const SCOPES: readonly string[] = ['read', 'write', 'read_write'];

/**
 * `make_validation()`: every parameter present and non-empty (PHP's `empty`, so "0" is missing) and a single string,
 * the scope one of read/write/read_write, both URLs valid after `get_formatted_url`, and the callback over https
 * unless its host is one the sandbox was told to allow over http (local tests only).
 */
export function validateWcAuthRequest(
  source: Record<string, unknown>,
  httpCallbackHosts: readonly string[],
): WcAuthRequest {
  const data: Record<string, string> = {};
  for (const param of PARAMS) {
    const raw = source[param];
    if (raw === undefined || raw === '' || raw === '0' || raw === null) {
      throw new WcAuthError(`Missing parameter ${param}`);
    }
    if (typeof raw !== 'string') throw new WcAuthError(`Invalid parameter ${param}`);
    data[param] = raw;
  }
  if (!SCOPES.includes(data.scope)) throw new WcAuthError(`Invalid scope ${wcClean(data.scope)}`);
  for (const param of ['return_url', 'callback_url'] as const) {
    const url = formattedUrl(data[param]);
    if (!isValidUrl(url)) throw new WcAuthError(`The ${url} is not a valid URL`);
  }
  const callbackUrl = formattedUrl(data.callback_url);
  if (!/^https:\/\//i.test(callbackUrl) && !httpCallbackHosts.includes(new URL(callbackUrl).hostname)) {
    throw new WcAuthError('The callback_url needs to be over SSL');
  }
  return {
    appName: data.app_name,
    userId: data.user_id,
    returnUrl: formattedUrl(data.return_url),
    callbackUrl,
    scope: data.scope as ApiKey['permissions'],
  };
}

/** `get_formatted_url()`: URL-decoded (PHP `urldecode`, so `+` is a space), `https://` added when there is no scheme. */
export function formattedUrl(url: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    decoded = url;
  }
  return decoded.includes('://') ? decoded : `https://${decoded}`;
}

/**
 * `wc_clean()` of a text value (`sanitize_text_field`): tags stripped, percent-encoded octets removed, whitespace
 * collapsed and trimmed. It is why an app's `user_id` should avoid `%xx` sequences and `<`.
 */
export function wcClean(value: string): string {
  let cleaned = value.replace(/<[^>]*>/g, '');
  while (/%[a-f0-9]{2}/i.test(cleaned)) cleaned = cleaned.replace(/%[a-f0-9]{2}/gi, '');
  return cleaned.replace(/[\r\n\t ]+/g, ' ').trim();
}

/** `build_url()`: the store's `/wc-auth/v1/{endpoint}/` URL carrying the handshake parameters. */
export function wcAuthUrl(storeUrl: string, request: WcAuthRequest, endpoint: string): URL {
  const url = new URL(`${storeUrl}/wc-auth/v1/${endpoint}/`);
  url.searchParams.set('app_name', wcClean(request.appName));
  url.searchParams.set('user_id', wcClean(request.userId));
  url.searchParams.set('return_url', request.returnUrl);
  url.searchParams.set('callback_url', request.callbackUrl);
  url.searchParams.set('scope', request.scope);
  return url;
}

/** The app's return URL with `success` and `user_id` added (`add_query_arg`). */
export function returnUrlWith(request: WcAuthRequest, success: 0 | 1): string {
  const url = new URL(request.returnUrl);
  url.searchParams.set('success', String(success));
  url.searchParams.set('user_id', wcClean(request.userId));
  return url.toString();
}

/** PHP's `FILTER_VALIDATE_URL`, roughly: a scheme and a host. */
function isValidUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return /^[a-z][a-z0-9+.-]*:$/i.test(parsed.protocol) && parsed.hostname !== '' && !/\s/.test(url);
}
