import { createHmac } from 'node:crypto';
import type { WebhookState } from '../../sandbox/woocommerce';
import { simpleOrder, startHarness, startReceiver, type Harness, type Receiver } from './support/receiver';

const WC_HEADERS = ['source', 'topic', 'resource', 'event', 'signature', 'id', 'delivery-id'].map(
  (name) => `x-wc-webhook-${name}`,
);

describe('webhook deliveries: headers, signature, PHP JSON, coalescing, failures (reference §6)', () => {
  let h: Harness;
  let receiver: Receiver;
  let hooks: WebhookState[] = [];
  beforeEach(async () => {
    h = await startHarness({ asyncDeliveryDelayMs: 60 });
    receiver = await startReceiver();
    hooks = [];
  });
  afterEach(async () => {
    await h.woo.close();
    await receiver.close();
  });
  const subscribe = async (topic: string, secret = 'k3y') => {
    const webhook = await h.woo.webhooks.create({ topic, deliveryUrl: receiver.url, secret });
    hooks.push(webhook);
    receiver.requests.length = 0;
    return webhook;
  };
  const delivered = () => receiver.requests.filter((r) => r.headers['x-wc-webhook-topic'] !== undefined);

  it('fires order.created and order.updated on create, each signed over the exact bytes with 7 X-WC headers', async () => {
    await subscribe('order.created', 'created-secret');
    await subscribe('order.updated', 'updated-secret');
    const order = h.woo.orders.create({ ...simpleOrder, customerNote: 'Leave at café/door' });
    await h.woo.deliveries.waitForIdle();

    const requests = delivered();
    expect(requests.map((r) => r.headers['x-wc-webhook-topic']).sort()).toEqual(['order.created', 'order.updated']);
    for (const request of requests) {
      const topic = String(request.headers['x-wc-webhook-topic']);
      const secret = topic === 'order.created' ? 'created-secret' : 'updated-secret';
      expect(WC_HEADERS.every((name) => typeof request.headers[name] === 'string')).toBe(true);
      expect(request.headers['x-wc-webhook-signature']).toBe(
        createHmac('sha256', secret).update(request.rawBody).digest('base64'),
      );
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'x-wc-webhook-source': `${h.woo.url}/`,
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-event': topic.split('.')[1],
        'x-wc-webhook-id': String(hooks.find((w) => w.topic === topic)?.id),
      });
      expect(request.headers['x-wc-webhook-delivery-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(request.headers['user-agent']).toMatch(/^WooCommerce\/\S+ Hookshot \(WordPress\/\S+\)$/);
      expect(request.body).toContain('"customer_note":"Leave at caf\\u00e9\\/door"');
      expect(JSON.parse(request.body)).toEqual(JSON.parse(JSON.stringify(h.woo.orders.get(order.id))));
    }
    const log = h.woo.deliveries.deliveries();
    expect(log.map((d) => [d.resourceId, d.status, d.success])).toEqual([
      [order.id, 200, true],
      [order.id, 200, true],
    ]);
  });

  it('signs with the HTML-entity-decoded secret', async () => {
    await subscribe('order.updated', 'p&amp;ss&#039;word');
    h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    const [request] = delivered();
    expect(request.headers['x-wc-webhook-signature']).toBe(
      createHmac('sha256', "p&ss'word").update(request.rawBody).digest('base64'),
    );
  });

  it('coalesces pending deliveries per (webhook, order) and builds the body from the state at delivery time', async () => {
    const webhook = await subscribe('order.updated');
    const order = h.woo.orders.create(simpleOrder);
    const other = h.woo.orders.create(simpleOrder);
    for (let i = 1; i <= 5; i++) h.woo.orders.update(order.id, { metaData: [{ key: 'touch', value: i }] });
    await h.woo.deliveries.waitForIdle();
    const forOrder = h.woo.deliveries.deliveries(webhook.id).filter((d) => d.resourceId === order.id);
    expect(forOrder).toHaveLength(1);
    expect(JSON.parse(forOrder[0].body).meta_data).toEqual([expect.objectContaining({ key: 'touch', value: 5 })]);
    expect(h.woo.deliveries.deliveries(webhook.id).filter((d) => d.resourceId === other.id)).toHaveLength(1);

    h.woo.orders.update(order.id, { status: 'completed' });
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id).filter((d) => d.resourceId === order.id)).toHaveLength(2);
  });

  it('does not fire order.updated for notes, but does for PUT meta_data and refunds', async () => {
    const webhook = await subscribe('order.updated');
    const order = h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    await h.api(`/orders/${order.id}/notes`, { method: 'POST', body: { note: 'Synced' } });
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id)).toHaveLength(1);
    await h.api(`/orders/${order.id}`, { method: 'PUT', body: { meta_data: [{ key: 'x', value: 'y' }] } });
    await h.woo.deliveries.waitForIdle();
    h.woo.orders.refund(order.id, { amount: 5, reason: 'Scratched' });
    await h.woo.deliveries.waitForIdle();
    const bodies = h.woo.deliveries.deliveries(webhook.id).map((d) => JSON.parse(d.body));
    expect(bodies).toHaveLength(3);
    expect(bodies[2].refunds).toEqual([expect.objectContaining({ reason: 'Scratched', total: '-5.00' })]);
  });

  it('sends {"id":N} on trash, the order on restore, nothing on permanent delete, and the REST error if gone', async () => {
    const deleted = await subscribe('order.deleted');
    const restored = await subscribe('order.restored');
    const updated = await subscribe('order.updated');
    const order = h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    h.woo.orders.trash(order.id);
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(deleted.id).map((d) => d.body)).toEqual([`{"id":${order.id}}`]);
    h.woo.orders.restore(order.id);
    await h.woo.deliveries.waitForIdle();
    expect(JSON.parse(h.woo.deliveries.deliveries(restored.id)[0].body)).toMatchObject({
      id: order.id,
      status: 'processing',
    });

    h.woo.orders.update(order.id, { customerNote: 'about to vanish' });
    h.woo.orders.deletePermanently(order.id);
    await h.woo.deliveries.waitForIdle();
    const last = h.woo.deliveries.deliveries(updated.id).at(-1);
    expect(last?.body).toBe(
      '{"code":"woocommerce_rest_shop_order_invalid_id","message":"Invalid ID.","data":{"status":404}}',
    );
    expect(h.woo.deliveries.deliveries(deleted.id)).toHaveLength(1);
  });

  it('counts failures without retrying; the 7th consecutive failure disables; re-enabling keeps the count', async () => {
    const webhook = await subscribe('order.created');
    receiver.respondWith(500);
    const createOrders = async (n: number) => {
      for (let i = 0; i < n; i++) h.woo.orders.create(simpleOrder);
      await h.woo.deliveries.waitForIdle();
    };
    await createOrders(6);
    expect(h.woo.webhooks.get(webhook.id)).toMatchObject({ status: 'active', failureCount: 6 });
    await createOrders(1);
    expect(h.woo.webhooks.get(webhook.id)).toMatchObject({ status: 'disabled', failureCount: 6 });
    await createOrders(2);
    expect(h.woo.deliveries.deliveries(webhook.id)).toHaveLength(7);

    await h.api(`/webhooks/${webhook.id}`, { method: 'PUT', body: { status: 'active' } });
    expect(h.woo.webhooks.get(webhook.id)?.failureCount).toBe(6);
    await createOrders(1);
    expect(h.woo.webhooks.get(webhook.id)?.status).toBe('disabled');

    await h.woo.webhooks.update(webhook.id, { status: 'active' });
    receiver.respondWith(302);
    await createOrders(1);
    expect(h.woo.webhooks.get(webhook.id)).toMatchObject({ status: 'active', failureCount: 0 });
    receiver.respondWith(303);
    await createOrders(1);
    expect(h.woo.webhooks.get(webhook.id)?.failureCount).toBe(1);
    expect(h.woo.deliveries.deliveries(webhook.id).map((d) => d.status)).toEqual([
      ...Array<number>(8).fill(500),
      302,
      303,
    ]);
  });

  it('counts an unreachable delivery URL as a failure with status 0', async () => {
    const webhook = await h.woo.webhooks.create({ topic: 'order.created', deliveryUrl: 'http://127.0.0.1:9/closed' });
    h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id)[0]).toMatchObject({ status: 0, success: false });
    expect(h.woo.deliveries.deliveries(webhook.id)[0].error).toMatch(/^http_request_failed/);
    expect(h.woo.webhooks.get(webhook.id)?.failureCount).toBe(1);
  });

  it('can reorder, duplicate and drop deliveries on demand', async () => {
    await subscribe('order.created');
    await subscribe('order.updated');
    h.woo.faults.webhooks({ reorder: true });
    h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    expect(delivered().map((r) => r.headers['x-wc-webhook-topic'])).toEqual(['order.updated', 'order.created']);

    receiver.requests.length = 0;
    h.woo.faults.clear();
    h.woo.faults.webhooks({ duplicateNext: 1, dropNext: 1 });
    h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    const requests = delivered();
    expect(requests).toHaveLength(2);
    expect(requests[0].body).toBe(requests[1].body);
    expect(requests[0].headers['x-wc-webhook-topic']).toBe('order.updated');
  });

  it('skips checkout drafts, as is_valid_resource does', async () => {
    const webhook = await subscribe('order.updated');
    const draft = h.woo.orders.create({ ...simpleOrder, status: 'checkout-draft' });
    h.woo.orders.update(draft.id, { customerNote: 'still a draft' });
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id)).toHaveLength(0);
    h.woo.orders.update(draft.id, { status: 'processing' });
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id)).toHaveLength(1);
  });
});

describe('WordPress safe-URL rules for deliveries (enforceSafeUrls)', () => {
  it('refuses loopback hosts and non-standard ports before sending, counting a failure', async () => {
    const h = await startHarness({ enforceSafeUrls: true });
    const receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    const otherHost = await h.woo.webhooks.create({
      topic: 'order.created',
      deliveryUrl: `http://localhost:${port}/hook`,
    });
    const otherPort = await h.woo.webhooks.create({ topic: 'order.created', deliveryUrl: receiver.url });
    h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    expect(receiver.requests).toHaveLength(0);
    for (const webhook of [otherHost, otherPort]) {
      expect(h.woo.deliveries.deliveries(webhook.id)).toEqual([
        expect.objectContaining({
          status: 0,
          success: false,
          error: 'http_request_failed: A valid URL was not provided.',
        }),
      ]);
      expect(h.woo.webhooks.get(webhook.id)).toMatchObject({ failureCount: 1, pendingDelivery: true });
    }
    await h.woo.close();
    await receiver.close();
  });
});
