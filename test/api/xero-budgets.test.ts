import request from 'supertest';
import { newXeroConnection } from '../db/fixtures';
import { buildTestApi, OPERATOR_TOKEN, registerStore, type RegisteredStore, type TestApi } from './harness';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const UNKNOWN_TENANT = '00000000-1111-4222-8333-444444444444';

describe('the operator routes of an organisation’s Xero call budget', () => {
  let api: TestApi;
  let store: RegisteredStore;
  const operator = (req: request.Test) => req.set('Authorization', `Bearer ${OPERATOR_TOKEN}`);

  beforeAll(async () => {
    api = await buildTestApi({ env: { XERO_CALLS_PER_DAY: '5000', XERO_MINUTE_HEADROOM: '10' } });
    store = await registerStore(api);
    await api.repos.xeroConnections.save(store.id, newXeroConnection({ tenantId: TENANT }));
  });
  afterAll(() => api.close());

  it('shows the defaults and what the governor has seen used', async () => {
    const res = await operator(request(api.app).get(`/api/xero-organisations/${TENANT}/budget`)).expect(200);
    expect(res.body).toMatchObject({
      tenantId: TENANT,
      limits: { callsPerMinute: 60, minuteHeadroom: 10, callsPerDay: 5000, concurrentCalls: 5 },
      overrides: { callsPerMinute: null, callsPerDay: null, concurrentCalls: null },
      callsInLastMinute: 0,
      inFlight: 0,
      blockedUntil: null,
    });
  });

  it('sets an organisation on a smaller Xero tier to 1,000 calls a day, and clears it again', async () => {
    const set = await operator(request(api.app).put(`/api/xero-organisations/${TENANT}/limits`))
      .send({ callsPerDay: 1000 })
      .expect(200);
    expect(set.body.limits).toMatchObject({ callsPerDay: 1000, callsPerMinute: 60 });
    expect(set.body.overrides).toEqual({ callsPerMinute: null, callsPerDay: 1000, concurrentCalls: null });
    const seen = await api.repos.xeroCallBudgets.status(TENANT, api.config.xero.limits, Date.now());
    expect(seen.limits.callsPerDay).toBe(1000);

    const cleared = await operator(request(api.app).put(`/api/xero-organisations/${TENANT}/limits`))
      .send({ callsPerDay: null })
      .expect(200);
    expect(cleared.body.limits.callsPerDay).toBe(5000);
  });

  it('refuses limits above Xero’s own, unknown fields and non-numbers, changing nothing', async () => {
    await operator(request(api.app).put(`/api/xero-organisations/${TENANT}/limits`))
      .send({ concurrentCalls: 3 })
      .expect(200);
    for (const body of [
      { callsPerMinute: 61 },
      { callsPerDay: 0 },
      { concurrentCalls: 2.5 },
      { perHour: 5 },
      { callsPerDay: '900' },
    ]) {
      const res = await operator(request(api.app).put(`/api/xero-organisations/${TENANT}/limits`))
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const after = await api.repos.xeroCallBudgets.status(TENANT, api.config.xero.limits, Date.now());
    expect(after.overrides).toEqual({ callsPerMinute: null, callsPerDay: null, concurrentCalls: 3 });
  });

  it('answers 404 for an organisation no store is connected to, and 400 for a malformed id', async () => {
    await operator(request(api.app).get(`/api/xero-organisations/${UNKNOWN_TENANT}/budget`)).expect(404);
    await operator(request(api.app).put(`/api/xero-organisations/${UNKNOWN_TENANT}/limits`))
      .send({ callsPerDay: 1000 })
      .expect(404);
    await operator(request(api.app).get('/api/xero-organisations/not-a-tenant/budget')).expect(400);
  });

  it('is for the operator only: a store token is refused', async () => {
    await request(api.app)
      .get(`/api/xero-organisations/${TENANT}/budget`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(403);
    await request(api.app).put(`/api/xero-organisations/${TENANT}/limits`).send({ callsPerDay: 1 }).expect(401);
  });
});
