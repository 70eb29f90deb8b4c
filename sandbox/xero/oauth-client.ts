import type { TokenResponse } from './identity-store';

/** Options for authorizeSandbox; defaults match the sandbox defaults. */
export interface AuthorizeOptions {
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  scope?: string;
}

/** Tokens from a completed authorization-code flow, plus the redirect the sandbox answered with. */
export interface SandboxAuthorization extends TokenResponse {
  redirect: URL;
}

/** Scope requested by default: everything the sync uses, with a refresh token. */
export const DEFAULT_SCOPE =
  'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings';

/** Runs the real authorize → code → token exchange against a sandbox over HTTP (for tests and the demo). */
export async function authorizeSandbox(
  sandbox: { url: string },
  opts: AuthorizeOptions = {},
): Promise<SandboxAuthorization> {
  const clientId = opts.clientId ?? 'sandbox-client-id';
  const redirectUri = opts.redirectUri ?? 'http://localhost/callback';
  const authorize = new URL('/connect/authorize', sandbox.url);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: opts.scope ?? DEFAULT_SCOPE,
    state: 'sandbox-state',
  }).toString();
  const consent = await fetch(authorize, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) throw new Error(`authorize failed: ${consent.status}`);
  const redirect = new URL(location);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`authorize returned no code: ${location}`);
  const basic = Buffer.from(`${clientId}:${opts.clientSecret ?? 'sandbox-client-secret'}`).toString('base64');
  const res = await fetch(new URL('/connect/token', sandbox.url), {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
  });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status} ${await res.text()}`);
  return { ...((await res.json()) as TokenResponse), redirect };
}
