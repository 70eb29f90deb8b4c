import { createHash, timingSafeEqual } from 'node:crypto';
import { scopesGrantable } from './app-scopes';
import type { SandboxClock } from './clock';
import { connectionTimestamp } from './dates';
import { jsonResponse, queryParam, textResponse, type SandboxRequest, type SandboxResponse } from './http-types';
import { AUTH_CODE_TTL_MS, type Grant, type IdentityStore } from './identity-store';
import { Router } from './router';

/** What the identity routes need: the store, the app's credentials and the organisations to connect. */
export interface IdentityContext {
  store: IdentityStore;
  clock: SandboxClock;
  clientId: string;
  clientSecret: string;
  /** The app was created before 2 March 2026, so it may still request the broad scopes. */
  legacyApp: boolean;
  tenants: () => Array<{ tenantId: string; name: string }>;
  issuer: () => string;
}

/** `{"error": code}` OAuth error body. */
function oauthError(status: number, error: string, description?: string): SandboxResponse {
  return jsonResponse(status, description ? { error, error_description: description } : { error });
}

/** Constant-time string comparison. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** GET /connect/authorize: consents automatically and redirects back with a code (or an OAuth error). */
function authorize(req: SandboxRequest, ctx: IdentityContext): SandboxResponse {
  const clientId = queryParam(req, 'client_id');
  const redirectUri = queryParam(req, 'redirect_uri');
  if (clientId !== ctx.clientId) return textResponse(400, 'unauthorized_client: unknown client_id');
  if (!redirectUri || !URL.canParse(redirectUri)) return textResponse(400, 'invalid_request: redirect_uri is required');
  const back = new URL(redirectUri);
  const state = queryParam(req, 'state');
  const fail = (error: string): SandboxResponse => {
    back.searchParams.set('error', error);
    if (state !== undefined) back.searchParams.set('state', state);
    return { status: 302, headers: { location: back.toString() }, body: '' };
  };
  if (queryParam(req, 'response_type') !== 'code') return fail('unsupported_response_type');
  const scopes = (queryParam(req, 'scope') ?? '').split(/[\s+]+/).filter(Boolean);
  if (scopes.length === 0 || !scopesGrantable(scopes, ctx.legacyApp)) return fail('invalid_scope');
  const code = ctx.store.authorize(clientId, redirectUri, scopes, ctx.tenants(), {
    codeChallenge: queryParam(req, 'code_challenge'),
    codeChallengeMethod: queryParam(req, 'code_challenge_method'),
  });
  back.searchParams.set('code', code.code);
  back.searchParams.set('scope', scopes.join(' '));
  if (state !== undefined) back.searchParams.set('state', state);
  return { status: 302, headers: { location: back.toString() }, body: '' };
}

