import fc from 'fast-check';
import { wooOrderSchema } from '../../lib/woocommerce/order-schema';
import { calculateOrder, type OrderCalcInput } from '../../sandbox/woocommerce';
import { IdSequences } from '../../sandbox/woocommerce/ids';
import { NoteStore } from '../../sandbox/woocommerce/note-store';
import { OrderStore, type CreateOrderInput } from '../../sandbox/woocommerce/order-store';
import { ProductStore } from '../../sandbox/woocommerce/product-store';
import type { StoreSettings } from '../../sandbox/woocommerce/settings';
import type { TaxRate } from '../../sandbox/woocommerce/tax-rates';

const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((cents) => cents / 100);

const rateArb = fc.record({
  rate: fc.constantFrom(0, 5, 7.5, 10, 12.5, 15, 20),
  compound: fc.boolean(),
  shipping: fc.boolean(),
});

const orderArb = fc.record({
  decimals: fc.constantFrom(0, 2, 3),
  pricesIncludeTax: fc.boolean(),
  roundTaxAtSubtotal: fc.boolean(),
  rates: fc.array(rateArb, { maxLength: 3 }),
  lines: fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 7 }),
      price: money(300),
      taxStatus: fc.constantFrom('taxable' as const, 'taxable' as const, 'none' as const),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  shipping: fc.array(fc.record({ total: money(40), taxable: fc.boolean() }), { maxLength: 2 }),
  fees: fc.array(
    fc.record({ total: fc.integer({ min: -20_000, max: 5_000 }).map((c) => c / 100), taxable: fc.boolean() }),
    { maxLength: 2 },
  ),
  coupons: fc.uniqueArray(
    fc.record({
      code: fc.constantFrom('a', 'b', 'c'),
      discountType: fc.constantFrom('percent' as const, 'fixed_cart' as const, 'fixed_product' as const),
      amount: fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
      freeShipping: fc.boolean(),
    }),
    { maxLength: 2, selector: (coupon) => coupon.code },
  ),
});

type RandomOrder = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

function taxTable(order: RandomOrder): TaxRate[] {
  return order.rates.map((rate, index) => ({
    id: index + 1,
    rate: rate.rate,
    name: `R${index + 1}`,
    country: 'NZ',
    state: '',
    priority: index + 1,
    compound: rate.compound,
    shipping: rate.shipping,
    taxClass: '',
    order: index,
  }));
}

/** Builds the REST payload of a random order through the same store code the sandbox uses. */
function restOrder(order: RandomOrder) {
  const settings: StoreSettings = {
    url: 'http://shop.test',
    currency: 'NZD',
    decimals: order.decimals,
    pricesIncludeTax: order.pricesIncludeTax,
    roundTaxAtSubtotal: order.roundTaxAtSubtotal,
    utcOffsetMinutes: 780,
    baseLocation: { country: 'NZ', state: '' },
    taxClasses: [],
    taxRates: taxTable(order),
    wcVersion: '9.8.5',
    wpVersion: '6.8.1',
    now: () => new Date('2025-03-01T00:00:00Z'),
  };
  const ids = new IdSequences();
  const notes = new NoteStore(ids, settings.now);
  const products = new ProductStore(ids, settings.now, () => undefined);
  const store = new OrderStore(settings, ids, products, notes, () => undefined);
  const input: CreateOrderInput = {
    billing: { country: 'NZ', email: 'p@example.com' },
    lineItems: order.lines.map((line, i) => ({ name: `L${i}`, ...line })),
    shippingLines: order.shipping,
    feeLines: order.fees.map((fee, i) => ({ name: `F${i}`, ...fee })),
    coupons: order.coupons,
  };
  return store.create(input);
}

const cents = (text: string) => Math.round(Number(text) * 1000);

