import request from 'supertest';
import { hashApiToken } from '../../lib/secrets';
import { buildTestApi, OPERATOR_TOKEN, registerStore, type TestApi } from './harness';

const operator = `Bearer ${OPERATOR_TOKEN}`;

describe('stores', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await buildTestApi();
  });
  afterAll(() => api.close());

  describe('POST /api/stores', () => {
    it('registers a store and shows its API token and webhook secret once', async () => {
      const res = await request(api.app)
        .post('/api/stores')
        .set('Authorization', operator)
        .send({ url: 'https://shop.example.test///', consumerKey: 'ck_abc', consumerSecret: 'cs_def' })
        .expect(201);
      const { id, apiToken, webhookUrl, webhookSecret } = res.body as Record<string, string>;
      expect(Object.keys(res.body as object).sort()).toEqual(['apiToken', 'id', 'webhookSecret', 'webhookUrl']);
      expect(id).toMatch(/^st_[a-z2-7]{16}$/);
      expect(res.headers.location).toBe(`/api/stores/${id}`);
      expect(webhookUrl).toBe(`https://sync.example.test/webhooks/woocommerce/${id}`);
      expect(apiToken).toBe(`${id}.${apiToken.split('.')[1]}`);
      expect(apiToken).toMatch(/^st_[a-z2-7]{16}\.wxs_[a-z2-7]{32}$/);
      expect(webhookSecret).toMatch(/^whsec_[a-z2-7]{32}$/);

      expect(await api.repos.stores.get(id)).toMatchObject({ url: 'https://shop.example.test', status: 'active' });
      expect(await api.repos.stores.getApiTokenHash(id)).toBe(hashApiToken(apiToken.split('.')[1] as string));
      expect(await api.repos.stores.getCredentials(id)).toEqual({
        consumerKey: 'ck_abc',
        consumerSecret: 'cs_def',
        webhookSecret,
      });
      const [raw] = await api.db.query<Record<string, string>>('SELECT * FROM store_credentials WHERE store_id = $1', [
        id,
      ]);
      expect(JSON.stringify(raw)).not.toContain(webhookSecret);
      expect(JSON.stringify(raw)).not.toContain('cs_def');
    });

    it('400 with a message per invalid field', async () => {
      const res = await request(api.app)
        .post('/api/stores')
        .set('Authorization', operator)
        .send({ url: 'ftp://shop.example.test', consumerKey: '   ', consumerSecret: 42 })
        .expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.fields).toEqual([
        { in: 'body', field: 'url', message: 'must be an http or https URL' },
        { in: 'body', field: 'consumerKey', message: 'must not be empty' },
        { in: 'body', field: 'consumerSecret', message: 'must be a string' },
      ]);
    });

    it('400 naming every missing field when the body is empty', async () => {
      const res = await request(api.app).post('/api/stores').set('Authorization', operator).expect(400);
      expect(
        res.body.error.details.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
      ).toEqual([
        ['url', 'is required'],
        ['consumerKey', 'is required'],
        ['consumerSecret', 'is required'],
      ]);
    });

    it('400 for a store URL carrying credentials or a query', async () => {
      const res = await request(api.app)
        .post('/api/stores')
        .set('Authorization', operator)
        .send({ url: 'https://admin:pw@shop.example.test/?x=1', consumerKey: 'ck', consumerSecret: 'cs' })
        .expect(400);
      expect(res.body.error.details.fields).toEqual([
        { in: 'body', field: 'url', message: 'must not contain credentials, a query or a fragment' },
      ]);
    });

    it('400 invalid_json for a malformed JSON body', async () => {
      const res = await request(api.app)
        .post('/api/stores')
        .set('Authorization', operator)
        .set('Content-Type', 'application/json')
        .send('{"url": ')
        .expect(400);
      expect(res.body).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
    });

    it('413 payload_too_large for a body over the limit', async () => {
      const res = await request(api.app)
        .post('/api/stores')
        .set('Authorization', operator)
        .send({ url: 'https://shop.example.test', consumerKey: 'x'.repeat(20_000), consumerSecret: 'cs' })
        .expect(413);
      expect(res.body.error.code).toBe('payload_too_large');
    });

    it('401 without a valid token, 403 with a store token', async () => {
      const store = await registerStore(api);
      const body = { url: 'https://shop.example.test', consumerKey: 'ck', consumerSecret: 'cs' };
      const missing = await request(api.app).post('/api/stores').send(body).expect(401);
      expect(missing.body.error.code).toBe('unauthorized');
      expect(missing.headers['www-authenticate']).toBe('Bearer');
      await request(api.app).post('/api/stores').set('Authorization', 'Basic abc').send(body).expect(401);
      await request(api.app).post('/api/stores').set('Authorization', `${operator}x`).send(body).expect(401);
      const asStore = await request(api.app)
        .post('/api/stores')
        .set('Authorization', `Bearer ${store.apiToken}`)
        .send(body)
        .expect(403);
      expect(asStore.body.error.code).toBe('forbidden');
    });

    it('405 with an Allow header for GET /api/stores', async () => {
      const res = await request(api.app).get('/api/stores').set('Authorization', operator).expect(405);
      expect(res.headers.allow).toBe('POST');
    });
  });

  describe('GET /api/stores/:storeId', () => {
    it('shows the store to its own token and to the operator, without any secret', async () => {
      const store = await registerStore(api);
      for (const token of [store.apiToken, OPERATOR_TOKEN]) {
        const res = await request(api.app)
          .get(`/api/stores/${store.id}`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
        expect(res.body).toEqual({
          id: store.id,
          url: 'https://shop.example.test',
          status: 'active',
          createdAt: expect.any(String),
          webhookUrl: store.webhookUrl,
          xero: { connected: false },
        });
      }
    });

    it('shows the connected Xero organisation by name, never its tokens', async () => {
      const store = await registerStore(api);
      await api.repos.xeroConnections.save(store.id, {
        tenantId: 'tenant-1',
        tenantName: 'Demo Company (NZ)',
        connectionId: 'conn-1',
        accessToken: 'secret-access-token',
        refreshToken: 'secret-refresh-token',
        accessTokenExpiresAt: new Date(Date.now() + 1_800_000),
        scopes: 'offline_access accounting.transactions',
      });
      const res = await request(api.app)
        .get(`/api/stores/${store.id}`)
        .set('Authorization', `Bearer ${store.apiToken}`)
        .expect(200);
      expect(res.body.xero).toMatchObject({ connected: true, tenantId: 'tenant-1', tenantName: 'Demo Company (NZ)' });
      expect(res.text).not.toContain('secret-');
      expect(res.text).not.toContain(store.webhookSecret);
    });

    it('403 for another store’s token; 401 without a token or with a wrong one', async () => {
      const mine = await registerStore(api);
      const theirs = await registerStore(api);
      const get = (authorization?: string) => {
        const req = request(api.app).get(`/api/stores/${mine.id}`);
        return authorization ? req.set('Authorization', authorization) : req;
      };
      const res = await get(`Bearer ${theirs.apiToken}`).expect(403);
      expect(res.body.error.code).toBe('forbidden');
      await get().expect(401);
      const [, theirSecret] = theirs.apiToken.split('.');
      const wrong = await get(`Bearer ${mine.id}.${theirSecret}`).expect(401);
      expect(wrong.body.error.code).toBe('unauthorized');
      await get(`Bearer ${theirSecret}`).expect(401);
      await get(`Bearer st_aaaaaaaaaaaaaaaa.${theirSecret}`).expect(401);
    });

    it('404 for an unknown store (operator), 403 for a store token', async () => {
      const store = await registerStore(api);
      const res = await request(api.app).get('/api/stores/st_aaaaaaaaaaaaaaaa').set('Authorization', operator);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      await request(api.app)
        .get('/api/stores/st_aaaaaaaaaaaaaaaa')
        .set('Authorization', `Bearer ${store.apiToken}`)
        .expect(403);
    });

    it('400 for a malformed store id', async () => {
      const res = await request(api.app).get('/api/stores/bad%20id').set('Authorization', operator).expect(400);
      expect(res.body.error.details.fields[0]).toMatchObject({ in: 'params', field: 'storeId' });
    });
  });

  it('never logs tokens or secrets', () => {
    const logged = JSON.stringify(api.logger.lines);
    expect(logged).not.toContain(OPERATOR_TOKEN);
    expect(logged).not.toMatch(/wxs_|whsec_|cs_def|secret-access-token/);
  });
});
