import request from 'supertest';
import { loadConfig } from '../../lib/config';
import { buildTestApi, OPERATOR_TOKEN, type TestApi } from './harness';

async function register(api: TestApi, url: string) {
  return request(api.app)
    .post('/api/stores')
    .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
    .send({ url, consumerKey: 'ck_key', consumerSecret: 'cs_secret' });
}

async function storeCount(api: TestApi): Promise<number> {
  const [row] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stores');
  return row?.n ?? 0;
}

const PUBLIC_ONLY = 'must point at a public internet address, not a private, loopback or link-local one';

describe('store URLs at registration (production defaults)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi();
  });
  afterAll(() => api.close());

  it.each([
    ['http://169.254.169.254/', 'must use https'],
    ['https://169.254.169.254/latest/meta-data', PUBLIC_ONLY],
    ['https://127.0.0.1', PUBLIC_ONLY],
    ['https://127.1', PUBLIC_ONLY],
    ['https://2130706433', PUBLIC_ONLY],
    ['https://0x7f000001', PUBLIC_ONLY],
    ['https://0177.0.0.1', PUBLIC_ONLY],
    ['https://[::1]', PUBLIC_ONLY],
    ['https://[::ffff:127.0.0.1]', PUBLIC_ONLY],
    ['https://[::ffff:a9fe:a9fe]', PUBLIC_ONLY],
    ['https://[fe80::1]', PUBLIC_ONLY],
    ['https://10.0.0.5:8443', PUBLIC_ONLY],
    ['https://192.168.1.10', PUBLIC_ONLY],
    ['https://0.0.0.0', PUBLIC_ONLY],
    ['https://metadata.private.test', PUBLIC_ONLY],
    ['https://nowhere.unresolvable', 'has a host name that could not be resolved'],
    ['http://shop.example.test', 'must use https'],
  ])('refuses %s and registers nothing', async (url, message) => {
    const before = await storeCount(api);
    const res = await register(api, url);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'validation_failed',
      message: 'The request body is invalid.',
      details: { fields: [{ in: 'body', field: 'url', message }] },
    });
    expect(await storeCount(api)).toBe(before);
  });

  it('accepts https URLs whose host is, or resolves to, a public address', async () => {
    await register(api, 'https://shop.example.test').then((res) => expect(res.status).toBe(201));
    await register(api, 'https://93.184.215.14').then((res) => expect(res.status).toBe(201));
  });
});

describe('store URLs with the development allowance DEV_STORE_HOSTS', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await buildTestApi({ env: { DEV_STORE_HOSTS: ' 127.0.0.1 , LocalHost' } });
  });
  afterAll(() => api.close());

  it('parses the list: trimmed, lower case, empty by default', () => {
    expect(api.config.woo.devHosts).toEqual(['127.0.0.1', 'localhost']);
    expect(loadConfig({}).woo.devHosts).toEqual([]);
  });

  it('allows plain http and loopback for the named hosts only', async () => {
    await register(api, 'http://127.0.0.1:8081').then((res) => expect(res.status).toBe(201));
    await register(api, 'http://localhost:8081').then((res) => expect(res.status).toBe(201));
    const unnamed = await register(api, 'http://[::1]:8081');
    expect(unnamed.body.error.details.fields[0].message).toBe('must use https');
    const otherPrivate = await register(api, 'https://10.0.0.5');
    expect(otherPrivate.body.error.details.fields[0].message).toBe(PUBLIC_ONLY);
  });
});
