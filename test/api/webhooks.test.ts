import request from 'supertest';
import { signWooWebhook } from '../../lib/woocommerce/webhook-signature';
import { buildTestApi, registerStore, type RegisteredStore, type TestApi } from './harness';

const DELIVERY_ID = '5f2c1e0b9a8d7c6b5a4f3e2d1c0b9a8f';

/** Posts a delivery the way WooCommerce does: raw JSON bytes, X-WC-Webhook-* headers, signature over those bytes. */
function deliver(
  api: TestApi,
  storeId: string,
  body: string,
  options: { topic?: string; secret?: string; signature?: string | null; contentType?: string } = {},
) {
  const raw = Buffer.from(body);
  let req = request(api.app)
    .post(`/webhooks/woocommerce/${storeId}`)
    .set('Content-Type', options.contentType ?? 'application/json')
    .set('X-WC-Webhook-Source', 'https://shop.example.test/')
    .set('X-WC-Webhook-Delivery-ID', DELIVERY_ID)
    .set('X-WC-Webhook-ID', '7');
  if (options.topic !== undefined) req = req.set('X-WC-Webhook-Topic', options.topic);
  if (options.signature !== null) {
    req = req.set('X-WC-Webhook-Signature', options.signature ?? signWooWebhook(raw, options.secret ?? ''));
  }
  // A string goes out byte for byte (supertest would JSON-encode a Buffer sent as application/json).
  return req.send(body);
}

