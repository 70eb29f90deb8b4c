import express from 'express';
import request from 'supertest';
import type { XeroIdentity } from '../../api/dependencies';
import { WooApiError, type WooClient, type WooClientFactory } from '../../lib/woocommerce';
import type { XeroTenantConnection } from '../../lib/xero/identity-client';
import { newXeroConnection } from '../db/fixtures';
import { buildTestApi, OPERATOR_TOKEN, type RegisteredStore, type TestApi } from './harness';
import { fillPath, listAppRoutes, pathParams, type DeclaredRoute, type RouteListing } from './route-walk';

// The walk below is generated from the app's router: every route is walked unless it is listed here as public on
// purpose, with the reason. A route added later is walked automatically; a new public route that is not listed
// fails the walk (it does not answer 401), so it cannot be forgotten.

/** A route that takes no bearer token by design. */
interface PublicRoute {
  method: string;
  path: string | RegExp;
  reason: string;
  /** Whether it refuses a caller without its own kind of credential (signature, state, cookie) with a 4xx. */
  refusesStrangers: boolean;
  /** Being added by another change: may not exist yet, and its answers are not known here. */
  pending?: true;
}

const PUBLIC_ROUTES: PublicRoute[] = [
  {
    method: 'GET',
    path: '/healthz',
    reason: 'liveness probe of the platform; says nothing about any store',
    refusesStrangers: false,
  },
  {
    method: 'GET',
    path: '/readyz',
    reason: 'readiness probe (database, Temporal); says nothing about any store',
    refusesStrangers: false,
  },
  {
    method: 'POST',
    path: '/webhooks/woocommerce/:storeId',
    reason:
      "WooCommerce sends no bearer token: each delivery is signed (HMAC) with the store's webhook secret; 404 for an unknown store",
    refusesStrangers: true,
  },
  {
    method: 'GET',
    path: '/oauth/xero/callback',
    reason:
      "Xero redirects the merchant's browser here: the signed state and the flow's browser cookie authenticate it",
    refusesStrangers: true,
  },
  {
    method: 'GET',
    path: '/oauth/xero/start',
    reason:
      "the merchant's browser opens the one-time link that GET …/xero/connect (store token) made; it binds the flow to the browser",
    refusesStrangers: true,
  },
  {
    method: 'POST',
    path: '/oauth/xero/confirm',
    reason:
      "the merchant's browser answers the replace-organisation question: the flow nonce and its browser cookie authenticate it",
    refusesStrangers: true,
  },
  {
    method: 'POST',
    path: '/api/activations',
    reason:
      "the WordPress plugin registers its store, with its admin's consent, before it has any token (limited per source address)",
    refusesStrangers: false,
  },
  {
    method: '*',
    path: /^\/api\/wc-auth(\/|$)/,
    reason:
      "WooCommerce's /wc-auth/v1/authorize posts the keys the merchant approved: no bearer token is possible, the signed user_id of the authorize link says which store asked",
    refusesStrangers: true,
  },
  {
    method: 'POST',
    path: '/api/billing/events',
    reason:
      "the billing provider's webhook: no bearer token, its HMAC signature under BILLING_WEBHOOK_SECRET authenticates it",
    refusesStrangers: true,
  },
];

const TENANT_A = 'aaaaaaaa-1111-4222-8333-444444444444';
const TENANT_B = 'bbbbbbbb-5555-4666-8777-888888888888';
const B_ORDER_ID = 4242;

/** Bodies that would be valid for B (so a missing auth check would act on them), by `METHOD path`; `{}` otherwise. */
const SAMPLE_BODIES: Record<string, object> = {
  'POST /api/stores/:storeId/lifecycle': { event: 'deactivated' },
  'POST /api/stores': {
    url: 'https://intruder.example.test',
    consumerKey: 'ck_intruder',
    consumerSecret: 'cs_intruder',
  },
  'PUT /api/stores/:storeId/settings': { numbering: { prefix: 'ALPHA-WAS-HERE-' } },
  'POST /api/stores/:storeId/xero/tenant': { tenantId: TENANT_B },
  'PUT /api/xero-organisations/:tenantId/limits': { callsPerDay: 1 },
};

