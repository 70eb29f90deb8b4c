import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createOAuthStateSigner, OAUTH_STATE_TTL_MS } from '../../api/oauth-state';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { buildTestApi, OPERATOR_TOKEN, registerStore, type RegisteredStore, type TestApi } from './harness';

function sandboxEnv(sandbox: XeroSandbox): NodeJS.ProcessEnv {
  return {
    XERO_CLIENT_ID: 'sandbox-client-id',
    XERO_CLIENT_SECRET: 'sandbox-client-secret',
    XERO_AUTHORIZE_URL: `${sandbox.url}/connect/authorize`,
    XERO_IDENTITY_URL: sandbox.url,
    XERO_CONNECTIONS_URL: `${sandbox.url}/connections`,
  };
}

/** Starts the connection as the merchant's browser would, and returns the callback path Xero redirected to. */
async function consent(api: TestApi, store: RegisteredStore): Promise<string> {
  const connect = await request(api.app)
    .get(`/api/stores/${store.id}/xero/connect`)
    .set('Authorization', `Bearer ${store.apiToken}`)
    .expect(302);
  const xero = await fetch(connect.headers.location as string, { redirect: 'manual' });
  expect(xero.status).toBe(302);
  const back = new URL(xero.headers.get('location') as string);
  expect(`${back.origin}${back.pathname}`).toBe(api.config.xero.redirectUri);
  return `${back.pathname}${back.search}`;
}

