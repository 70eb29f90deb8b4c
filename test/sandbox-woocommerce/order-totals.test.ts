import { wooOrderSchema } from '../../lib/woocommerce/order-schema';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';
import { officialOrderJson } from '../mapping/fixtures';

const official727 = officialOrderJson();

const ORDER_MONEY = [
  'discount_total',
  'discount_tax',
  'shipping_total',
  'shipping_tax',
  'cart_tax',
  'total',
  'total_tax',
];
const LINE_FIELDS = ['quantity', 'tax_class', 'subtotal', 'subtotal_tax', 'total', 'total_tax', 'taxes', 'price'];

function pick(source: unknown, keys: string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}

describe('order totals follow WooCommerce formulas (reference §2)', () => {
  let stores: WooSandbox[] = [];
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
  });
  const store = async (opts: Parameters<typeof startWooSandbox>[0]) => {
    const started = await startWooSandbox(opts);
    stores.push(started);
    return started;
  };

  it('reproduces the hand-built example: 10% coupon, taxable fee, taxed shipping, total 70.95', async () => {
    const woo = await store({
      currency: 'AUD',
      baseLocation: { country: 'AU', state: '' },
      taxRates: [{ id: 1, rate: 10, name: 'GST', country: 'AU', shipping: true }],
    });
    const order = woo.orders.create({
      billing: { country: 'AU', email: 'guest@example.com' },
      lineItems: [
        { name: 'Mug', sku: 'MUG-1', quantity: 2, price: 20 },
        { name: 'Scarf', sku: 'SCF-1', quantity: 1, price: 15 },
      ],
      shippingLines: [{ methodId: 'flat_rate', methodTitle: 'Flat rate', total: 10 }],
      feeLines: [{ name: 'Handling', total: 5, taxable: true }],
      coupons: [{ code: 'save10', discountType: 'percent', amount: 10 }],
    });

    expect(pick(order, ORDER_MONEY)).toEqual({
      discount_total: '5.50',
      discount_tax: '0.55',
      shipping_total: '10.00',
      shipping_tax: '1.00',
      cart_tax: '5.45',
      total: '70.95',
      total_tax: '6.45',
    });
    expect(order.line_items.map((line) => pick(line, LINE_FIELDS))).toEqual([
      {
        quantity: 2,
        tax_class: '',
        subtotal: '40.00',
        subtotal_tax: '4.00',
        total: '36.00',
        total_tax: '3.60',
        taxes: [{ id: 1, total: '3.6', subtotal: '4' }],
        price: 18,
      },
      {
        quantity: 1,
        tax_class: '',
        subtotal: '15.00',
        subtotal_tax: '1.50',
        total: '13.50',
        total_tax: '1.35',
        taxes: [{ id: 1, total: '1.35', subtotal: '1.5' }],
        price: 13.5,
      },
    ]);
    expect(order.tax_lines).toEqual([
      expect.objectContaining({
        rate_code: 'AU-GST-1',
        rate_id: 1,
        label: 'GST',
        compound: false,
        tax_total: '5.45',
        shipping_tax_total: '1.00',
        rate_percent: 10,
      }),
    ]);
    expect(order.shipping_lines[0]).toMatchObject({
      total: '10.00',
      total_tax: '1.00',
      taxes: [{ id: 1, total: '1', subtotal: '' }],
    });
    expect(order.fee_lines[0]).toMatchObject({
      tax_status: 'taxable',
      total: '5.00',
      total_tax: '0.50',
      taxes: [{ id: 1, total: '0.5', subtotal: '' }],
    });
    expect(order.coupon_lines[0]).toMatchObject({
      code: 'save10',
      discount: '5.50',
      discount_tax: '0.55',
      discount_type: 'percent',
      nominal_amount: 10,
      free_shipping: false,
    });
    expect(wooOrderSchema.safeParse(order).success).toBe(true);
  });

  it('reproduces the official example order 727 from its products, 7.5% CA state tax and untaxed shipping', async () => {
    const woo = await store({
      currency: 'USD',
      baseLocation: { country: 'US', state: 'CA' },
      taxRates: [{ id: 75, rate: 7.5, name: 'State Tax', country: 'US', state: 'CA', shipping: false }],
    });
    const single = woo.products.create({ name: 'Woo Single #1', price: 3 });
    const { variations } = woo.products.createVariable({
      name: 'Ship Your Idea',
      variations: [
        {
          sku: 'Bar3',
          price: 12,
          name: 'Ship Your Idea &ndash; Color: Black, Size: M Test',
          attributes: [
            { name: 'Color', option: 'black', slug: 'pa_color' },
            { name: 'size', option: 'M Test', slug: 'size' },
          ],
        },
      ],
    });
    const source = official727 as { billing: object; shipping: object };
    const order = woo.orders.create({
      billing: source.billing,
      shipping: source.shipping,
      paymentMethod: 'bacs',
      paymentMethodTitle: 'Direct Bank Transfer',
      lineItems: [
        { productId: single.id, quantity: 2 },
        { variationId: variations[0].id, quantity: 1 },
      ],
      shippingLines: [{ methodId: 'flat_rate', methodTitle: 'Flat Rate', total: 10 }],
    });

    expect(pick(order, ORDER_MONEY)).toEqual(pick(official727, ORDER_MONEY));
    const officialLines = official727.line_items as Array<Record<string, unknown>>;
    expect(order.line_items.map((line) => pick(line, [...LINE_FIELDS, 'name', 'sku']))).toEqual(
      officialLines.map((line) => pick(line, [...LINE_FIELDS, 'name', 'sku'])),
    );
    expect(order.line_items[1]).toMatchObject({ product_id: single.id + 1, variation_id: variations[0].id });
    expect(order.line_items[1].meta_data.map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'pa_color', value: 'black' },
      { key: 'size', value: 'M Test' },
    ]);
    const officialTax = (official727.tax_lines as object[])[0];
    expect(order.tax_lines).toHaveLength(1);
    expect(pick(order.tax_lines[0], ['rate_id', 'label', 'compound', 'tax_total', 'shipping_tax_total'])).toEqual(
      pick(officialTax, ['rate_id', 'label', 'compound', 'tax_total', 'shipping_tax_total']),
    );
    // WC_Tax::get_rate_code appends the priority; the 3.0-era docs sample shows the code without it.
    expect(order.tax_lines[0].rate_code).toBe('US-CA-STATE TAX-1');
    const officialShipping = (official727.shipping_lines as object[])[0];
    expect(pick(order.shipping_lines[0], ['method_title', 'method_id', 'total', 'total_tax', 'taxes'])).toEqual(
      pick(officialShipping, ['method_title', 'method_id', 'total', 'total_tax', 'taxes']),
    );
    expect(order).toMatchObject({ currency: 'USD', prices_include_tax: false, customer_id: 0, status: 'processing' });
    expect(wooOrderSchema.safeParse(order).success).toBe(true);
  });

  it('backs tax out of tax-inclusive prices: the customer pays exactly the shelf price', async () => {
    const woo = await store({ pricesIncludeTax: true });
    const order = woo.orders.create({ lineItems: [{ name: 'Soap', quantity: 3, price: 9.99 }] });
    expect(order.prices_include_tax).toBe(true);
    expect(order.line_items[0]).toMatchObject({
      subtotal: '26.06',
      total: '26.06',
      total_tax: '3.91',
      taxes: [{ id: 1, total: '3.909131', subtotal: '3.909131' }],
    });
    expect(order.line_items[0].price).toBeCloseTo(8.686957, 6);
    expect(order.total).toBe('29.97');
  });

  it('stacks a compound rate on top of the regular one, and formats to the store decimals (dp 0)', async () => {
    const woo = await store({
      currency: 'CLP',
      decimals: 0,
      baseLocation: { country: 'CL', state: '' },
      taxRates: [
        { id: 3, rate: 5, name: 'Regional', country: 'CL', priority: 1, shipping: false },
        { id: 4, rate: 10, name: 'Federal', country: 'CL', priority: 2, compound: true, shipping: false },
      ],
    });
    const order = woo.orders.create({ lineItems: [{ name: 'Poncho', quantity: 1, price: 18000 }] });
    expect(order.line_items[0].taxes).toEqual([
      { id: 3, total: '900', subtotal: '900' },
      { id: 4, total: '1890', subtotal: '1890' },
    ]);
    expect(pick(order, ['cart_tax', 'total', 'total_tax', 'discount_total'])).toEqual({
      cart_tax: '2790',
      total: '20790',
      total_tax: '2790',
      discount_total: '0',
    });
    expect(order.tax_lines.map((line) => [line.rate_code, line.compound])).toEqual([
      ['CL-REGIONAL-1', false],
      ['CL-FEDERAL-2', true],
    ]);
  });

  it('spreads a fixed_cart coupon per unit, then cent by cent (WC_Discounts remainder)', async () => {
    const woo = await store({ taxRates: [] });
    const order = woo.orders.create({
      lineItems: ['A', 'B', 'C'].map((name) => ({ name, quantity: 1, price: 1 })),
      coupons: [{ code: 'DOLLAR', discountType: 'fixed_cart', amount: 1 }],
    });
    expect(order.line_items.map((line) => line.total)).toEqual(['0.66', '0.67', '0.67']);
    expect(order.coupon_lines[0]).toMatchObject({ code: 'dollar', discount: '1.00', discount_tax: '0.00' });
    expect(pick(order, ['discount_total', 'total', 'total_tax'])).toEqual({
      discount_total: '1.00',
      total: '2.00',
      total_tax: '0.00',
    });
    expect(order.tax_lines).toEqual([]);
  });

  it('applies fixed_product per unit and percent coupons only to the products they are restricted to', async () => {
    const woo = await store({});
    const soap = woo.products.create({ name: 'Soap', sku: 'SOAP', price: 5 });
    const kete = woo.products.create({ name: 'Kete', sku: 'KETE', price: 40 });
    const order = woo.orders.create({
      lineItems: [
        { productId: soap.id, quantity: 3 },
        { productId: kete.id, quantity: 1 },
      ],
      coupons: [
        { code: 'two-off', discountType: 'fixed_product', amount: 2, productIds: [soap.id] },
        { code: 'kete-25', discountType: 'percent', amount: 25, productIds: [kete.id] },
      ],
    });
    expect(order.line_items.map((line) => [line.sku, line.subtotal, line.total, line.total_tax])).toEqual([
      ['SOAP', '15.00', '9.00', '1.35'],
      ['KETE', '40.00', '30.00', '4.50'],
    ]);
    expect(order.coupon_lines.map((line) => [line.code, line.discount, line.discount_tax])).toEqual([
      ['two-off', '6.00', '0.90'],
      ['kete-25', '10.00', '1.50'],
    ]);
    expect(pick(order, ['discount_total', 'discount_tax', 'cart_tax', 'total'])).toEqual({
      discount_total: '16.00',
      discount_tax: '2.40',
      cart_tax: '5.85',
      total: '44.85',
    });
  });

  it('makes shipping free with a free-shipping coupon, and caps a negative fee at the order value', async () => {
    const woo = await store({});
    const free = woo.orders.create({
      lineItems: [{ name: 'Kete', quantity: 1, price: 40 }],
      shippingLines: [{ methodTitle: 'Courier', total: 9 }],
      coupons: [{ code: 'shipfree', discountType: 'fixed_cart', amount: 0, freeShipping: true }],
    });
    expect(free.shipping_lines[0]).toMatchObject({ method_id: 'free_shipping', total: '0.00', total_tax: '0.00' });
    expect(free.coupon_lines[0]).toMatchObject({ discount: '0.00', free_shipping: true });
    expect(free.total).toBe('46.00');

    const capped = woo.orders.create({
      lineItems: [{ name: 'Kete', quantity: 1, price: 40 }],
      shippingLines: [{ total: 10 }],
      feeLines: [{ name: 'Goodwill', total: -80, taxable: false }],
    });
    expect(capped.fee_lines[0]).toMatchObject({
      total: '-50.00',
      total_tax: '-7.50',
      taxes: [{ id: 1, total: '-7.5' }],
    });
    expect(pick(capped, ['cart_tax', 'shipping_tax', 'total'])).toEqual({
      cart_tax: '-1.50',
      shipping_tax: '1.50',
      total: '0.00',
    });
  });

  it('does not tax a non-taxable fee, nor shipping when no item is taxable', async () => {
    const woo = await store({});
    const order = woo.orders.create({
      lineItems: [{ name: 'Gift card', quantity: 1, price: 50, taxStatus: 'none' }],
      shippingLines: [{ total: 5 }],
      feeLines: [{ name: 'Card fee', total: 2, taxable: false }],
    });
    expect(order.line_items[0]).toMatchObject({ total_tax: '0.00', taxes: [] });
    expect(order.fee_lines[0]).toMatchObject({ tax_status: 'none', total_tax: '0.00', taxes: [] });
    expect(order.shipping_lines[0]).toMatchObject({ total_tax: '0.00', taxes: [] });
    expect(pick(order, ['total_tax', 'total'])).toEqual({ total_tax: '0.00', total: '57.00' });
  });

  it('rounds tax per line by default and once at the total with "round tax at subtotal"', async () => {
    const lines = [1, 2, 3].map((n) => ({ name: `Sticker ${n}`, quantity: 1, price: 1.15 }));
    const perLine = (await store({})).orders.create({ lineItems: lines });
    const atSubtotal = (await store({ roundTaxAtSubtotal: true })).orders.create({ lineItems: lines });
    expect(perLine.line_items.map((line) => line.taxes[0].total)).toEqual(['0.1725', '0.1725', '0.1725']);
    expect(pick(perLine, ['cart_tax', 'total'])).toEqual({ cart_tax: '0.51', total: '3.96' });
    expect(pick(atSubtotal, ['cart_tax', 'total'])).toEqual({ cart_tax: '0.52', total: '3.97' });
  });
});
