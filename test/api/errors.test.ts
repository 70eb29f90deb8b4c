import request from 'supertest';
import { buildTestApi, type TestApi } from './harness';

describe('error handling', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await buildTestApi();
  });
  afterAll(() => api.close());

  it('404 not_found as JSON for an unknown route', async () => {
    const res = await request(api.app).get('/nope?token=abc').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No route for GET /nope.' } });
  });

  it('405 method_not_allowed with Allow for a known path and the wrong method', async () => {
    const res = await request(api.app).delete('/healthz').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body.error.code).toBe('method_not_allowed');
  });

  it('answers OPTIONS on a known path with the allowed methods', async () => {
    const res = await request(api.app).options('/api/stores').expect(204);
    expect(res.headers.allow).toBe('POST, OPTIONS');
  });

  it('500 internal_error without the stack or message of an unexpected failure, which is logged instead', async () => {
    const failing = await buildTestApi({
      deps: {
        health: {
          checkDatabase: () => Promise.resolve(),
          checkTemporal: () => Promise.resolve(),
        },
      },
    });
    try {
      failing.repos.stores.get = () => Promise.reject(new Error('db exploded at /secret/path'));
      const res = await request(failing.app)
        .get('/api/stores/st_aaaaaaaaaaaaaaaa')
        .set('Authorization', 'Bearer op_test_operator_token_0123456789')
        .expect(500);
      expect(res.body).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(res.text).not.toContain('exploded');
      expect(res.text).not.toContain('at ');
      expect(failing.logger.lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          fields: expect.objectContaining({ error: expect.stringContaining('exploded') }),
        }),
      );
    } finally {
      await failing.close();
    }
  });

  it('writes one log line per request with method, path and status but no query string or headers', async () => {
    const before = api.logger.lines.length;
    await request(api.app).get('/healthz?code=oauth-code-value').set('Authorization', 'Bearer sekrit-token');
    const lines = api.logger.lines.slice(before);
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'request',
        fields: expect.objectContaining({ method: 'GET', path: '/healthz', status: 200 }),
      },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/oauth-code-value|sekrit/);
  });
});