describe('Xero OAuth connection', () => {
  let sandbox: XeroSandbox;
  let now = Date.now();
  let api: TestApi;

  beforeAll(async () => {
    sandbox = await startXeroSandbox();
    api = await buildTestApi({
      env: sandboxEnv(sandbox),
      oauthState: createOAuthStateSigner(randomBytes(32), { now: () => now }),
    });
  });
  afterAll(async () => {
    await api.close();
    await sandbox.close();
  });
  beforeEach(() => {
    now = Date.now();
  });

  it('connects end to end: connect → Xero consent → callback → tokens stored for the tenant', async () => {
    const store = await registerStore(api);
    const connect = await request(api.app)
      .get(`/api/stores/${store.id}/xero/connect`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(302);
    const authorize = new URL(connect.headers.location as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.url}/connect/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'sandbox-client-id',
      redirect_uri: 'https://sync.example.test/oauth/xero/callback',
      scope: api.config.xero.scopes,
      state: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
    });
    expect(connect.headers['cache-control']).toBe('no-store');

    const xero = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(xero.headers.get('location') as string);
    const callback = await request(api.app)
      .get(`${back.pathname}${back.search}`)
      .set('Accept', 'application/json')
      .expect(200);
    expect(callback.body).toEqual({
      connected: true,
      storeId: store.id,
      tenantName: 'Demo Company (NZ)',
      tenants: [{ tenantId: sandbox.tenantIds[0], tenantName: 'Demo Company (NZ)' }],
    });

    const saved = await api.repos.xeroConnections.get(store.id);
    expect(saved).toMatchObject({
      tenantId: sandbox.tenantIds[0],
      tenantName: 'Demo Company (NZ)',
      status: 'connected',
      scopes: expect.stringContaining('offline_access'),
    });
    expect(saved?.accessToken).toBeTruthy();
    expect(saved?.refreshToken).toBeTruthy();
    expect(saved!.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);

    const shown = await request(api.app)
      .get(`/api/stores/${store.id}`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(200);
    expect(shown.body.xero).toMatchObject({ connected: true, tenantName: 'Demo Company (NZ)' });

    const replay = await request(api.app).get(`${back.pathname}${back.search}`).expect(400);
    expect(replay.body.error.code).toBe('xero_code_rejected');
    expect(JSON.stringify(api.logger.lines)).not.toContain(saved!.refreshToken);
    expect(JSON.stringify(api.logger.lines)).not.toContain(back.searchParams.get('code'));
  });

  it('answers a browser with a short HTML page', async () => {
    const store = await registerStore(api);
    const res = await request(api.app)
      .get(await consent(api, store))
      .set('Accept', 'text/html')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Demo Company (NZ)');
  });

  it('400 expired_oauth_state after ten minutes, storing nothing', async () => {
    const store = await registerStore(api);
    const callback = await consent(api, store);
    now += OAUTH_STATE_TTL_MS + 1;
    const res = await request(api.app).get(callback).expect(400);
    expect(res.body.error.code).toBe('expired_oauth_state');
    expect(await api.repos.xeroConnections.get(store.id)).toBeNull();
  });

  it('400 invalid_oauth_state for a forged or missing state', async () => {
    const store = await registerStore(api);
    const callback = new URL(await consent(api, store), 'http://x');
    const state = callback.searchParams.get('state') as string;
    callback.searchParams.set('state', `${state.slice(0, -2)}AA`);
    const forged = await request(api.app).get(`${callback.pathname}${callback.search}`).expect(400);
    expect(forged.body.error.code).toBe('invalid_oauth_state');
    const missing = await request(api.app).get('/oauth/xero/callback?code=abc').expect(400);
    expect(missing.body.error.details.fields).toEqual([{ in: 'query', field: 'state', message: 'is required' }]);
    expect(await api.repos.xeroConnections.get(store.id)).toBeNull();
  });

  it('400 xero_access_denied when the merchant declines on Xero', async () => {
    const res = await request(api.app).get('/oauth/xero/callback?error=access_denied&state=whatever').expect(400);
    expect(res.body.error).toEqual({ code: 'xero_access_denied', message: expect.stringContaining('denied') });
  });

  it('400 for a repeated query parameter', async () => {
    const res = await request(api.app).get('/oauth/xero/callback?code=a&code=b&state=s').expect(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ in: 'query', field: 'code' });
  });

  it('403 for another store’s token and 404 for an unknown store', async () => {
    const mine = await registerStore(api);
    const theirs = await registerStore(api);
    await request(api.app)
      .get(`/api/stores/${mine.id}/xero/connect`)
      .set('Authorization', `Bearer ${theirs.apiToken}`)
      .expect(403);
    await request(api.app)
      .get('/api/stores/st_aaaaaaaaaaaaaaaa/xero/connect')
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .expect(404);
  });

  it('503 xero_not_configured without a Xero client id', async () => {
    const bare = await buildTestApi();
    try {
      const store = await registerStore(bare);
      const res = await request(bare.app)
        .get(`/api/stores/${store.id}/xero/connect`)
        .set('Authorization', `Bearer ${store.apiToken}`)
        .expect(503);
      expect(res.body.error.code).toBe('xero_not_configured');
    } finally {
      await bare.close();
    }
  });
});