/** The methods a route with only an `.all()` handler is walked with. */
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** What only store B (and the operator) may see; all but the WooCommerce order number (which the order view does
 * not show) appear in some answer to B's own token. */
const B_DATA = {
  orderNumber: 'BRAVO-ORDER-4242',
  documentNumber: 'INV-BRAVO-9Q4242',
  documentId: 'b0b0b0b0-9999-4000-8000-00000000b0b0',
  tenantName: 'Bravo Secret Holdings Ltd',
  settingsPrefix: 'BRAVO9Q-',
  storeHost: 'bravo-shop.example.test',
};

/** B's secrets: no answer to anyone ever shows them. */
const B_SECRETS = {
  consumerKey: 'ck_bravo_consumer_key_5c1e7',
  consumerSecret: 'cs_bravo_consumer_secret_9d2f4',
  accessToken: 'bravo-xero-access-token-e81b',
  refreshToken: 'bravo-xero-refresh-token-44c0',
};

/** One request of the walk. */
interface Probe {
  method: string;
  url: string;
  body?: object;
  authorization?: string;
}

/** One walked route and method, with the store-scoping the path implies. */
interface WalkedRoute {
  method: string;
  path: string;
  storeScoped: boolean;
}

function matchesPublic(entry: PublicRoute, method: string, path: string): boolean {
  const methodMatches = entry.method === '*' || method === '*' || entry.method === method;
  return methodMatches && (typeof entry.path === 'string' ? entry.path === path : entry.path.test(path));
}

/** Each declared route and method: the walked ones (not listed public) and the listed ones. */
function classify(listing: RouteListing): { walked: WalkedRoute[]; listed: Array<{ method: string; path: string }> } {
  const walked: WalkedRoute[] = [];
  const listed: Array<{ method: string; path: string }> = [];
  for (const route of listing.routes) {
    for (const method of route.methods.flatMap((m) => (m === '*' ? ALL_METHODS : [m]))) {
      if (PUBLIC_ROUTES.some((entry) => matchesPublic(entry, method, route.path)))
        listed.push({ method, path: route.path });
      else walked.push({ method, path: route.path, storeScoped: pathParams(route.path).includes('storeId') });
    }
  }
  return { walked, listed };
}

