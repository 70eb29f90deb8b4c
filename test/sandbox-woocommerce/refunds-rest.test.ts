import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleOrder, startHarness, startReceiver, type Harness, type Receiver, wpError } from './support/receiver';

type Json = Record<string, unknown>;

const officialRefunds = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'refunds-list.json'), 'utf8')) as Json[];

/** The JSON type of a value as the shape comparison sees it. */
function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Every key of the official example is in ours with the same JSON type, recursively (first array entries). */
function expectShapeCovers(official: unknown, ours: unknown, path = '$'): void {
  expect(`${path}: ${kind(ours)}`).toBe(`${path}: ${kind(official)}`);
  if (Array.isArray(official) && Array.isArray(ours) && official.length > 0 && ours.length > 0) {
    expectShapeCovers(official[0], ours[0], `${path}[0]`);
  } else if (kind(official) === 'object') {
    for (const [key, value] of Object.entries(official as Json)) {
      expectShapeCovers(value, (ours as Json)[key], `${path}.${key}`);
    }
  }
}

describe('order refunds over REST (REFV2/REFV3, reference §2 "Refunds")', () => {
  let h: Harness;
  let receiver: Receiver;
  beforeEach(async () => {
    h = await startHarness({ asyncDeliveryDelayMs: 20, utcOffsetMinutes: -180 });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await h.woo.close();
    await receiver.close();
  });
  const post = (orderId: number, body: unknown) => h.api(`/orders/${orderId}/refunds`, { method: 'POST', body });

  it('creates a line refund whose amount is the sum of refund_total and refund_tax, shaped like the official list', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const [balm] = order.line_items;
    const res = await post(order.id, {
      api_refund: false,
      line_items: [{ id: balm.id, quantity: 1, refund_total: 18.5, refund_tax: [{ id: 1, refund_total: 2.78 }] }],
    });
    expect(res.status).toBe(201);
    // CRUD create_item fills in neither route variable, so the Location keeps the regex group.
    expect(res.headers.get('location')).toMatch(/\/wp-json\/wc\/v3\/orders\/\(\?P<order_id>\[\\d\]\+\)\/refunds\/\d+$/);
    const created = (await res.json()) as Json;
    expect(created).toMatchObject({ amount: '21.28', reason: '', refunded_by: 1 });
    expect(created).not.toHaveProperty('refunded_payment');

    const list = await h.api(`/orders/${order.id}/refunds`);
    expect(list.headers.get('x-wp-total')).toBe('1');
    const [viewed] = (await list.json()) as Json[];
    expect(viewed).toMatchObject({ id: created.id, refunded_payment: false });
    expect(Object.keys(viewed)).toEqual([
      'id',
      'date_created',
      'date_created_gmt',
      'amount',
      'reason',
      'refunded_by',
      'refunded_payment',
      'meta_data',
      'line_items',
      'shipping_lines',
      'tax_lines',
      'fee_lines',
      '_links',
    ]);
    expectShapeCovers(officialRefunds[1], viewed);
    const base = `${h.woo.url}/wp-json/wc/v3/orders/${order.id}`;
    expect(viewed._links).toEqual({
      self: [{ href: `${base}/refunds/${String(created.id)}` }],
      collection: [{ href: `${base}/refunds` }],
      up: [{ href: base }],
    });
    expect((viewed.line_items as Json[])[0]).toMatchObject({
      quantity: -1,
      total: '-18.50',
      taxes: [{ id: 1, total: '-2.78', subtotal: '-2.78' }],
      meta_data: [{ key: '_refunded_item_id', value: String(balm.id) }],
    });
    expect(h.woo.orders.get(order.id)?.refunds).toEqual([{ id: created.id, reason: '', total: '-21.28' }]);
  });

  it('takes amount (a string) over the lines; a line without refund_total leaves the amount to be given', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const res = await post(order.id, {
      amount: '10.00',
      reason: 'Goodwill',
      api_refund: false,
      line_items: [{ id: order.line_items[1].id, quantity: 1 }],
    });
    expect(await res.json()).toMatchObject({
      amount: '10.00',
      reason: 'Goodwill',
      line_items: [expect.objectContaining({ quantity: -1, total: '0.00', price: 0 })],
    });
    const zero = await post(order.id, { api_refund: false, line_items: [{ id: order.line_items[0].id, quantity: 1 }] });
    expect(await zero.json()).toMatchObject({ amount: '0.00' });
  });

  it('refuses a negative amount with 400, more than is left with 500, a non-string amount as a bad parameter', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const negative = await post(order.id, { amount: '-1.00', api_refund: false });
    expect(negative.status).toBe(400);
    expect(await negative.json()).toEqual({
      code: 'woocommerce_rest_invalid_order_refund',
      message: 'Refund amount must be greater than zero.',
      data: { status: 400 },
    });
    const tooMuch = await post(order.id, { amount: '101.79', api_refund: false });
    expect(tooMuch.status).toBe(500);
    expect(await tooMuch.json()).toEqual({
      code: 'woocommerce_rest_cannot_create_order_refund',
      message: 'Invalid refund amount.',
      data: { status: 500 },
    });
    const number = await post(order.id, { amount: 10, api_refund: false });
    expect(number.status).toBe(400);
    expect(await wpError(number)).toMatchObject({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): amount',
    });
    const missing = await post(999999, { amount: '1.00' });
    expect(missing.status).toBe(404);
    expect((await wpError(missing)).code).toBe('woocommerce_rest_invalid_order_id');
    expect(await (await h.api(`/orders/${order.id}/refunds`)).json()).toEqual([]);
    // The full remaining amount is fine and refunds the order.
    expect((await post(order.id, { amount: '101.78', api_refund: false })).status).toBe(201);
    expect(h.woo.orders.get(order.id)?.status).toBe('refunded');
  });

  it('calls the gateway by default: a bank transfer cannot refund; a card gateway can, unless it fails', async () => {
    const bacs = h.woo.orders.create(simpleOrder);
    const refused = await post(bacs.id, { amount: '5.00' });
    expect(refused.status).toBe(500);
    expect(await wpError(refused)).toMatchObject({
      code: 'woocommerce_rest_cannot_create_order_refund',
      message: 'The payment gateway for this order does not support automatic refunds.',
    });
    expect(h.woo.orders.get(bacs.id)?.refunds).toEqual([]);

    const card = h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'sandbox_card' });
    const paid = await post(card.id, { amount: '5.00', reason: 'Late' });
    expect(paid.status).toBe(201);
    const refundId = ((await paid.json()) as { id: number }).id;
    expect(await (await h.api(`/orders/${card.id}/refunds/${refundId}`)).json()).toMatchObject({
      refunded_payment: true,
    });
    expect(h.woo.gateways.refunds()).toEqual([expect.objectContaining({ orderId: card.id, amount: 5 })]);

    h.woo.gateways.failNextRefunds(1);
    const failed = await post(card.id, { amount: '5.00' });
    expect(await wpError(failed)).toMatchObject({
      message: 'An error occurred while attempting to create the refund using the payment gateway API.',
    });
    expect(h.woo.orders.get(card.id)?.refunds.map((r) => r.id)).toEqual([refundId]);
  });

  it('lists refunds newest first, paginated like orders, and reads one only under its own order', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const other = h.woo.orders.create(simpleOrder);
    const ids = [1, 2, 3].map((n) => h.woo.orders.refund(order.id, { amount: n }).id);
    const page = await h.api(`/orders/${order.id}/refunds?per_page=2&page=2`);
    expect(page.headers.get('x-wp-total')).toBe('3');
    expect(page.headers.get('x-wp-totalpages')).toBe('2');
    expect(page.headers.get('link')).toContain('rel="prev"');
    expect(((await page.json()) as Json[]).map((r) => r.id)).toEqual([ids[0]]);
    const first = (await (await h.api(`/orders/${order.id}/refunds?per_page=2`)).json()) as Json[];
    expect(first.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect((await h.api(`/orders/${order.id}/refunds?per_page=101`)).status).toBe(400);

    const elsewhere = await h.api(`/orders/${other.id}/refunds/${ids[0]}`);
    expect(elsewhere.status).toBe(404);
    expect((await wpError(elsewhere)).code).toBe('woocommerce_rest_invalid_order_refund_id');
    const none = await h.api(`/orders/${order.id}/refunds/999999`);
    expect(await wpError(none)).toMatchObject({
      code: 'woocommerce_rest_shop_order_refund_invalid_id',
      message: 'Invalid ID.',
    });
    const asOrder = await h.api(`/orders/${ids[0]}`);
    expect(asOrder.status).toBe(404);
    expect((await wpError(asOrder)).code).toBe('woocommerce_rest_shop_order_invalid_id');
    expect(await (await h.api('/orders/999999/refunds')).json()).toEqual([]);
  });

  it('deletes a refund for good (force defaults to true), then fires order.updated; refuses to trash one', async () => {
    const webhook = await h.woo.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url });
    const order = h.woo.orders.create(simpleOrder);
    const refund = h.woo.orders.refund(order.id, { amount: 101.78 });
    await h.woo.deliveries.waitForIdle();
    const before = h.woo.deliveries.deliveries(webhook.id).length;
    const modified = h.woo.orders.get(order.id)?.date_modified_gmt;

    const trash = await h.api(`/orders/${order.id}/refunds/${refund.id}?force=false`, { method: 'DELETE' });
    expect(trash.status).toBe(501);
    expect(await wpError(trash)).toMatchObject({
      code: 'woocommerce_rest_trash_not_supported',
      message: 'The shop_order_refund does not support trashing.',
    });
    const res = await h.api(`/orders/${order.id}/refunds/${refund.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const previous = (await res.json()) as Json;
    expect(previous).toMatchObject({ id: refund.id, amount: '101.78' });
    expect(previous).not.toHaveProperty('refunded_payment');
    expect((await h.api(`/orders/${order.id}/refunds/${refund.id}`)).status).toBe(404);

    const after = h.woo.orders.get(order.id);
    expect(after).toMatchObject({ refunds: [], status: 'refunded', date_modified_gmt: modified });
    await h.woo.deliveries.waitForIdle();
    const deliveries = h.woo.deliveries.deliveries(webhook.id);
    expect(deliveries).toHaveLength(before + 1);
    expect(JSON.parse(deliveries[deliveries.length - 1].body)).toMatchObject({ id: order.id, refunds: [] });
  });

  it('formats amounts with ?dp and in the site time zone', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const refund = h.woo.orders.refund(order.id, { amount: 10 });
    const viewed = (await (await h.api(`/orders/${order.id}/refunds/${refund.id}?dp=3`)).json()) as Json;
    expect(viewed.amount).toBe('10.000');
    const local = new Date(`${String(viewed.date_created)}Z`).getTime();
    const gmt = new Date(`${String(viewed.date_created_gmt)}Z`).getTime();
    expect(gmt - local).toBe(180 * 60_000);
  });
});
