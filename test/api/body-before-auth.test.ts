import request from 'supertest';
import { buildTestApi, OPERATOR_TOKEN, registerStore, type RegisteredStore, type TestApi } from './harness';

/** `[[[…` nested `depth` levels, then broken: a parser that reads it answers 400 invalid_json, not 401. */
const deepBrokenJson = (depth: number): string => `${'['.repeat(depth)}!`;

/** `{ accounts: { byCategory: { k0: "200", … } } }` with `count` keys. */
function settingsWithKeys(count: number): string {
  const byCategory = Object.fromEntries(Array.from({ length: count }, (_, i) => [`category-${i}`, '200']));
  return JSON.stringify({ accounts: { byCategory } });
}

describe('request bodies are read only once the caller is known', () => {
  let api: TestApi;
  let store: RegisteredStore;

  beforeAll(async () => {
    // The production default: the body limit the webhooks need (1mb) is far more than any JSON route does.
    api = await buildTestApi({ env: { API_BODY_LIMIT: '1mb' } });
    store = await registerStore(api);
  });
  afterAll(() => api.close());

  const json = (method: 'post' | 'put', path: string, body: string, token?: string): request.Test => {
    const req = request(api.app)[method](path).set('Content-Type', 'application/json');
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body);
  };

  it.each([
    ['POST /api/stores', 'post', (): string => '/api/stores'],
    ['PUT settings', 'put', (): string => `/api/stores/${store.id}/settings`],
    ['POST xero tenant', 'post', (): string => `/api/stores/${store.id}/xero/tenant`],
  ] as const)('%s: 401 for an unauthenticated deep or oversized body, without parsing it', async (_, method, path) => {
    for (const body of [deepBrokenJson(200_000), `"${'x'.repeat(900_000)}`]) {
      const res = await json(method, path(), body).expect(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    const wrongToken = await json(method, path(), deepBrokenJson(200_000), 'op_wrong_token_0123456789').expect(401);
    expect(wrongToken.body.error.code).toBe('unauthorized');
  });

  it('413 for a settings body with 20,000 mapping keys, and nothing saved', async () => {
    const path = `/api/stores/${store.id}/settings`;
    const res = await json('put', path, settingsWithKeys(20_000), store.apiToken).expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
    const versions = await api.db.query('SELECT version FROM store_settings WHERE store_id = $1', [store.id]);
    expect(versions).toEqual([]);
  });

  it('413 for a registration body far larger than a registration', async () => {
    const body = JSON.stringify({
      url: 'https://big.example.test',
      consumerKey: 'ck',
      consumerSecret: 'x'.repeat(50_000),
    });
    const res = await json('post', '/api/stores', body, OPERATOR_TOKEN).expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('still accepts ordinary settings and registrations', async () => {
    await json('put', `/api/stores/${store.id}/settings`, settingsWithKeys(50), store.apiToken).expect(200);
    await registerStore(api, 'https://ordinary.example.test');
  });
});
