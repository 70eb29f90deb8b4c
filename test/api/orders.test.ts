import request from 'supertest';
import { buildTestApi, OPERATOR_TOKEN, registerStore, type RegisteredStore, type TestApi } from './harness';

describe('GET /api/stores/:storeId/orders/:orderId', () => {
  let api: TestApi;
  let store: RegisteredStore;

  beforeAll(async () => {
    api = await buildTestApi();
    store = await registerStore(api);
    await api.repos.ledger.upsert({
      storeId: store.id,
      orderId: 1234,
      orderNumber: '1234',
      state: 'synced',
      documentKind: 'invoice',
      xeroDocumentId: 'c0ffee00-0000-4000-8000-000000000001',
      xeroDocumentNumber: 'INV-0042',
      orderTotal: '115.00',
      xeroTotal: '115.00',
      currency: 'NZD',
      workflowId: `order-sync:${store.id}:1234`,
      runId: 'run-1',
    });
  });
  afterAll(() => api.close());

  it('shows the ledger view with a link to the run in the Temporal Web UI', async () => {
    const res = await request(api.app)
      .get(`/api/stores/${store.id}/orders/1234`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(200);
    expect(res.body).toEqual({
      orderId: 1234,
      state: 'synced',
      documentKind: 'invoice',
      documentId: 'c0ffee00-0000-4000-8000-000000000001',
      documentNumber: 'INV-0042',
      orderTotal: '115.00',
      xeroTotal: '115.00',
      currency: 'NZD',
      lastError: null,
      warning: null,
      difference: null,
      documents: [
        {
          kind: 'invoice',
          xeroId: 'c0ffee00-0000-4000-8000-000000000001',
          number: 'INV-0042',
          total: '115.00',
          state: 'synced',
          current: true,
        },
      ],
      effects: [],
      xeroCapacityWait: null,
      updatedAt: expect.any(String),
      workflowId: `order-sync:${store.id}:1234`,
      temporalUrl: `http://temporal-ui.test:8233/namespaces/default/workflows/order-sync%3A${store.id}%3A1234`,
    });
  });

  it('says when a pending sync waits for Xero capacity, and when it expects to go on', async () => {
    const until = new Date(Date.now() + 40_000);
    const workflowId = `order-sync:${store.id}:77`;
    await api.repos.ledger.recordXeroWait({ storeId: store.id, orderId: 77, workflowId }, until);
    const res = await request(api.app)
      .get(`/api/stores/${store.id}/orders/77`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(200);
    expect(res.body).toMatchObject({
      state: 'pending',
      xeroCapacityWait: { message: 'waiting for Xero capacity', expectedAt: until.toISOString() },
    });
  });

  it('is visible to the operator too', async () => {
    await request(api.app)
      .get(`/api/stores/${store.id}/orders/1234`)
      .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
      .expect(200);
  });

  it('404 for an order the sync has not seen', async () => {
    const res = await request(api.app)
      .get(`/api/stores/${store.id}/orders/999`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it.each(['abc', '0', '-1', '1.5', '0x10', '99999999999999999'])('400 for the order id %s', async (orderId) => {
    const res = await request(api.app)
      .get(`/api/stores/${store.id}/orders/${orderId}`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(400);
    expect(res.body.error.details.fields).toEqual([
      { in: 'params', field: 'orderId', message: 'must be a positive integer' },
    ]);
  });

  it('403 for another store’s token', async () => {
    const other = await registerStore(api);
    await request(api.app)
      .get(`/api/stores/${store.id}/orders/1234`)
      .set('Authorization', `Bearer ${other.apiToken}`)
      .expect(403);
  });

  it('405 for POST', async () => {
    const res = await request(api.app)
      .post(`/api/stores/${store.id}/orders/1234`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});