describe('POST /webhooks/woocommerce/:storeId', () => {
  let api: TestApi;
  let store: RegisteredStore;

  const signed = (body: string, topic = 'order.updated') =>
    deliver(api, store.id, body, { topic, secret: store.webhookSecret });

  beforeAll(async () => {
    api = await buildTestApi();
    store = await registerStore(api);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    api.orderSync.calls.length = 0;
    await api.db.query('DELETE FROM webhook_inbox');
  });

  describe('accepted deliveries', () => {
    it('starts the order sync for a signed order.created and answers 202 with the workflow id', async () => {
      const body = JSON.stringify({ id: 1234, number: '1234', status: 'processing', total: '10.00' });
      const res = await signed(body, 'order.created').expect(202);
      expect(res.body).toEqual({ workflowId: `order-sync:${store.id}:1234` });
      expect(await api.handedOver()).toEqual([
        { storeId: store.id, orderId: 1234, orderNumber: '1234', topic: 'order.created', deliveryId: DELIVERY_ID },
      ]);
    });

    it.each(['order.updated', 'order.deleted', 'order.restored'])('starts the order sync for %s', async (topic) => {
      const res = await signed('{"id":77}', topic).expect(202);
      expect(res.body).toEqual({ workflowId: `order-sync:${store.id}:77` });
      expect(await api.handedOver()).toEqual([
        { storeId: store.id, orderId: 77, orderNumber: undefined, topic, deliveryId: DELIVERY_ID },
      ]);
    });

    it('verifies the exact bytes WooCommerce sent (PHP escapes "/" as "\\/"), never a re-serialisation', async () => {
      const body =
        '{"id":5,"number":"5","_links":{"self":[{"href":"https:\\/\\/shop.example.test\\/wp-json\\/wc\\/v3\\/orders\\/5"}]}}';
      await signed(body).expect(202);
      expect(await api.handedOver()).toHaveLength(1);
    });

    it('accepts any content type, since the body is read raw', async () => {
      const body = '{"id":9}';
      const res = await deliver(api, store.id, body, {
        topic: 'order.updated',
        secret: store.webhookSecret,
        contentType: 'text/plain',
      }).expect(202);
      expect(res.body.workflowId).toBe(`order-sync:${store.id}:9`);
    });

    it('drops an order number that is not a short string instead of failing the delivery', async () => {
      await signed(JSON.stringify({ id: 10, number: 'x'.repeat(200) })).expect(202);
      expect((await api.handedOver())[0]?.orderNumber).toBeUndefined();
    });
  });

  describe('the creation ping', () => {
    it('answers 200 to the unsigned form body webhook_id=N', async () => {
      const res = await request(api.app)
        .post(`/webhooks/woocommerce/${store.id}`)
        .type('form')
        .send('webhook_id=42')
        .expect(200);
      expect(res.body).toEqual({ ok: true });
      expect(await api.handedOver()).toEqual([]);
    });

    it('answers 404 to a ping for an unknown store', async () => {
      const res = await request(api.app)
        .post('/webhooks/woocommerce/st_aaaaaaaaaaaaaaaa')
        .type('form')
        .send('webhook_id=42')
        .expect(404);
      expect(res.body.error.code).toBe('unknown_store');
    });
  });

  describe('ignored deliveries', () => {
    it('answers 202 ignored for a topic that is not about orders', async () => {
      const res = await signed('{"id":3,"name":"Shirt"}', 'product.updated').expect(202);
      expect(res.body).toEqual({ ignored: true });
      expect(await api.handedOver()).toEqual([]);
    });

    it('answers 202 ignored, with a log line, for a WooCommerce error object delivered as order.updated', async () => {
      const body = '{"code":"woocommerce_rest_shop_order_invalid_id","message":"Invalid ID.","data":{"status":404}}';
      const res = await signed(body).expect(202);
      expect(res.body).toEqual({ ignored: true });
      expect(await api.handedOver()).toEqual([]);
      expect(api.logger.lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          fields: expect.objectContaining({ wooCode: 'woocommerce_rest_shop_order_invalid_id' }),
        }),
      );
    });
  });

  describe('refused deliveries start nothing', () => {
    afterEach(async () => {
      expect(await api.handedOver()).toEqual([]);
    });

    it('401 missing_signature when the signature header is absent', async () => {
      const res = await deliver(api, store.id, '{"id":1}', { topic: 'order.updated', signature: null }).expect(401);
      expect(res.body.error.code).toBe('missing_signature');
    });

    it('401 invalid_signature for a signature made with another secret', async () => {
      const res = await deliver(api, store.id, '{"id":1}', { topic: 'order.updated', secret: 'not-the-secret' }).expect(
        401,
      );
      expect(res.body.error.code).toBe('invalid_signature');
    });

    it('401 invalid_signature for a signature that is not base64 of an HMAC', async () => {
      const res = await deliver(api, store.id, '{"id":1}', { topic: 'order.updated', signature: 'garbage' }).expect(
        401,
      );
      expect(res.body.error.code).toBe('invalid_signature');
    });

    it('401 when the body was altered after signing', async () => {
      const signature = signWooWebhook(Buffer.from('{"id":1}'), store.webhookSecret);
      await deliver(api, store.id, '{"id":2}', { topic: 'order.updated', signature }).expect(401);
    });

    it('401 for another store’s correctly signed delivery', async () => {
      const other = await registerStore(api, 'https://other.example.test');
      const res = await deliver(api, store.id, '{"id":1}', { topic: 'order.updated', secret: other.webhookSecret });
      expect(res.status).toBe(401);
    });

    it('401 for an unsigned ping-like body that carries delivery headers', async () => {
      await deliver(api, store.id, 'webhook_id=1', { topic: 'order.updated', signature: null }).expect(401);
    });

    it('404 unknown_store for a store that does not exist, signed or not', async () => {
      const res = await deliver(api, 'st_aaaaaaaaaaaaaaaa', '{"id":1}', { topic: 'order.updated', secret: 'x' });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'unknown_store', message: expect.any(String) } });
    });

    it('400 validation_failed for a malformed store id', async () => {
      const res = await deliver(api, 'no%20such%20store', '{"id":1}', { topic: 'order.updated', secret: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0]).toMatchObject({ in: 'params', field: 'storeId' });
    });

    it('400 invalid_json for a correctly signed body that is not JSON', async () => {
      const res = await signed('{"id": 1,').expect(400);
      expect(res.body.error.code).toBe('invalid_json');
    });

    it.each([
      ['no id', '{"status":"processing"}'],
      ['a fractional id', '{"id":1.5}'],
      ['a negative id', '{"id":-4}'],
      ['a non-numeric id', '{"id":"abc"}'],
      ['a JSON array', '[1,2]'],
      ['JSON null', 'null'],
    ])('400 validation_failed for a payload with %s', async (_label, body) => {
      const res = await signed(body).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    });

    it('400 for a signed delivery without a topic header', async () => {
      const res = await deliver(api, store.id, '{"id":1}', { secret: store.webhookSecret }).expect(400);
      expect(res.body.error.details.fields).toEqual([
        expect.objectContaining({ in: 'headers', field: 'x-wc-webhook-topic' }),
      ]);
    });

    it('413 payload_too_large for a body over the configured limit', async () => {
      const body = JSON.stringify({ id: 1, padding: 'x'.repeat(20_000) });
      const res = await signed(body).expect(413);
      expect(res.body.error.code).toBe('payload_too_large');
    });

    it('405 method_not_allowed with an Allow header for GET', async () => {
      const res = await request(api.app).get(`/webhooks/woocommerce/${store.id}`).expect(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.body.error.code).toBe('method_not_allowed');
    });
  });

  it('answers 503 and says so when the delivery cannot be recorded', async () => {
    const failing = await buildTestApi({
      deps: { intake: { record: () => Promise.reject(new Error('connection refused')) } },
    });
    try {
      const other = await registerStore(failing);
      const body = '{"id":1}';
      const res = await deliver(failing, other.id, body, { topic: 'order.updated', secret: other.webhookSecret });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('sync_unavailable');
      expect(JSON.stringify(res.body)).not.toContain('connection refused');
    } finally {
      await failing.close();
    }
  });

  it('acknowledges a delivery while Temporal is down and hands it over once Temporal answers again', async () => {
    let temporalUp = false;
    const started: string[] = [];
    const flaky = await buildTestApi({
      orderSync: {
        start: (change) => {
          if (!temporalUp) return Promise.reject(new Error('14 UNAVAILABLE: connection refused'));
          started.push(`${change.storeId}:${change.orderId}:${change.topic}`);
          return Promise.resolve({ workflowId: 'unused' });
        },
      },
    });
    try {
      const other = await registerStore(flaky);
      const res = await deliver(flaky, other.id, '{"id":31,"number":"31"}', {
        topic: 'order.created',
        secret: other.webhookSecret,
      }).expect(202);
      expect(res.body).toEqual({ workflowId: `order-sync:${other.id}:31` });

      expect(await flaky.relay.relayDue()).toEqual({ claimed: 1, handedOver: 0, failed: 1 });
      expect(await flaky.repos.webhookInbox.pending()).toEqual([
        expect.objectContaining({ orderId: 31, attempts: 1, lastError: expect.stringContaining('UNAVAILABLE') }),
      ]);
      temporalUp = true;
      expect(await flaky.relay.relayDue()).toEqual({ claimed: 1, handedOver: 1, failed: 0 });
      expect(started).toEqual([`${other.id}:31:order.created`]);
      expect(await flaky.repos.webhookInbox.pending()).toEqual([]);
    } finally {
      await flaky.close();
    }
  });

  it('never logs the webhook secret, signatures or bodies', () => {
    const logged = JSON.stringify(api.logger.lines);
    expect(logged).not.toContain(store.webhookSecret);
    expect(logged).not.toContain(signWooWebhook(Buffer.from('{"id":77}'), store.webhookSecret));
    expect(logged).not.toContain('processing');
  });
});
