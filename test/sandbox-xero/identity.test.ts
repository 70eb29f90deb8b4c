import { decodeJwtPayload, startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { send } from './helpers';

const REDIRECT = 'http://localhost/callback';
const BASIC = `Basic ${Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64')}`;
const MINUTE = 60_000;

let sandbox: XeroSandbox;
beforeEach(async () => {
  sandbox = await startXeroSandbox();
});
afterEach(() => sandbox.close());

async function authorize(
  scope = 'openid offline_access accounting.invoices accounting.contacts accounting.settings',
  on: XeroSandbox = sandbox,
) {
  const url = new URL('/connect/authorize', on.url);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'sandbox-client-id',
    redirect_uri: REDIRECT,
    scope,
    state: 'xyz',
  }).toString();
  return fetch(url, { redirect: 'manual' });
}

async function codeFor(scope?: string): Promise<string> {
  const res = await authorize(scope);
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

function token(form: Record<string, string>, auth = BASIC) {
  return send(`${sandbox.url}/connect/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const exchange = async (scope?: string) =>
  token({ grant_type: 'authorization_code', code: await codeFor(scope), redirect_uri: REDIRECT });
const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });
const connections = (accessToken: string, query = '') =>
  send(`${sandbox.url}/connections${query}`, { headers: { authorization: `Bearer ${accessToken}` } });

describe('GET /connect/authorize', () => {
  it('consents and redirects back with code and state', async () => {
    const res = await authorize();
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
  });

  it('rejects an unknown client_id and a missing redirect_uri without redirecting', async () => {
    const bad = await fetch(
      `${sandbox.url}/connect/authorize?response_type=code&client_id=nope&redirect_uri=${REDIRECT}&scope=openid`,
      { redirect: 'manual' },
    );
    expect(bad.status).toBe(400);
    const missing = await fetch(
      `${sandbox.url}/connect/authorize?response_type=code&client_id=sandbox-client-id&scope=openid`,
      { redirect: 'manual' },
    );
    expect(missing.status).toBe(400);
  });
});

describe('scopes of granular (new) and old apps', () => {
  const broad = 'openid offline_access accounting.transactions accounting.contacts accounting.settings';

  it('refuses the broad scopes for an app created on or after 2 March 2026 with an invalid_scope redirect', async () => {
    for (const scope of [
      broad,
      'offline_access accounting.reports.read',
      'offline_access accounting.transactions.read',
    ]) {
      const res = await authorize(scope);
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
      expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'invalid_scope', state: 'xyz' });
    }
  });

  it('refuses scopes Xero does not know, for any app', async () => {
    const res = await authorize('openid accounting.everything');
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope');
  });

  it('grants the granular scopes and puts exactly them in the access token', async () => {
    const scope =
      'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings';
    const res = await exchange(scope);
    expect(res.status).toBe(200);
    expect(res.json.scope).toBe(scope);
    expect(decodeJwtPayload(res.json.access_token).scope).toEqual(scope.split(' '));
  });

  it('still grants the broad scopes to an app created earlier (legacyApp)', async () => {
    const old = await startXeroSandbox({ legacyApp: true });
    try {
      const location = new URL((await authorize(broad, old)).headers.get('location')!);
      expect(location.searchParams.get('error')).toBeNull();
      expect(location.searchParams.get('scope')).toBe(broad);
    } finally {
      await old.close();
    }
  });
});

describe('POST /connect/token', () => {
  it('exchanges a code for the AccessToken shape with a JWT access token', async () => {
    const res = await exchange();
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    expect(res.json).toMatchObject({ expires_in: 1800, token_type: 'Bearer' });
    const claims = decodeJwtPayload(res.json.access_token);
    expect(claims).toMatchObject({
      scope: ['openid', 'offline_access', 'accounting.invoices', 'accounting.contacts', 'accounting.settings'],
    });
    expect(typeof claims.xero_userid).toBe('string');
    expect(typeof claims.authentication_event_id).toBe('string');
    expect(claims.exp).toBe(Math.floor(sandbox.clock.now() / 1000) + 1800);
  });

  it('gives no refresh token without offline_access and no id_token without openid', async () => {
    const res = await exchange('accounting.invoices');
    expect(res.status).toBe(200);
    expect(res.json.refresh_token).toBeUndefined();
    expect(res.json.id_token).toBeUndefined();
  });

  it('codes are single use and expire after 5 minutes', async () => {
    const code = await codeFor();
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    expect((await token(form)).status).toBe(200);
    expect(await token(form)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const late = await codeFor();
    sandbox.clock.advance(5 * MINUTE + 1);
    expect(await token({ ...form, code: late })).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('rejects wrong client credentials and a mismatched redirect_uri', async () => {
    const code = await codeFor();
    const wrongSecret = `Basic ${Buffer.from('sandbox-client-id:nope').toString('base64')}`;
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, wrongSecret)).json).toEqual(
      { error: 'invalid_client' },
    );
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://evil/cb' })).json).toEqual({
      error: 'invalid_grant',
    });
  });

  it('rotates refresh tokens; the old one works for a 30-minute grace, then invalid_grant', async () => {
    const first = (await exchange()).json;
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    sandbox.clock.advance(29 * MINUTE);
    expect((await refresh(first.refresh_token)).status).toBe(200); // retry within grace
    sandbox.clock.advance(2 * MINUTE);
    expect(await refresh(first.refresh_token)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect((await refresh(second.json.refresh_token)).status).toBe(200);
  });

  it('unused refresh tokens expire after 60 days', async () => {
    const tokens = (await exchange()).json;
    sandbox.clock.advance(60 * 24 * 60 * MINUTE + 1);
    expect((await refresh(tokens.refresh_token)).json).toEqual({ error: 'invalid_grant' });
  });
});

describe('access token expiry and /connections', () => {
  it('lists connections in camelCase with 7-digit timestamps and filters by authEventId', async () => {
    const tokens = (await exchange()).json;
    const res = await connections(tokens.access_token);
    expect(res.status).toBe(200);
    expect(res.json).toHaveLength(1);
    const [c] = res.json;
    expect(c).toMatchObject({
      tenantId: sandbox.tenantIds[0],
      tenantType: 'ORGANISATION',
      tenantName: 'Demo Company (NZ)',
    });
    expect(c.createdDateUtc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/);
    const authEventId = decodeJwtPayload(tokens.access_token).authentication_event_id as string;
    expect(c.authEventId).toBe(authEventId);
    expect((await connections(tokens.access_token, `?authEventId=${authEventId}`)).json).toHaveLength(1);
    expect((await connections(tokens.access_token, '?authEventId=00000000-0000-0000-0000-000000000000')).json).toEqual(
      [],
    );
  });

  it('access tokens expire after 30 minutes on the sandbox clock', async () => {
    const tokens = (await exchange()).json;
    sandbox.clock.advance(30 * MINUTE - 1000);
    expect((await connections(tokens.access_token)).status).toBe(200);
    sandbox.clock.advance(1000);
    const expired = await connections(tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('DELETE /connections/{id} disconnects (204) and the tenant then answers 403', async () => {
    const tokens = (await exchange()).json;
    const [c] = (await connections(tokens.access_token)).json;
    const del = await send(`${sandbox.url}/connections/${c.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(del.status).toBe(204);
    expect((await connections(tokens.access_token)).json).toEqual([]);
    const org = await send(`${sandbox.url}/api.xro/2.0/Organisation`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, 'xero-tenant-id': c.tenantId },
    });
    expect(org.status).toBe(403);
  });

  it('POST /connect/revocation revokes the grant and removes the connections', async () => {
    const tokens = (await exchange()).json;
    const res = await send(`${sandbox.url}/connect/revocation`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await refresh(tokens.refresh_token)).json).toEqual({ error: 'invalid_grant' });
    expect((await connections(tokens.access_token)).status).toBe(401);
    expect(sandbox.state.connections()).toEqual([]);
  });
});
