import type { AppConfig } from '../config';
import { requestTimeoutMs } from './request-deadline';
import {
  XeroAuthRevokedError,
  XeroClientCredentialsError,
  XeroError,
  XeroTransientError,
  classifyXeroError,
  errorFromHttpFailure,
  isRecord,
  parseBody,
} from './errors';

/** The tokens Xero's identity service returns from a code exchange or a refresh. */
export interface XeroTokenSet {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token in seconds (1800 at Xero). */
  expiresInSeconds: number;
  scope: string;
  idToken?: string;
}

/** One organisation (tenant) the user connected, as listed by GET /connections. */
export interface XeroTenantConnection {
  /** The connection id, used to disconnect. */
  id: string;
  tenantId: string;
  tenantName: string;
  tenantType: string;
  authEventId?: string;
  createdDateUtc?: string;
  updatedDateUtc?: string;
}

/** OAuth and /connections calls against configurable Xero identity URLs (xero-node hard-codes them). */
export interface XeroIdentityClient {
  /** The consent URL to send the merchant to; `state` comes back on the redirect. */
  buildAuthorizeUrl(state: string): string;
  /** Exchanges the authorization code from the redirect for tokens. */
  exchangeCode(code: string): Promise<XeroTokenSet>;
  /** Rotates tokens; the returned refresh token replaces the one given. Throws XeroAuthRevokedError on invalid_grant. */
  refreshTokens(refreshToken: string): Promise<XeroTokenSet>;
  /** Lists the tenants this access token may use, optionally only those of one consent flow. */
  listConnections(accessToken: string, authEventId?: string): Promise<XeroTenantConnection[]>;
  /** DELETE /connections/{id}: disconnects the organisation; true when removed, false when Xero no longer had it. */
  deleteConnection(accessToken: string, connectionId: string): Promise<boolean>;
  /** POST /connect/revocation: revokes the refresh token and with it every connection of its grant. */
  revokeRefreshToken(refreshToken: string): Promise<void>;
}

/** Options for the identity client: a fetch to use (tests) and a per-request timeout. */
export interface XeroIdentityClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Creates the identity client from the Xero section of the configuration. */
export function createXeroIdentityClient(
  config: Omit<AppConfig['xero'], 'limits' | 'maxCapacityWaitMs'>,
  options: XeroIdentityClientOptions = {},
): XeroIdentityClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(what: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(requestTimeoutMs(what, timeoutMs)) });
    } catch (err) {
      const classified = classifyXeroError(err, what);
      throw classified instanceof XeroError ? classified : new XeroTransientError(`No response from ${what}`, 0);
    }
  }

  /** POSTs a form to an identity endpoint with the app's client credentials (HTTP Basic). */
  function postClientForm(what: string, path: string, form: Record<string, string>): Promise<Response> {
    if (!config.clientId || !config.clientSecret) {
      throw new XeroClientCredentialsError('client id or secret not configured', 0);
    }
    const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
    return send(what, `${config.identityUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
    });
  }

  async function tokenRequest(what: string, form: Record<string, string>): Promise<XeroTokenSet> {
    const response = await postClientForm(what, '/connect/token', form);
    const body = parseBody(await response.text());
    if (!response.ok) throw tokenEndpointError(what, response, body);
    return toTokenSet(body);
  }

  return {
    buildAuthorizeUrl(state) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId ?? '',
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        state,
      });
      return `${config.authorizeUrl}?${query.toString()}`;
    },

    exchangeCode(code) {
      return tokenRequest('the Xero code exchange', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: config.redirectUri,
      });
    },

    refreshTokens(refreshToken) {
      return tokenRequest('the Xero token refresh', { grant_type: 'refresh_token', refresh_token: refreshToken });
    },

    async listConnections(accessToken, authEventId) {
      const what = 'GET /connections';
      const query = authEventId ? `?${new URLSearchParams({ authEventId }).toString()}` : '';
      const response = await send(what, `${config.connectionsUrl}${query}`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      });
      const body = parseBody(await response.text());
      if (!response.ok)
        throw errorFromHttpFailure({ statusCode: response.status, body, headers: headersOf(response), what });
      if (!Array.isArray(body))
        throw new XeroTransientError('Xero /connections answered with something other than a list', 200);
      return body.filter(isRecord).map(toTenantConnection);
    },

    async deleteConnection(accessToken, connectionId) {
      const what = 'DELETE /connections';
      const response = await send(what, `${config.connectionsUrl}/${encodeURIComponent(connectionId)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (response.status === 404) return false;
      if (!response.ok) {
        const body = parseBody(await response.text());
        throw errorFromHttpFailure({ statusCode: response.status, body, headers: headersOf(response), what });
      }
      return true;
    },

    async revokeRefreshToken(refreshToken) {
      const what = 'the Xero token revocation';
      const response = await postClientForm(what, '/connect/revocation', { token: refreshToken });
      if (!response.ok) throw tokenEndpointError(what, response, parseBody(await response.text()));
    },
  };
}

/** Token endpoint errors are OAuth-shaped: invalid_grant means the grant is gone, others mean bad client setup. */
function tokenEndpointError(what: string, response: Response, body: unknown): XeroError {
  const oauthError = isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
  if (oauthError === 'invalid_grant') return new XeroAuthRevokedError();
  if (oauthError && response.status < 500 && response.status !== 429) {
    return new XeroClientCredentialsError(oauthError, response.status);
  }
  return errorFromHttpFailure({ statusCode: response.status, body, headers: headersOf(response), what });
}

function toTokenSet(body: unknown): XeroTokenSet {
  if (!isRecord(body) || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    throw new XeroTransientError('Xero identity answered without an access and refresh token', 200);
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresInSeconds: typeof body.expires_in === 'number' ? body.expires_in : 1800,
    scope: typeof body.scope === 'string' ? body.scope : '',
    idToken: typeof body.id_token === 'string' ? body.id_token : undefined,
  };
}

function toTenantConnection(entry: Record<string, unknown>): XeroTenantConnection {
  const text = (key: string): string | undefined => (typeof entry[key] === 'string' ? entry[key] : undefined);
  return {
    id: text('id') ?? '',
    tenantId: text('tenantId') ?? '',
    tenantName: text('tenantName') ?? '',
    tenantType: text('tenantType') ?? '',
    authEventId: text('authEventId'),
    createdDateUtc: text('createdDateUtc'),
    updatedDateUtc: text('updatedDateUtc'),
  };
}

function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.entries());
}

/** Reads the `authentication_event_id` claim of a Xero access token (to filter /connections); no verification. */
export function authEventIdOf(accessToken: string): string | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isRecord(claims) && typeof claims.authentication_event_id === 'string'
      ? claims.authentication_event_id
      : undefined;
  } catch {
    return undefined;
  }
}
