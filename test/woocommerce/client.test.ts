import { SANDBOX_STORE_HOSTS as SANDBOX_HOSTS } from '../../sandbox/service-environment';
import { createWooClient, type WooClient } from '../../lib/woocommerce/client';
import { WooApiError } from '../../lib/woocommerce/errors';
import { verifyWooWebhookSignature } from '../../lib/woocommerce/webhook-signature';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';
import { simpleOrder, startReceiver } from '../sandbox-woocommerce/support/receiver';

async function rejection(promise: Promise<unknown>): Promise<WooApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WooApiError)) throw new Error(`expected a WooApiError, got ${String(error)}`);
  return error;
}

describe('WooCommerce client against the sandbox store', () => {
  let woo: WooSandbox;
  let client: WooClient;
  let clock = new Date('2025-06-01T00:00:00Z');
  beforeAll(async () => {
    woo = await startWooSandbox({ utcOffsetMinutes: 720, now: () => clock });
    client = createWooClient({
      storeUrl: `${woo.url}/`,
      devHosts: SANDBOX_HOSTS,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
  });
  afterAll(() => woo.close());
  afterEach(() => woo.faults.clear());

  it('returns a validated order with the fields the mapping reads', async () => {
    const created = woo.orders.create({
      ...simpleOrder,
      coupons: [{ code: 'welcome', discountType: 'percent', amount: 10 }],
    });
    const order = await client.getOrder(created.id);
    expect(order).toMatchObject({ id: created.id, number: String(created.id), total: created.total, currency: 'NZD' });
    expect(order.line_items.map((line) => line.sku)).toEqual(['KAWA-1', 'KETE-1']);
    expect(typeof order.line_items[0].price).toBe('number');
    expect(order.coupon_lines[0]).toMatchObject({ code: 'welcome', discount_type: 'percent' });
  });

  it('rejects an order payload that does not match the schema as a non-retryable invalid_response', async () => {
    const real = woo.orders.create(simpleOrder);
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ ...real, total: 12.5 }), { status: 200 })) as unknown as typeof fetch;
    const broken = createWooClient({
      storeUrl: woo.url,
      devHosts: SANDBOX_HOSTS,
      consumerKey: 'ck',
      consumerSecret: 'cs',
      fetchImpl,
    });
    const error = await rejection(broken.getOrder(real.id));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', retryable: false });
    expect(error.message).toBe(
      `WooCommerce GET /orders/${real.id}: unexpected response (total: Invalid input: expected string, received number)`,
    );
  });

  it('pages through orders with totals from the headers and filters by status and modifiedAfter (UTC)', async () => {
    const fresh = await startWooSandbox({ utcOffsetMinutes: 720, now: () => clock });
    const c = createWooClient({
      storeUrl: fresh.url,
      devHosts: SANDBOX_HOSTS,
      consumerKey: fresh.consumerKey,
      consumerSecret: fresh.consumerSecret,
    });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock = new Date(Date.UTC(2025, 5, 1, i));
      ids.push(fresh.orders.create({ ...simpleOrder, status: i % 2 === 0 ? 'processing' : 'completed' }).id);
    }
    const page = await c.listOrders({ page: 2, perPage: 2 });
    expect(page).toMatchObject({ total: 5, totalPages: 3 });
    expect(page.orders.map((o) => o.id)).toEqual([ids[2], ids[1]]);
    const completed = await c.listOrders({ status: ['completed'], perPage: 100 });
    expect(completed.orders.map((o) => o.id).sort()).toEqual([ids[1], ids[3]]);
    const recent = await c.listOrders({ modifiedAfter: '2025-06-01T02:30:00Z', perPage: 100 });
    expect(recent.orders.map((o) => o.id).sort()).toEqual([ids[3], ids[4]]);
    const sameInstant = await c.listOrders({ modifiedAfter: '2025-06-01T14:30:00+12:00' });
    expect(sameInstant.total).toBe(2);
    await fresh.close();
  });

  it('classifies REST errors: auth, not found and bad parameters are final; 5xx, 429 and resets retry', async () => {
    const wrongSecret = createWooClient({
      storeUrl: woo.url,
      devHosts: SANDBOX_HOSTS,
      consumerKey: woo.consumerKey,
      consumerSecret: 'cs_wrong_1',
    });
    const auth = await rejection(wrongSecret.getOrder(1));
    expect(auth).toMatchObject({ status: 401, code: 'woocommerce_rest_authentication_error', retryable: false });
    expect(auth.message).toContain('Consumer secret is invalid.');
    expect(auth.message).not.toContain('cs_wrong_1');
    expect(auth.message).not.toContain(Buffer.from(`${woo.consumerKey}:cs_wrong_1`).toString('base64'));

    const missing = await rejection(client.getOrder(987654));
    expect(missing).toMatchObject({ status: 404, code: 'woocommerce_rest_shop_order_invalid_id', retryable: false });
    const tooMany = await rejection(client.listOrders({ perPage: 101 }));
    expect(tooMany).toMatchObject({ status: 400, code: 'rest_invalid_param', retryable: false });

    woo.faults.add({ path: /\/orders\/\d+$/, fault: { status: 503 } });
    expect(await rejection(client.getOrder(1))).toMatchObject({ status: 503, retryable: true });
    woo.faults.add({ path: /\/orders\/\d+$/, fault: { status: 500 } });
    expect(await rejection(client.getOrder(1))).toMatchObject({
      status: 500,
      code: 'internal_server_error',
      retryable: true,
    });
    woo.faults.add({ path: /\/products$/, fault: { status: 429, headers: { 'Retry-After': '2' } } });
    expect(await rejection(client.getProductBySku('X'))).toMatchObject({
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    woo.faults.add({ path: /\/orders\/\d+$/, fault: { kind: 'reset' } });
    expect(await rejection(client.getOrder(1))).toMatchObject({ status: 0, code: 'network_error', retryable: true });
    woo.faults.add({ path: /\/orders\/\d+$/, fault: { latencyMs: 300 } });
    const slow = createWooClient({
      ...{ storeUrl: woo.url, devHosts: SANDBOX_HOSTS },
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
      timeoutMs: 50,
    });
    expect(await rejection(slow.getOrder(1))).toMatchObject({ status: 0, code: 'timeout', retryable: true });
  });

  it('writes order notes without triggering order.updated and reads them back', async () => {
    const receiver = await startReceiver();
    const webhook = await woo.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url });
    const order = woo.orders.create(simpleOrder);
    await woo.deliveries.waitForIdle();
    const note = await client.addOrderNote(order.id, 'Synced to Xero as INV-0042');
    expect(note).toMatchObject({ note: 'Synced to Xero as INV-0042', customer_note: false, author: 'system' });
    const customer = await client.addOrderNote(order.id, 'Thanks!', { customerNote: true });
    expect(customer.customer_note).toBe(true);
    const notes = await client.listOrderNotes(order.id);
    expect(notes.map((n) => n.id)).toEqual(expect.arrayContaining([note.id, customer.id]));
    await woo.deliveries.waitForIdle();
    expect(woo.deliveries.deliveries(webhook.id)).toHaveLength(1);
    expect(await rejection(client.addOrderNote(999999, 'x'))).toMatchObject({
      status: 404,
      code: 'woocommerce_rest_order_invalid_id',
    });
    await woo.webhooks.update(webhook.id, { status: 'paused' });
    await receiver.close();
  });

  it('looks products up by exact SKU, variations included, and returns null when none matches', async () => {
    woo.products.create({ name: 'Balm', sku: 'BALM-50', price: 18.5 });
    woo.products.create({ name: 'Balm large', sku: 'BALM-500', price: 48 });
    const { variations } = woo.products.createVariable({
      name: 'Kete',
      variations: [{ sku: 'KETE-BLUE', price: 45, attributes: [{ name: 'Colour', option: 'Blue' }] }],
    });
    expect(await client.getProductBySku('BALM-50')).toMatchObject({ sku: 'BALM-50', price: '18.5', type: 'simple' });
    expect(await client.getProductBySku('KETE-BLUE')).toMatchObject({ id: variations[0].id, type: 'variation' });
    expect(await client.getProductBySku('BALM')).toBeNull();
    expect(await client.getProductBySku('')).toBeNull();
  });

  it('verifies real sandbox deliveries, and rejects a wrong or missing signature', async () => {
    const receiver = await startReceiver();
    const secret = 'wh&amp;sec<ret>';
    await woo.webhooks.create({ topic: 'order.created', deliveryUrl: receiver.url, secret });
    woo.orders.create({ ...simpleOrder, customerNote: 'Kia ora – ngā mihi / thanks' });
    await woo.deliveries.waitForIdle();
    const delivery = receiver.requests.find((r) => r.headers['x-wc-webhook-topic'] === 'order.created');
    expect(delivery).toBeDefined();
    const header = delivery?.headers['x-wc-webhook-signature'] as string;
    const raw = delivery?.rawBody ?? Buffer.alloc(0);
    expect(verifyWooWebhookSignature(raw, secret, header)).toBe(true);
    expect(verifyWooWebhookSignature(raw, 'wh&sec<ret>', header)).toBe(true);
    expect(verifyWooWebhookSignature(raw, 'another-secret', header)).toBe(false);
    expect(verifyWooWebhookSignature(raw, secret, undefined)).toBe(false);
    expect(verifyWooWebhookSignature(Buffer.from(JSON.stringify(JSON.parse(raw.toString()))), secret, header)).toBe(
      false,
    );
    await receiver.close();
  });
});
