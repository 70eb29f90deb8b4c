import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createOAuthStateSigner, OAUTH_STATE_TTL_MS } from '../../api/oauth-state';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { mappingSettingsSchema } from '../../lib/mapping';
import {
  buildTestApi,
  OPERATOR_TOKEN,
  registerStore as registerBareStore,
  type RegisteredStore,
  type TestApi,
} from './harness';

function sandboxEnv(sandbox: XeroSandbox): NodeJS.ProcessEnv {
  return {
    XERO_CLIENT_ID: 'sandbox-client-id',
    XERO_CLIENT_SECRET: 'sandbox-client-secret',
    XERO_AUTHORIZE_URL: `${sandbox.url}/connect/authorize`,
    XERO_IDENTITY_URL: sandbox.url,
    XERO_CONNECTIONS_URL: `${sandbox.url}/connections`,
  };
}

/** One browser's view of a connect flow: its cookie, the Xero consent URL and where Xero sent it back. */
interface BrowserFlow {
  cookie: string;
  authorize: URL;
  callback: string;
}

let storesRegistered = 0;

/**
 * Registers a store with its own invoice prefix: these tests connect many stores to the sandbox's organisations, and
 * stores sharing an organisation must number their documents apart (see two-stores-one-organisation.test.ts).
 */
async function registerStore(api: TestApi, url?: string): Promise<RegisteredStore> {
  const store = await registerBareStore(api, url);
  const own = mappingSettingsSchema.parse({ numbering: { prefix: `S${++storesRegistered}-` } });
  await api.repos.settings.save(store.id, own);
  return store;
}

/** Asks the service for the store's connect link (as the plugin does, with the store's token). */
async function connectLink(api: TestApi, store: RegisteredStore): Promise<URL> {
  const connect = await request(api.app)
    .get(`/api/stores/${store.id}/xero/connect`)
    .set('Authorization', `Bearer ${store.apiToken}`)
    .expect(302);
  expect(connect.headers['cache-control']).toBe('no-store');
  return new URL(connect.headers.location as string);
}

/** Opens a start link in a browser (holding `cookie`, if any) and returns its cookie and Xero's consent URL. */
async function openStart(api: TestApi, start: URL, cookie?: string): Promise<{ cookie: string; authorize: URL }> {
  const opened = request(api.app).get(`${start.pathname}${start.search}`);
  const res = await (cookie ? opened.set('Cookie', cookie) : opened).expect(302);
  const setCookie = (res.headers['set-cookie'] as unknown as string[])[0] as string;
  return { cookie: setCookie.split(';')[0] as string, authorize: new URL(res.headers.location as string) };
}

/** Consents on (sandbox) Xero and returns the callback path Xero redirected the browser to. */
async function consentAtXero(api: TestApi, authorize: URL): Promise<string> {
  const xero = await fetch(authorize, { redirect: 'manual' });
  expect(xero.status).toBe(302);
  const back = new URL(xero.headers.get('location') as string);
  expect(`${back.origin}${back.pathname}`).toBe(api.config.xero.redirectUri);
  return `${back.pathname}${back.search}`;
}

/** Starts the connection as the merchant's browser would: link → start (cookie) → Xero consent. */
async function consentFlow(api: TestApi, store: RegisteredStore, cookie?: string): Promise<BrowserFlow> {
  const opened = await openStart(api, await connectLink(api, store), cookie);
  return { ...opened, callback: await consentAtXero(api, opened.authorize) };
}

/** Runs the whole flow in one browser and returns the callback's answer, expected to be 200. */
async function connectInBrowser(api: TestApi, store: RegisteredStore, accept = 'application/json') {
  const flow = await consentFlow(api, store);
  return request(api.app).get(flow.callback).set('Cookie', flow.cookie).set('Accept', accept).expect(200);
}