/** Client credentials from the Basic header or, failing that, the form body. */
function clientCredentials(req: SandboxRequest, form: URLSearchParams): { id?: string; secret?: string } {
  const auth = req.headers['authorization'];
  if (auth?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

/** Whether a PKCE code_verifier matches the stored challenge. */
function pkceOk(challenge: string, method: string | undefined, verifier: string | null): boolean {
  if (verifier === null) return false;
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return same(computed, challenge);
}

/** POST /connect/token: authorization_code and refresh_token grants, with rotation and grace. */
function token(req: SandboxRequest, ctx: IdentityContext): SandboxResponse {
  const form = new URLSearchParams(req.rawBody);
  const creds = clientCredentials(req, form);
  if (creds.id !== ctx.clientId) return oauthError(400, 'invalid_client');
  const grantType = form.get('grant_type');
  const now = ctx.clock.now();
  if (grantType === 'authorization_code') {
    const code = ctx.store.codes.get(form.get('code') ?? '');
    if (!code || code.used || now - code.createdAt > AUTH_CODE_TTL_MS || code.grant.clientId !== creds.id) {
      return oauthError(400, 'invalid_grant');
    }
    if (code.redirectUri !== form.get('redirect_uri')) return oauthError(400, 'invalid_grant');
    const pkce = code.codeChallenge !== undefined;
    if (pkce ? !pkceOk(code.codeChallenge!, code.codeChallengeMethod, form.get('code_verifier')) : false) {
      return oauthError(400, 'invalid_grant');
    }
    if (!pkce && (creds.secret === undefined || !same(creds.secret, ctx.clientSecret))) {
      return oauthError(400, 'invalid_client');
    }
    code.used = true;
    return jsonResponse(200, ctx.store.issueTokens(code.grant));
  }
  if (grantType === 'refresh_token') {
    if (creds.secret !== undefined && !same(creds.secret, ctx.clientSecret)) return oauthError(400, 'invalid_client');
    const refresh = ctx.store.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!refresh || refresh.grant.clientId !== creds.id || !ctx.store.refreshUsable(refresh)) {
      return oauthError(400, 'invalid_grant');
    }
    refresh.rotatedAt ??= now;
    return jsonResponse(200, ctx.store.issueTokens(refresh.grant));
  }
  return oauthError(400, 'unsupported_grant_type');
}

/** POST /connect/revocation: revokes a refresh token's grant and removes the user's connections. */
function revocation(req: SandboxRequest, ctx: IdentityContext): SandboxResponse {
  const form = new URLSearchParams(req.rawBody);
  const creds = clientCredentials(req, form);
  if (creds.id !== ctx.clientId) return oauthError(400, 'invalid_client');
  const value = form.get('token') ?? '';
  const grant: Grant | undefined =
    ctx.store.refreshTokens.get(value)?.grant ?? ctx.store.accessTokens.get(value)?.grant;
  if (grant && grant.clientId === creds.id) ctx.store.revokeGrant(grant);
  return { status: 200, headers: {}, body: '' };
}

/** The access token behind a bearer header, or undefined. */
function bearer(req: SandboxRequest, ctx: IdentityContext) {
  const auth = req.headers['authorization'] ?? '';
  return auth.toLowerCase().startsWith('bearer ') ? ctx.store.validAccessToken(auth.slice(7).trim()) : undefined;
}

/** 401 for the identity API (same problem shape as accounting). */
function identityUnauthorized(): SandboxResponse {
  return jsonResponse(
    401,
    { title: 'Unauthorized', status: 401, detail: 'AuthenticationUnsuccessful' },
    {
      'www-authenticate': 'Bearer error=invalid_token',
    },
  );
}

/** GET /connections[?authEventId]: the caller's tenants in camelCase with 7-digit timestamps. */
function listConnections(req: SandboxRequest, ctx: IdentityContext): SandboxResponse {
  const access = bearer(req, ctx);
  if (!access) return identityUnauthorized();
  const authEventId = queryParam(req, 'authEventId');
  const list = ctx.store
    .activeConnections(access.grant.clientId, access.grant.userId)
    .filter((c) => authEventId === undefined || c.authEventId === authEventId)
    .map((c) => ({
      id: c.id,
      authEventId: c.authEventId,
      tenantId: c.tenantId,
      tenantType: c.tenantType,
      tenantName: c.tenantName,
      createdDateUtc: connectionTimestamp(c.createdAt),
      updatedDateUtc: connectionTimestamp(c.updatedAt),
    }));
  return jsonResponse(200, list);
}

/** DELETE /connections/{id}: disconnects one tenant (204), 404 when not the caller's active connection. */
function deleteConnection(req: SandboxRequest, ctx: IdentityContext): SandboxResponse {
  const access = bearer(req, ctx);
  if (!access) return identityUnauthorized();
  const connection = ctx.store
    .activeConnections(access.grant.clientId, access.grant.userId)
    .find((c) => c.id === req.params.id);
  if (!connection) return { status: 404, headers: {}, body: '' };
  connection.active = false;
  return { status: 204, headers: {}, body: '' };
}

/** GET /.well-known/openid-configuration pointing at the sandbox's own endpoints. */
function discovery(_req: SandboxRequest, ctx: IdentityContext): SandboxResponse {
  const base = ctx.issuer();
  return jsonResponse(200, {
    issuer: base,
    authorization_endpoint: `${base}/connect/authorize`,
    token_endpoint: `${base}/connect/token`,
    revocation_endpoint: `${base}/connect/revocation`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['plain', 'S256'],
  });
}

/** Routes of the fake identity service and /connections. */
export function identityRouter(): Router<IdentityContext> {
  return new Router<IdentityContext>()
    .on('GET', '/.well-known/openid-configuration', discovery)
    .on('GET', '/connect/authorize', authorize)
    .on('POST', '/connect/token', token)
    .on('POST', '/connect/revocation', revocation)
    .on('GET', '/connections', listConnections)
    .on('DELETE', '/connections/:id', deleteConnection);
}