describe('order calculator properties (random valid orders)', () => {
  it('produces REST payloads that validate and whose figures add up the way WooCommerce defines them', () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        const rest = restOrder(order);
        expect(wooOrderSchema.safeParse(rest).success).toBe(true);
        const places = new RegExp(order.decimals === 0 ? '^-?\\d+$' : `^-?\\d+\\.\\d{${order.decimals}}$`);
        for (const key of ['discount_total', 'shipping_total', 'cart_tax', 'total', 'total_tax'] as const) {
          expect(rest[key]).toMatch(places);
        }
        const tolerance = 10 ** (3 - order.decimals) * (order.roundTaxAtSubtotal ? 1 : 0) + 1;
        const sumOf = (values: string[]) => values.reduce((total, value) => total + cents(value), 0);
        // Σ tax lines = cart tax, Σ shipping tax lines = shipping tax, total tax = both.
        expect(Math.abs(sumOf(rest.tax_lines.map((t) => t.tax_total)) - cents(rest.cart_tax))).toBeLessThanOrEqual(
          tolerance * rest.tax_lines.length,
        );
        expect(
          Math.abs(sumOf(rest.tax_lines.map((t) => t.shipping_tax_total)) - cents(rest.shipping_tax)),
        ).toBeLessThanOrEqual(tolerance * rest.tax_lines.length);
        expect(Math.abs(cents(rest.total_tax) - cents(rest.cart_tax) - cents(rest.shipping_tax))).toBeLessThanOrEqual(
          tolerance,
        );
        for (const line of rest.line_items) {
          expect(Number(line.total)).toBeGreaterThanOrEqual(0);
          expect(cents(line.total)).toBeLessThanOrEqual(cents(line.subtotal));
          // `price` is the unrounded stored total ÷ quantity; `total` is that stored total rounded to the store's
          // decimals (half up), so the two differ by at most half a unit of the last decimal place.
          const halfUnit = 0.5 * 10 ** -order.decimals;
          expect(Math.abs(line.price * line.quantity - Number(line.total))).toBeLessThanOrEqual(halfUnit + 1e-9);
        }
        // Coupons are already inside line totals: total = Σ line totals + fees + shipping + taxes.
        const rebuilt =
          sumOf(rest.line_items.map((l) => l.total)) +
          sumOf(rest.fee_lines.map((f) => f.total)) +
          cents(rest.shipping_total) +
          cents(rest.cart_tax) +
          cents(rest.shipping_tax);
        const unit = 10 ** (3 - order.decimals);
        expect(Math.abs(rebuilt - cents(rest.total))).toBeLessThanOrEqual(unit * (rest.line_items.length + 3));
      }),
      { numRuns: 300 },
    );
  });

  it('charges exactly the shelf prices when prices include tax (no coupons, fees or shipping)', () => {
    const arb = orderArb.map((order) => ({
      ...order,
      pricesIncludeTax: true,
      decimals: 2 as const,
      rates: order.rates.slice(0, 1).map((rate) => ({ ...rate, compound: false })),
      shipping: [] as RandomOrder['shipping'],
      fees: [] as RandomOrder['fees'],
      coupons: [] as RandomOrder['coupons'],
    }));
    fc.assert(
      fc.property(arb, (order) => {
        const rest = restOrder(order);
        const shelf = order.lines.reduce((total, line) => total + Math.round(line.price * 100) * line.quantity, 0);
        expect(Math.abs(Math.round(Number(rest.total) * 100) - shelf)).toBeLessThanOrEqual(order.lines.length);
      }),
      { numRuns: 300 },
    );
  });

  it('is pure: the same input always gives the same figures', () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        const input: OrderCalcInput = {
          decimals: order.decimals,
          pricesIncludeTax: order.pricesIncludeTax,
          taxRates: taxTable(order),
          taxLocation: { country: 'NZ', state: '' },
          lineItems: order.lines.map((line) => ({
            productId: 0,
            variationId: 0,
            quantity: line.quantity,
            unitPrice: line.price,
            taxStatus: line.taxStatus,
            taxClass: '',
          })),
          shippingLines: order.shipping,
          feeLines: order.fees,
          coupons: order.coupons,
        };
        expect(calculateOrder(input)).toEqual(calculateOrder(input));
      }),
      { numRuns: 100 },
    );
  });
});