describe('tenant isolation, walked over every route the app declares', () => {
  let api: TestApi;
  let storeA: RegisteredStore;
  let storeB: RegisteredStore;
  /** A store registered and then deleted; its token must be worth nothing. */
  let deletedStore: RegisteredStore;
  let routes: DeclaredRoute[];
  let listing: RouteListing;
  let walked: WalkedRoute[];
  const wooClientsOpened: string[] = [];
  const xeroIdentityCalls: string[] = [];

  /** A WooCommerce client that answers nothing: every call fails as an unreachable store would. */
  const createWooClient: WooClientFactory = (options) => {
    wooClientsOpened.push(options.storeUrl);
    const unreachable = (): Promise<never> =>
      Promise.reject(new WooApiError({ status: 503, code: 'test_store_unreachable', message: 'test store' }));
    return new Proxy({} as WooClient, { get: (_, name) => (name === 'then' ? undefined : unreachable) });
  };

  const tenantOf = (accessToken: string): XeroTenantConnection =>
    accessToken === B_SECRETS.accessToken
      ? { id: 'conn-b', tenantId: TENANT_B, tenantName: B_DATA.tenantName, tenantType: 'ORGANISATION' }
      : { id: 'conn-a', tenantId: TENANT_A, tenantName: 'Alpha Ltd', tenantType: 'ORGANISATION' };

  /** Xero's identity service, recorded: a refused request must never reach it. */
  const xeroIdentity: XeroIdentity = {
    buildAuthorizeUrl: (state) => {
      xeroIdentityCalls.push('buildAuthorizeUrl');
      return `https://login.xero.test/authorize?state=${encodeURIComponent(state)}`;
    },
    exchangeCode: () => {
      xeroIdentityCalls.push('exchangeCode');
      return Promise.reject(new Error('no code exchange in this test'));
    },
    listConnections: (accessToken) => {
      xeroIdentityCalls.push('listConnections');
      return Promise.resolve([tenantOf(accessToken)]);
    },
  };

  const register = async (url: string, consumerKey = 'ck_test_key', consumerSecret = 'cs_test_secret') =>
    (
      await request(api.app)
        .post('/api/stores')
        .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
        .send({ url, consumerKey, consumerSecret })
        .expect(201)
    ).body as RegisteredStore;

  /** The value a path parameter gets: the store under test, B's order, B's organisation, or something plausible. */
  const paramValue = (storeId: string) => (param: string) => {
    if (param === 'storeId') return storeId;
    if (param === 'orderId') return String(B_ORDER_ID);
    if (param === 'tenantId') return TENANT_B;
    return '1';
  };

  const bodyFor = (method: string, path: string): object | undefined => {
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return undefined;
    return SAMPLE_BODIES[`${method} ${path}`] ?? {};
  };

  const probe = (route: WalkedRoute, storeId: string, authorization?: string): Probe => ({
    method: route.method,
    url: fillPath(route.path, paramValue(storeId)),
    body: bodyFor(route.method, route.path),
    authorization,
  });

  const send = async (p: Probe): Promise<request.Response> => {
    const req = new request.Test(api.app, p.method, p.url);
    if (p.authorization !== undefined) req.set('Authorization', p.authorization);
    return p.body === undefined ? req : req.send(p.body);
  };

  const describeProbe = (p: Probe, res: request.Response): string =>
    `${p.method} ${p.url} [${p.authorization ?? 'no Authorization'}] → ${res.status} ${res.text.slice(0, 160)}`;

  /** Everything a response shows: status line aside, its headers and body. */
  const shown = (res: request.Response): string => `${JSON.stringify(res.headers)}\n${res.text}`;

  /** The B data or secrets a response shows. */
  const leaksOf = (res: request.Response, values: Record<string, string>): string[] =>
    Object.entries(values)
      .filter(([, value]) => shown(res).includes(value))
      .map(([name]) => name);

  const bSecretsAll = (): Record<string, string> => ({
    ...B_SECRETS,
    webhookSecret: storeB.webhookSecret,
    apiToken: storeB.apiToken.split('.')[1] ?? storeB.apiToken,
  });

  /** A digest of every table's rows, by table: what a refused request must leave as it was. */
  const snapshot = async (): Promise<Map<string, string>> => {
    const tables = await api.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const digests = await api.db.query<{ name: string; digest: string }>(
      tables
        .map(
          ({ name }) =>
            `SELECT '${name}' AS name, md5(coalesce(string_agg(to_jsonb(t)::text, ',' ORDER BY to_jsonb(t)::text), '')) AS digest FROM "${name}" t`,
        )
        .join(' UNION ALL '),
    );
    return new Map(digests.map((row) => [row.name, row.digest]));
  };

  /** The tables whose rows differ between two snapshots. */
  const changedTables = (before: Map<string, string>, after: Map<string, string>): string[] =>
    [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));

  /**
   * Sends every probe and returns a line for each whose answer `check` refuses, that shows B's data or secrets,
   * that changed any row, or that reached WooCommerce or Xero.
   */
  async function walkRefused(probes: Probe[], check: (res: request.Response) => string | undefined): Promise<string[]> {
    const failures: string[] = [];
    for (const p of probes) {
      const before = await snapshot();
      const [wooBefore, xeroBefore] = [wooClientsOpened.length, xeroIdentityCalls.length];
      const res = await send(p);
      const problem = check(res);
      const leaks = leaksOf(res, { ...B_DATA, ...bSecretsAll() });
      const changed = changedTables(before, await snapshot());
      const outbound = [...wooClientsOpened.slice(wooBefore), ...xeroIdentityCalls.slice(xeroBefore)];
      if (problem) failures.push(`${describeProbe(p, res)}: ${problem}`);
      if (leaks.length > 0) failures.push(`${describeProbe(p, res)}: shows B's ${leaks.join(', ')}`);
      if (changed.length > 0) failures.push(`${describeProbe(p, res)}: changed ${changed.join(', ')}`);
      if (outbound.length > 0) failures.push(`${describeProbe(p, res)}: reached out (${outbound.join(', ')})`);
    }
    return failures;
  }

  const unauthorized = (res: request.Response): string | undefined =>
    res.status === 401 && (res.body as { error?: { code?: string } }).error?.code === 'unauthorized'
      ? undefined
      : 'expected 401 unauthorized';

  beforeAll(async () => {
    api = await buildTestApi({
      env: {
        XERO_CLIENT_ID: 'test-client-id',
        XERO_CLIENT_SECRET: 'test-client-secret',
        // Nothing here may leave the machine: an unexpected Xero accounting call is refused at once.
        XERO_API_URL: 'http://127.0.0.1:9/api.xro/2.0',
        // Configured, so the billing webhook refuses an unsigned call (401) rather than answering 503.
        BILLING_WEBHOOK_SECRET: 'billing-webhook-secret-for-the-walk-0123456789',
      },
      deps: { createWooClient, xeroIdentity },
    });
    storeA = await register('https://alpha-shop.example.test');
    storeB = await register(`https://${B_DATA.storeHost}`, B_SECRETS.consumerKey, B_SECRETS.consumerSecret);
    deletedStore = await register('https://gone-shop.example.test');
    await api.db.query('DELETE FROM stores WHERE id = $1', [deletedStore.id]);

    await api.repos.xeroConnections.save(storeA.id, newXeroConnection({ tenantId: TENANT_A, tenantName: 'Alpha Ltd' }));
    await api.repos.xeroConnections.save(
      storeB.id,
      newXeroConnection({
        tenantId: TENANT_B,
        tenantName: B_DATA.tenantName,
        connectionId: 'conn-b',
        accessToken: B_SECRETS.accessToken,
        refreshToken: B_SECRETS.refreshToken,
      }),
    );
    await request(api.app)
      .put(`/api/stores/${storeB.id}/settings`)
      .set('Authorization', `Bearer ${storeB.apiToken}`)
      .send({ numbering: { prefix: B_DATA.settingsPrefix } })
      .expect(200);
    await api.repos.ledger.upsert({
      storeId: storeB.id,
      orderId: B_ORDER_ID,
      orderNumber: B_DATA.orderNumber,
      state: 'synced',
      documentKind: 'invoice',
      xeroDocumentId: B_DATA.documentId,
      xeroDocumentNumber: B_DATA.documentNumber,
      orderTotal: '987.65',
      xeroTotal: '987.65',
      currency: 'NZD',
      workflowId: `order-sync:${storeB.id}:${B_ORDER_ID}`,
      runId: 'run-b',
    });
    // B's flow through the connect pages is under way too (a connect link issued), so its flows table is not empty.
    await request(api.app)
      .get(`/api/stores/${storeB.id}/xero/connect`)
      .set('Authorization', `Bearer ${storeB.apiToken}`)
      .expect(302);

    listing = listAppRoutes(api.app);
    routes = listing.routes;
    walked = classify(listing).walked;
  });
  afterAll(() => api?.close());

  it('knows every route: each is walked, or listed public with its reason, and the lists are current', () => {
    // The walker reads the real router: the registration route and a store route are among what it found.
    expect(routes).toEqual(
      expect.arrayContaining([
        { path: '/api/stores', methods: ['POST'] },
        { path: '/api/stores/:storeId', methods: ['GET'] },
      ]),
    );
    expect(walked.filter((r) => r.storeScoped).length).toBeGreaterThan(0);
    expect(walked.filter((r) => !r.storeScoped).length).toBeGreaterThan(0);
    expect(routes.filter((r) => r.methods.length === 0)).toEqual([]);

    // Middleware under a path (static files, a sub-app) could answer without auth: it must be a listed route.
    const mounted = listing.middleware.filter(
      (m) => m.mountPath !== '/' && !PUBLIC_ROUTES.some((entry) => matchesPublic(entry, '*', m.mountPath)),
    );
    expect(mounted).toEqual([]);

    // No stale entry: every public entry that is not pending, and every sample body, names a declared route.
    const declares = (method: string, path: string | RegExp) =>
      routes.some(
        (r) =>
          (typeof path === 'string' ? r.path === path : path.test(r.path)) &&
          (method === '*' || r.methods.includes(method) || r.methods.includes('*')),
      );
    expect(PUBLIC_ROUTES.filter((entry) => !entry.pending && !declares(entry.method, entry.path))).toEqual([]);
    expect(
      Object.keys(SAMPLE_BODIES).filter((key) => {
        const [method = '', path = ''] = key.split(' ');
        return !declares(method, path);
      }),
    ).toEqual([]);
  });

  it('without a valid token, every walked route answers 401 (no token, malformed, unknown or deleted store)', async () => {
    const [, secretA = ''] = storeA.apiToken.split('.');
    // Each Authorization header, with the store whose routes it is sent to.
    const credentials: Array<[string | undefined, () => string]> = [
      [undefined, () => storeB.id],
      ['', () => storeB.id],
      ['Bearer', () => storeB.id],
      ['Bearer ', () => storeB.id],
      [`Basic ${Buffer.from(`${storeA.id}:${secretA}`).toString('base64')}`, () => storeB.id],
      [storeA.apiToken, () => storeA.id], // the token without "Bearer"
      ['Bearer not-a-token', () => storeB.id],
      [`Bearer ${OPERATOR_TOKEN}x`, () => storeB.id],
      [`Bearer ${OPERATOR_TOKEN.slice(0, -1)}`, () => storeB.id],
      [`Bearer ${storeA.apiToken}x`, () => storeA.id],
      [`Bearer ${storeB.id}.${secretA}`, () => storeB.id], // B's id with A's secret
      [`Bearer st_unknownstore0000.wxs_${'a'.repeat(32)}`, () => 'st_unknownstore0000'],
      [`Bearer ${deletedStore.apiToken}`, () => deletedStore.id], // a deleted store, on its own routes
      [`Bearer ${deletedStore.apiToken}`, () => storeB.id],
    ];
    const probes = walked.flatMap((route) =>
      credentials.map(([authorization, storeOf]) => probe(route, storeOf(), authorization)),
    );
    const failures = await walkRefused(probes, unauthorized);
    expect(failures).toEqual([]);
    expect(probes.length).toBe(walked.length * credentials.length);
  });

  it("store A's token gets 403 or 404 on every route of store B, every method, and none of B's data", async () => {
    const probes = walked
      .filter((r) => r.storeScoped)
      .map((route) => probe(route, storeB.id, `Bearer ${storeA.apiToken}`));
    const failures = await walkRefused(probes, (res) =>
      res.status === 403 || res.status === 404 ? undefined : 'expected 403 or 404',
    );
    expect(failures).toEqual([]);
    expect(probes.length).toBeGreaterThan(0);
  });

  it('a store token on every operator-only route (every route without a :storeId) gets 403', async () => {
    // B's own token, and routes filled with B's own Xero organisation: a store is still not the operator.
    const probes = walked
      .filter((r) => !r.storeScoped)
      .flatMap((route) => [storeA, storeB].map((s) => probe(route, s.id, `Bearer ${s.apiToken}`)));
    const failures = await walkRefused(probes, (res) =>
      res.status === 403 && (res.body as { error?: { code?: string } }).error?.code === 'forbidden'
        ? undefined
        : 'expected 403 forbidden',
    );
    expect(failures).toEqual([]);
    expect(probes.length).toBeGreaterThan(0);
  });

  it("A's token on its own store, with B's ids in the other path parameters, shows none of B's data", async () => {
    const withOtherIds = walked.filter((r) => r.storeScoped && pathParams(r.path).some((p) => p !== 'storeId'));
    expect(withOtherIds.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const route of withOtherIds) {
      const p = probe(route, storeA.id, `Bearer ${storeA.apiToken}`);
      const res = await send(p);
      const leaks = leaksOf(res, { ...B_DATA, ...bSecretsAll() });
      if (leaks.length > 0) failures.push(`${describeProbe(p, res)}: shows B's ${leaks.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('public routes, called without their own credentials, refuse and show none of B’s data', async () => {
    const listed = classify(listing).listed;
    const failures: string[] = [];
    for (const { method, path } of listed) {
      const entry = PUBLIC_ROUTES.find((e) => matchesPublic(e, method, path));
      for (const authorization of [undefined, `Bearer ${storeA.apiToken}`]) {
        const p: Probe = {
          method,
          url: fillPath(path, paramValue(storeB.id)),
          body: bodyFor(method, path),
          authorization,
        };
        const res = await send(p);
        const leaks = leaksOf(res, { ...B_DATA, ...bSecretsAll() });
        if (leaks.length > 0) failures.push(`${describeProbe(p, res)}: shows B's ${leaks.join(', ')}`);
        if (entry?.refusesStrangers && (res.status < 400 || res.status >= 500)) {
          failures.push(`${describeProbe(p, res)}: expected a 4xx refusal`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("the walk can fail: B's own token and the operator are let through, and B's token sees B's data", async () => {
    // Last: these requests are allowed, so they may write (settings, a connect flow, a registration).
    const failures: string[] = [];
    const seenByB = new Set<string>();
    const checkAllowed = async (p: Probe): Promise<request.Response> => {
      const res = await send(p);
      if ([401, 403, 404, 405].includes(res.status))
        failures.push(`${describeProbe(p, res)}: expected to be let through`);
      const secrets = leaksOf(res, bSecretsAll());
      if (secrets.length > 0) failures.push(`${describeProbe(p, res)}: shows B's ${secrets.join(', ')}`);
      return res;
    };
    // Reads first, so B's data is seen before the walk's own writes (its sample bodies) replace any of it.
    const readsFirst = [...walked].sort((x, y) => Number(x.method !== 'GET') - Number(y.method !== 'GET'));
    for (const route of readsFirst) {
      if (route.storeScoped) {
        const own = await checkAllowed(probe(route, storeB.id, `Bearer ${storeB.apiToken}`));
        for (const name of leaksOf(own, B_DATA)) seenByB.add(name);
      }
      await checkAllowed(probe(route, storeB.id, `Bearer ${OPERATOR_TOKEN}`));
    }
    expect(failures).toEqual([]);
    // So "none of B's data" above is a real check: each marker is in some answer to B itself.
    const shownToB = Object.keys(B_DATA).filter((name) => name !== 'orderNumber');
    expect([...seenByB].sort()).toEqual(shownToB.sort());
  });
});

describe('listAppRoutes, the walk of an Express 5 router', () => {
  const ok: express.RequestHandler = (_req, res) => {
    res.end();
  };

  it('finds the routes of the app and of nested routers under their mount paths, and other middleware', () => {
    const app = express();
    app.use((_req, _res, next) => next());
    app.get('/top', ok);
    const inner = express.Router();
    inner.route('/items/:itemId').get(ok).put(ok).all(ok);
    const outer = express.Router();
    outer.use('/v2/', inner);
    outer.all('/any', ok);
    app.use('/api', outer);
    app.use('/files', ok);

    expect(listAppRoutes(app)).toEqual({
      routes: [
        { path: '/top', methods: ['GET'] },
        { path: '/api/v2/items/:itemId', methods: ['GET', 'PUT'] },
        { path: '/api/any', methods: ['*'] },
      ],
      middleware: [
        { mountPath: '/', name: '<anonymous>' },
        { mountPath: '/files', name: 'ok' },
      ],
    });
  });

  it('refuses what it cannot list (a RegExp path, a sub-app) rather than skipping it', () => {
    const withRegExp = express();
    withRegExp.get(/^\/regexp\/(\d+)$/, ok);
    expect(() => listAppRoutes(withRegExp)).toThrow(/not a plain path/);
    const withSubApp = express();
    const sub = express();
    sub.post('/hook', ok);
    withSubApp.use(sub);
    expect(() => listAppRoutes(withSubApp)).toThrow(/a sub-app/);
  });

  it('fills every kind of path parameter', () => {
    const path = '/a/:storeId{/:orderId}/*rest';
    expect(pathParams(path)).toEqual(['storeId', 'orderId', 'rest']);
    expect(fillPath(path, (name) => `${name} 1`)).toBe('/a/storeId%201/orderId%201/rest%201');
  });
});
