import request from 'supertest';
import { buildTestApi } from './harness';

describe('health endpoints', () => {
  it('GET /healthz answers 200', async () => {
    const api = await buildTestApi();
    try {
      await request(api.app).get('/healthz').expect(200, { ok: true });
    } finally {
      await api.close();
    }
  });

  it('GET /readyz answers 200 when the database and Temporal answer', async () => {
    const api = await buildTestApi();
    try {
      const res = await request(api.app).get('/readyz').expect(200);
      expect(res.body).toEqual({ ok: true, checks: { database: 'ok', temporal: 'ok' } });
    } finally {
      await api.close();
    }
  });

  it('GET /readyz answers 503 naming what failed', async () => {
    const api = await buildTestApi({
      health: {
        checkDatabase: () => Promise.resolve(),
        checkTemporal: () => Promise.reject(new Error('14 UNAVAILABLE: connection refused')),
      },
    });
    try {
      const res = await request(api.app).get('/readyz').expect(503);
      expect(res.body).toEqual({
        error: {
          code: 'not_ready',
          message: 'Not ready: temporal unavailable.',
          details: { checks: { database: 'ok', temporal: 'failed' } },
        },
      });
    } finally {
      await api.close();
    }
  });

  it('GET /readyz reports a closed database as failed', async () => {
    const api = await buildTestApi();
    await api.close();
    const res = await request(api.app).get('/readyz').expect(503);
    expect(res.body.error.details.checks).toEqual({ database: 'failed', temporal: 'ok' });
  });
});
