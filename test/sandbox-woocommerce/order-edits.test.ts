import type { WooOrderJson } from '../../sandbox/woocommerce';
import { simpleOrder, startHarness, startReceiver, type Harness, type Receiver, wpError } from './support/receiver';

// simpleOrder at 15% GST: 2 × 18.50 (tax 5.55) + 45.00 (tax 6.75) + shipping 6.50 (tax 0.975) = 101.78.

describe('editing orders: PUT line items as WooCommerce applies them, then calculate_totals (reference §2)', () => {
  let h: Harness;
  let receiver: Receiver;
  beforeEach(async () => {
    h = await startHarness({ asyncDeliveryDelayMs: 20 });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await h.woo.close();
    await receiver.close();
  });
  const put = async (id: number, body: unknown) => {
    const res = await h.api(`/orders/${id}`, { method: 'PUT', body });
    return { status: res.status, body: (await res.json()) as WooOrderJson };
  };

  it('a quantity alone does not reprice the line (WooCommerce keeps its stored totals)', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const [balm] = order.line_items;
    const { body } = await put(order.id, { line_items: [{ id: balm.id, quantity: 3 }] });
    expect(body.line_items[0]).toMatchObject({ id: balm.id, quantity: 3, subtotal: '37.00', total: '37.00' });
    expect(body.total).toBe('101.78');
  });

  it('posted subtotal and total reprice the line and calculate_totals recomputes tax and totals', async () => {
    const webhook = await h.woo.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url });
    const order = h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    const [balm, kete] = order.line_items;
    const { body } = await put(order.id, {
      line_items: [{ id: balm.id, quantity: 3, subtotal: '55.50', total: '55.50' }],
    });
    // 55.50 × 15% = 8.325 → 8.33; cart tax 8.33 + 6.75; 55.50 + 45 + 6.50 + 15.08 + 0.98 = 123.06.
    expect(body.line_items.map((l) => [l.id, l.quantity, l.total, l.total_tax])).toEqual([
      [balm.id, 3, '55.50', '8.33'],
      [kete.id, 1, '45.00', '6.75'],
    ]);
    expect(body).toMatchObject({ cart_tax: '15.08', total_tax: '16.06', total: '123.06' });
    expect(body.tax_lines).toEqual([expect.objectContaining({ id: order.tax_lines[0].id, tax_total: '15.08' })]);
    await h.woo.deliveries.waitForIdle();
    const last = h.woo.deliveries.deliveries(webhook.id).at(-1);
    expect(JSON.parse(last?.body ?? '{}')).toMatchObject({ id: order.id, total: '123.06' });
  });

  it('removes a line with quantity 0, adds a catalogue line without an id, and changes shipping', async () => {
    const product = h.woo.products.create({ name: 'Pounamu', sku: 'POU-1', price: '120.00' });
    const order = h.woo.orders.create(simpleOrder);
    const [balm, kete] = order.line_items;
    const { body } = await put(order.id, {
      line_items: [
        { id: kete.id, quantity: 0 },
        { product_id: product.id, quantity: 2 },
      ],
      shipping_lines: [{ id: order.shipping_lines[0].id, total: '10.00' }],
    });
    expect(body.line_items.map((l) => [l.name, l.quantity, l.total])).toEqual([
      ['Kawakawa balm', 2, '37.00'],
      ['Pounamu', 2, '240.00'],
    ]);
    expect(body.line_items[0].id).toBe(balm.id);
    expect(body).toMatchObject({ shipping_total: '10.00', shipping_tax: '1.50', cart_tax: '41.55', total: '330.05' });
  });

  it('answers 400 for an item id of another order and for a new line without a product', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const other = h.woo.orders.create(simpleOrder);
    const foreign = await put(order.id, { line_items: [{ id: other.line_items[0].id, quantity: 1 }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({
      code: 'woocommerce_rest_invalid_item_id',
      message: 'Order item ID provided is not associated with order.',
    });
    const custom = await h.api(`/orders/${order.id}`, {
      method: 'PUT',
      body: { line_items: [{ name: 'Gift wrap', quantity: 1 }] },
    });
    expect((await wpError(custom)).code).toBe('woocommerce_rest_required_product_reference');
    const shipping = await h.api(`/orders/${order.id}`, { method: 'PUT', body: { shipping_lines: [{ total: '5' }] } });
    expect(await wpError(shipping)).toMatchObject({
      code: 'woocommerce_rest_invalid_shipping_item',
      message: 'Shipping method ID is required.',
    });
    expect(h.woo.orders.get(order.id)?.total).toBe('101.78');
  });

  it('the test-facing update replaces lines and reprices them (the order screen recalculates)', () => {
    const order = h.woo.orders.create(simpleOrder);
    const edited = h.woo.orders.update(order.id, {
      lineItems: [{ name: 'Kawakawa balm', sku: 'KAWA-1', quantity: 3, price: 18.5 }],
      shippingLines: [],
    });
    expect(edited.line_items.map((l) => [l.quantity, l.total, l.total_tax])).toEqual([[3, '55.50', '8.33']]);
    expect(edited).toMatchObject({ shipping_total: '0.00', total: '63.83' });
    expect(String(edited.date_modified_gmt) >= String(order.date_modified_gmt)).toBe(true);
  });
});