const codeOf = (callback: string) => new URL(callback, 'http://x').searchParams.get('code');

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

  it('connects end to end: link → start (cookie) → Xero consent → callback → tokens stored for the tenant', async () => {
    const store = await registerStore(api);
    const start = await connectLink(api, store);
    expect(`${start.origin}${start.pathname}`).toBe('https://sync.example.test/oauth/xero/start');
    const opened = await request(api.app).get(`${start.pathname}${start.search}`).expect(302);
    const setCookie = (opened.headers['set-cookie'] as unknown as string[])[0] as string;
    expect(setCookie).toMatch(
      /^wxs_xero_connect=[\w-]{43}; Max-Age=600; Path=\/oauth\/xero; Expires=.+; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(opened.headers['cache-control']).toBe('no-store');
    const authorize = new URL(opened.headers.location as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.url}/connect/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'sandbox-client-id',
      redirect_uri: 'https://sync.example.test/oauth/xero/callback',
      scope: api.config.xero.scopes,
      state: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
    });

    const cookie = setCookie.split(';')[0] as string;
    const back = await consentAtXero(api, authorize);
    const callback = await request(api.app)
      .get(back)
      .set('Cookie', cookie)
      .set('Accept', 'application/json')
      .expect(200);
    expect(callback.body).toEqual({
      connected: true,
      storeId: store.id,
      storeUrl: 'https://shop.example.test',
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

    const replay = await request(api.app).get(back).set('Cookie', cookie).expect(400);
    expect(replay.body.error.code).toBe('oauth_state_used');
    expect(JSON.stringify(api.logger.lines)).not.toContain(saved!.refreshToken);
    expect(JSON.stringify(api.logger.lines)).not.toContain(codeOf(back));
    expect(JSON.stringify(api.logger.lines)).not.toContain(cookie.split('=')[1]);
  });

  it('answers a browser with a short HTML page naming the store and the organisation', async () => {
    const store = await registerStore(api, 'https://candles.example.test');
    const res = await connectInBrowser(api, store, 'text/html');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Xero organisation <strong>Demo Company (NZ)</strong> is now connected to the store');
    expect(res.text).toContain(`<strong>https://candles.example.test</strong> (${store.id})`);
  });

  it('refuses the state of store A with a code from another consent, and changes nothing', async () => {
    const storeA = await registerStore(api);
    await connectInBrowser(api, storeA);
    const before = await api.repos.xeroConnections.get(storeA.id);
    // The merchant of A starts a reconnection; an attacker learns its state and consents for their own store B.
    const merchant = await openStart(api, await connectLink(api, storeA));
    const attacker = await consentFlow(api, await registerStore(api));
    const forgedUrl = new URL(attacker.callback, 'http://x');
    forgedUrl.searchParams.set('state', merchant.authorize.searchParams.get('state') as string);
    const forged = `${forgedUrl.pathname}${forgedUrl.search}`;

    const bare = await request(api.app).get(forged).expect(400);
    expect(bare.body.error.code).toBe('oauth_browser_mismatch');
    const withOwnCookie = await request(api.app).get(forged).set('Cookie', attacker.cookie).expect(400);
    expect(withOwnCookie.body.error.code).toBe('oauth_browser_mismatch');
    expect(await api.repos.xeroConnections.get(storeA.id)).toEqual(before);

    // The merchant's own flow is untouched by the attempts and still completes.
    const own = await consentAtXero(api, merchant.authorize);
    await request(api.app).get(own).set('Cookie', merchant.cookie).expect(200);
  });

  it('refuses a state used a second time, even with a fresh code, and changes nothing', async () => {
    const store = await registerStore(api);
    const flow = await consentFlow(api, store);
    await request(api.app).get(flow.callback).set('Cookie', flow.cookie).expect(200);
    const before = await api.repos.xeroConnections.get(store.id);

    const again = await consentAtXero(api, flow.authorize); // the same state, a new code
    expect(codeOf(again)).not.toBe(codeOf(flow.callback));
    const res = await request(api.app).get(again).set('Cookie', flow.cookie).expect(400);
    expect(res.body.error.code).toBe('oauth_state_used');
    expect(await api.repos.xeroConnections.get(store.id)).toEqual(before);
  });

  it('refuses a merchant who follows someone else’s link, and changes nothing', async () => {
    const theirs = await registerStore(api);
    const start = await connectLink(api, theirs);
    // The link owner opens it (to get Xero's consent URL) and hands that URL to the merchant.
    const opened = await openStart(api, start);
    const victimCallback = await consentAtXero(api, opened.authorize);
    const res = await request(api.app).get(victimCallback).expect(400);
    expect(res.body.error.code).toBe('oauth_browser_mismatch');
    // The start link itself works once only.
    const reopened = await request(api.app).get(`${start.pathname}${start.search}`).expect(400);
    expect(reopened.body.error.code).toBe('expired_oauth_state');
    expect(await api.repos.xeroConnections.get(theirs.id)).toBeNull();
  });

  it('keeps two flows started in one browser apart, each bound to that browser', async () => {
    const [one, two] = [await registerStore(api), await registerStore(api)];
    const first = await openStart(api, await connectLink(api, one));
    const second = await openStart(api, await connectLink(api, two), first.cookie);
    expect(second.cookie).toBe(first.cookie);
    for (const [store, flow] of [
      [one, first],
      [two, second],
    ] as const) {
      await request(api.app)
        .get(await consentAtXero(api, flow.authorize))
        .set('Cookie', flow.cookie)
        .expect(200);
      expect((await api.repos.xeroConnections.get(store.id))?.status).toBe('connected');
    }
  });

  it('400 expired_oauth_state after ten minutes, storing nothing', async () => {
    const store = await registerStore(api);
    const flow = await consentFlow(api, store);
    now += OAUTH_STATE_TTL_MS + 1;
    const res = await request(api.app).get(flow.callback).set('Cookie', flow.cookie).expect(400);
    expect(res.body.error.code).toBe('expired_oauth_state');
    expect(await api.repos.xeroConnections.get(store.id)).toBeNull();
  });

  it('400 invalid_oauth_state for a forged or missing state', async () => {
    const store = await registerStore(api);
    const callback = new URL((await consentFlow(api, store)).callback, 'http://x');
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
      const flow = await consentFlow(granular, store);
      expect(new URL(flow.callback, 'http://x').searchParams.get('error')).toBeNull();
      await request(granular.app)
        .get(flow.callback)
        .set('Cookie', flow.cookie)
        .set('Accept', 'application/json')
        .expect(200);
    } finally {
      await granular.close();
    }
  });

  it('400 xero_invalid_scope naming XERO_SCOPES when a new Xero app is asked for the broad scopes', async () => {
    const store = await registerStore(api);
    const flow = await consentFlow(api, store);
    expect(new URL(flow.callback, 'http://x').searchParams.get('error')).toBe('invalid_scope');
    const res = await request(api.app)
      .get(flow.callback)
      .set('Cookie', flow.cookie)
      .set('Accept', 'application/json')
      .expect(400);
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
    const res = await connectInBrowser(api, store);
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

  it('asks before replacing a connection to another organisation; nothing changes until the merchant confirms', async () => {
    const store = await registerStore(api);
    const first = await connectInBrowser(api, store);
    const beta = first.body.tenants[1].tenantId as string;
    await request(api.app)
      .post(`/api/stores/${store.id}/xero/tenant`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .send({ tenantId: beta })
      .expect(200);
    const before = await api.repos.xeroConnections.get(store.id);

    // A new consent picks Alpha, which would replace Beta: the browser is asked first.
    const flow = await consentFlow(api, store);
    const asked = await request(api.app).get(flow.callback).set('Cookie', flow.cookie).set('Accept', 'text/html');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('is connected to Xero organisation <strong>Beta Ltd</strong>');
    expect(asked.text).toContain('Replace it with <strong>Alpha Ltd</strong>?');
    const flowId = /name="flow" value="([\w-]+)"/.exec(asked.text)?.[1] as string;
    expect(asked.text).toContain('<form method="post" action="/oauth/xero/confirm"');
    expect(await api.repos.xeroConnections.get(store.id)).toEqual(before);

    // Without the browser's cookie (a cross-site form post does not carry a SameSite=Lax cookie): refused.
    const forged = await request(api.app)
      .post('/oauth/xero/confirm')
      .type('form')
      .send({ flow: flowId, decision: 'replace' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('oauth_confirmation_invalid');
    expect(await api.repos.xeroConnections.get(store.id)).toEqual(before);

    const kept = await request(api.app)
      .post('/oauth/xero/confirm')
      .set('Cookie', flow.cookie)
      .set('Accept', 'application/json')
      .type('form')
      .send({ flow: flowId, decision: 'keep' })
      .expect(200);
    expect(kept.body).toMatchObject({ connected: true, replaced: false, tenantName: 'Beta Ltd' });
    expect(await api.repos.xeroConnections.get(store.id)).toEqual(before);
    await request(api.app)
      .post('/oauth/xero/confirm')
      .set('Cookie', flow.cookie)
      .type('form')
      .send({ flow: flowId, decision: 'replace' })
      .expect(400);

    const again = await consentFlow(api, store);
    const question = await request(api.app)
      .get(again.callback)
      .set('Cookie', again.cookie)
      .set('Accept', 'application/json');
    expect(question.body).toMatchObject({
      connected: false,
      confirmationRequired: true,
      currentTenantName: 'Beta Ltd',
    });
    const flowParam = /"flow": "([\w-]+)"/.exec(question.body.confirm as string)?.[1] as string;
    const replaced = await request(api.app)
      .post('/oauth/xero/confirm')
      .set('Cookie', again.cookie)
      .set('Accept', 'application/json')
      .send({ flow: flowParam, decision: 'replace' })
      .expect(200);
    expect(replaced.body).toMatchObject({ connected: true, storeId: store.id, tenantName: 'Alpha Ltd' });
    const after = await api.repos.xeroConnections.get(store.id);
    expect(after).toMatchObject({ tenantName: 'Alpha Ltd', status: 'connected' });
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
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
