import { simpleOrder, startHarness, type Harness, wpError } from './support/receiver';

describe('order notes, product SKU lookup and REST fault injection (reference §2, §3)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.woo.close());
  afterEach(() => h.woo.faults.clear());

  it('creates notes with 201 and the documented shape, lists them bare (no pagination headers)', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const res = await h.api(`/orders/${order.id}/notes`, {
      method: 'POST',
      body: { note: 'Xero invoice INV-0042 created', customer_note: false },
    });
    expect(res.status).toBe(201);
    const note = (await res.json()) as Record<string, unknown>;
    expect(res.headers.get('location')).toBe(`${h.woo.url}/wp-json/wc/v3/orders/${order.id}/notes/${String(note.id)}`);
    expect(Object.keys(note).sort()).toEqual(
      ['_links', 'author', 'customer_note', 'date_created', 'date_created_gmt', 'id', 'note'].sort(),
    );
    expect(note).toMatchObject({ author: 'system', customer_note: false, note: 'Xero invoice INV-0042 created' });
    const list = await h.api(`/orders/${order.id}/notes`);
    expect(list.headers.get('x-wp-total')).toBeNull();
    const notes = (await list.json()) as Array<{ note: string }>;
    expect(notes.map((n) => n.note)).toEqual([
      'Xero invoice INV-0042 created',
      'Order status changed from Pending payment to Processing.',
    ]);
    expect(h.woo.notes(order.id).map((n) => n.note)).toEqual(notes.map((n) => n.note));
    const customerOnly = await h.api(`/orders/${order.id}/notes?type=customer`);
    expect(await customerOnly.json()).toEqual([]);
  });

  it('rejects notes for unknown orders and without a note', async () => {
    const missing = await h.api('/orders/424242/notes', { method: 'POST', body: { note: 'x' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      code: 'woocommerce_rest_order_invalid_id',
      message: 'Invalid order ID.',
    });
    const order = h.woo.orders.create(simpleOrder);
    const empty = await h.api(`/orders/${order.id}/notes`, { method: 'POST', body: {} });
    expect(empty.status).toBe(400);
    expect((await wpError(empty)).code).toBe('rest_missing_callback_param');
  });

  it('finds products by exact SKU, including variations, and accepts comma lists', async () => {
    h.woo.products.create({ name: 'Balm', sku: 'BALM-50', price: '18.50' });
    h.woo.products.create({ name: 'Balm large', sku: 'BALM-500', price: '48.00' });
    const { parent, variations } = h.woo.products.createVariable({
      name: 'Kete',
      sku: 'KETE',
      variations: [
        { sku: 'KETE-S', price: 30, attributes: [{ name: 'Size', option: 'Small', slug: 'pa_size' }] },
        { sku: 'KETE-L', price: 45, salePrice: 40, attributes: [{ name: 'Size', option: 'Large', slug: 'pa_size' }] },
      ],
    });
    const exact = (await (await h.api('/products?sku=BALM-50')).json()) as Array<{ sku: string; price: string }>;
    expect(exact).toEqual([expect.objectContaining({ sku: 'BALM-50', price: '18.50', type: 'simple' })]);
    const variation = (await (await h.api('/products?sku=KETE-L')).json()) as Array<Record<string, unknown>>;
    expect(variation).toEqual([
      expect.objectContaining({
        id: variations[1].id,
        type: 'variation',
        parent_id: parent.id,
        price: '40',
        regular_price: '45',
        sale_price: '40',
        on_sale: true,
      }),
    ]);
    const both = (await (await h.api('/products?sku=BALM-500,KETE-S')).json()) as Array<{ sku: string }>;
    expect(both.map((p) => p.sku).sort()).toEqual(['BALM-500', 'KETE-S']);
    expect(await (await h.api('/products?sku=NOPE')).json()).toEqual([]);
    const listed = (await (await h.api('/products?per_page=100')).json()) as Array<{ type: string }>;
    expect(listed.some((p) => p.type === 'variation')).toBe(false);
    const children = (await (await h.api(`/products/${parent.id}/variations`)).json()) as Array<{ sku: string }>;
    expect(children.map((c) => c.sku)).toEqual(['KETE-S', 'KETE-L']);
    expect((await h.api(`/products/${variations[0].id}`)).status).toBe(200);
    const missing = await h.api('/products/999999');
    expect((await wpError(missing)).code).toBe('woocommerce_rest_product_invalid_id');
  });

  it('injects 5xx/429 on matching routes for a number of requests, then behaves normally', async () => {
    const order = h.woo.orders.create(simpleOrder);
    h.woo.faults.add({ method: 'GET', path: /\/orders\/\d+$/, count: 2, fault: { status: 503 } });
    h.woo.faults.add({ path: /\/products/, fault: { status: 429, headers: { 'Retry-After': '3' } } });
    const first = await h.api(`/orders/${order.id}`);
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await h.api(`/orders/${order.id}`)).status).toBe(503);
    expect((await h.api(`/orders/${order.id}`)).status).toBe(200);
    const limited = await h.api('/products');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    h.woo.faults.add({ path: /\/orders$/, fault: { status: 500 } });
    const fatal = await h.api('/orders');
    expect(fatal.status).toBe(500);
    expect((await wpError(fatal)).code).toBe('internal_server_error');
  });

  it('injects latency and connection resets', async () => {
    h.woo.faults.add({ path: /\/orders$/, fault: { latencyMs: 150 } });
    const started = Date.now();
    expect((await h.api('/orders')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    h.woo.faults.add({ path: /\/orders$/, fault: { kind: 'reset' } });
    await expect(h.api('/orders')).rejects.toThrow();
    expect(h.woo.faults.pending()).toBe(0);
  });
});