describe('Xero refusing the consent', () => {
  let sandbox: XeroSandbox;
  let api: TestApi;
  const broadScopes =
    'openid profile email offline_access accounting.transactions accounting.contacts accounting.settings';

  beforeAll(async () => {
    sandbox = await startXeroSandbox();
    api = await buildTestApi({ env: { ...sandboxEnv(sandbox), XERO_SCOPES: broadScopes } });
  });
  afterAll(async () => {
    await api.close();
    await sandbox.close();
  });

  it('the default scopes are granular, so a new Xero app accepts them', async () => {
    const granular = await buildTestApi({ env: sandboxEnv(sandbox) });
    try {
      expect(granular.config.xero.scopes).not.toContain('accounting.transactions');
      const store = await registerStore(granular);
      const callback = await consent(granular, store);
      expect(new URL(callback, 'http://x').searchParams.get('error')).toBeNull();
      await request(granular.app).get(callback).set('Accept', 'application/json').expect(200);
    } finally {
      await granular.close();
    }
  });

  it('400 xero_invalid_scope naming XERO_SCOPES when a new Xero app is asked for the broad scopes', async () => {
    const store = await registerStore(api);
    const callback = await consent(api, store);
    expect(new URL(callback, 'http://x').searchParams.get('error')).toBe('invalid_scope');
    const res = await request(api.app).get(callback).set('Accept', 'application/json').expect(400);
    expect(res.body.error).toEqual({
      code: 'xero_invalid_scope',
      message: expect.stringContaining('XERO_SCOPES'),
      details: { xeroError: 'invalid_scope' },
    });
    expect(res.body.error.message).toContain('granular');
    expect(await api.repos.xeroConnections.get(store.id)).toBeNull();
  });

  it('shows a browser an HTML page with the reason and Xero’s own description, escaped', async () => {
    const res = await request(api.app)
      .get('/oauth/xero/callback')
      .query({ error: 'invalid_scope', error_description: 'Scope <b>accounting.transactions</b> refused', state: 's' })
      .set('Accept', 'text/html')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('XERO_SCOPES');
    expect(res.text).toContain('Scope &#60;b&#62;accounting.transactions&#60;/b&#62; refused');
    expect(res.text).not.toContain('<b>');
  });

  it('access_denied says the merchant declined; an unknown error is named, both as 400 not 500', async () => {
    const denied = await request(api.app)
      .get('/oauth/xero/callback?error=access_denied&error_description=User%20declined&state=s')
      .set('Accept', 'text/html')
      .expect(400);
    expect(denied.text).toContain('denied');
    const other = await request(api.app).get('/oauth/xero/callback?error=server_error&state=s').expect(400);
    expect(other.body.error).toMatchObject({
      code: 'xero_authorization_failed',
      details: { xeroError: 'server_error' },
    });
  });
});

describe('Xero OAuth with several organisations', () => {
  let sandbox: XeroSandbox;
  let api: TestApi;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ tenants: [{ name: 'Alpha Ltd' }, { name: 'Beta Ltd' }] });
    api = await buildTestApi({ env: sandboxEnv(sandbox) });
  });
  afterAll(async () => {
    await api.close();
    await sandbox.close();
  });

  it('connects the first organisation and lets the store choose another', async () => {
    const store = await registerStore(api);
    const res = await request(api.app)
      .get(await consent(api, store))
      .set('Accept', 'application/json')
      .expect(200);
    expect(res.body.tenants.map((t: { tenantName: string }) => t.tenantName)).toEqual(['Alpha Ltd', 'Beta Ltd']);
    expect(res.body.tenantName).toBe('Alpha Ltd');
    const beta = res.body.tenants[1].tenantId as string;
    const before = await api.repos.xeroConnections.get(store.id);

    const chosen = await request(api.app)
      .post(`/api/stores/${store.id}/xero/tenant`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .send({ tenantId: beta })
      .expect(200);
    expect(chosen.body).toEqual({ connected: true, tenantId: beta, tenantName: 'Beta Ltd' });
    const after = await api.repos.xeroConnections.get(store.id);
    expect(after).toMatchObject({ tenantId: beta, tenantName: 'Beta Ltd', refreshToken: before?.refreshToken });

    const unknown = await request(api.app)
      .post(`/api/stores/${store.id}/xero/tenant`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .send({ tenantId: 'not-a-tenant' })
      .expect(400);
    expect(unknown.body.error.code).toBe('unknown_tenant');
  });

  it('409 xero_not_connected before the store has connected, 400 without a tenantId', async () => {
    const store = await registerStore(api);
    const auth = `Bearer ${store.apiToken}`;
    const res = await request(api.app)
      .post(`/api/stores/${store.id}/xero/tenant`)
      .set('Authorization', auth)
      .send({ tenantId: 'x' })
      .expect(409);
    expect(res.body.error.code).toBe('xero_not_connected');
    await request(api.app).post(`/api/stores/${store.id}/xero/tenant`).set('Authorization', auth).send({}).expect(400);
  });
});
