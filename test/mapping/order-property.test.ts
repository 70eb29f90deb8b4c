import fc from 'fast-check';
import { computeXeroTotals, mapOrderToXero, mappingSettingsSchema, type MappingContext } from '../../lib/mapping';
import {
  add,
  type Decimal,
  decimalFromNumber,
  equals,
  multiply,
  parseDecimal,
  round,
  sum,
  toFixed,
  toPlainString,
} from '../../lib/mapping/decimal';
import { buildOrder } from './fixtures';

// Random orders built with WooCommerce's own formulas (reference §2 "Amount semantics"): line amounts ex-tax and
// formatted to dp, taxes per rate either rounded per line or kept raw and rounded at subtotal level.

interface Rate {
  id: number;
  percent: string;
}

interface LineSpec {
  unitPrice: Decimal;
  quantity: number;
  couponPercent: number;
  rateIds: number[];
}

interface OrderSpec {
  dp: 0 | 2;
  roundAtSubtotal: boolean;
  rates: Rate[];
  lines: LineSpec[];
  shipping: Array<{ amount: Decimal; rateIds: number[] }>;
  fees: Array<{ amount: Decimal; rateIds: number[] }>;
}

const RATE_PERCENTS = ['5', '6.25', '7.5', '8.875', '10', '15', '20', '21'];

const rateIdsArb = (count: number) => fc.subarray([1, 2].slice(0, count));

function specArb(): fc.Arbitrary<OrderSpec> {
  return fc
    .record({
      dp: fc.constantFrom<0 | 2>(2, 2, 2, 0),
      roundAtSubtotal: fc.boolean(),
      rateCount: fc.integer({ min: 0, max: 2 }),
      percents: fc.tuple(fc.constantFrom(...RATE_PERCENTS), fc.constantFrom(...RATE_PERCENTS)),
    })
    .chain(({ dp, roundAtSubtotal, rateCount, percents }) => {
      const rates = percents.slice(0, rateCount).map((percent, index) => ({ id: index + 1, percent }));
      const money = (min: number, max: number) =>
        fc.integer({ min, max }).map((minor) => parseDecimal(`${minor}e-${dp}`));
      const line = fc.record({
        unitPrice: fc
          .tuple(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 0, max: 4 }))
          .map(([digits, places]) => parseDecimal(`${digits}e-${places}`)),
        quantity: fc.integer({ min: 1, max: 25 }),
        couponPercent: fc.constantFrom(0, 0, 5, 10, 12.5, 33),
        rateIds: rateIdsArb(rateCount),
      });
      const shipping = fc.record({ amount: money(0, 5000 * 10 ** dp), rateIds: rateIdsArb(rateCount) });
      const fee = fc.record({ amount: money(-20 * 10 ** dp, 30 * 10 ** dp), rateIds: rateIdsArb(rateCount) });
      return fc.record({
        dp: fc.constant(dp),
        roundAtSubtotal: fc.constant(roundAtSubtotal),
        rates: fc.constant(rates),
        lines: fc.array(line, { minLength: 1, maxLength: 5 }),
        shipping: fc.array(shipping, { maxLength: 1 }),
        fees: fc.array(fee, { maxLength: 2 }),
      });
    });
}

function taxesFor(amount: Decimal, rateIds: number[], spec: OrderSpec) {
  const shares = spec.rates
    .filter((rate) => rateIds.includes(rate.id))
    .map((rate) => {
      const raw = multiply(amount, multiply(parseDecimal(rate.percent), parseDecimal('0.01')));
      return { id: rate.id, raw: spec.roundAtSubtotal ? raw : round(raw, spec.dp) };
    });
  return { shares, total: round(sum(shares.map((s) => s.raw)), spec.dp) };
}

function buildRandomOrder(spec: OrderSpec) {
  const fmt = (value: Decimal) => toFixed(value, spec.dp);
  const perRate = new Map<number, Decimal[]>();
  const shippingPerRate = new Map<number, Decimal[]>();
  const record = (target: Map<number, Decimal[]>, shares: Array<{ id: number; raw: Decimal }>) =>
    shares.forEach((s) => target.set(s.id, [...(target.get(s.id) ?? []), s.raw]));

  const lineItems = spec.lines.map((line, index) => {
    const subtotal = round(multiply(line.unitPrice, decimalFromNumber(line.quantity)), spec.dp);
    const total = round(multiply(subtotal, decimalFromNumber((100 - line.couponPercent) / 100)), spec.dp);
    const subtotalTax = taxesFor(subtotal, line.rateIds, spec);
    const totalTax = taxesFor(total, line.rateIds, spec);
    record(perRate, totalTax.shares);
    return {
      line: {
        id: index + 1,
        name: `Product ${index + 1}`,
        product_id: 10 + index,
        variation_id: 0,
        quantity: line.quantity,
        tax_class: '',
        subtotal: fmt(subtotal),
        subtotal_tax: fmt(subtotalTax.total),
        total: fmt(total),
        total_tax: fmt(totalTax.total),
        taxes: totalTax.shares.map((s) => ({ id: s.id, total: toPlainString(s.raw), subtotal: '' })),
        meta_data: [],
        sku: `SKU-${index + 1}`,
        price: 0,
      },
      total,
    };
  });
  const feeLines = spec.fees.map((fee, index) => {
    const rateIds = fee.amount.coefficient < BigInt(0) ? [] : fee.rateIds;
    const tax = taxesFor(fee.amount, rateIds, spec);
    record(perRate, tax.shares);
    const line = {
      id: 100 + index,
      name: `Fee ${index}`,
      tax_class: '',
      tax_status: rateIds.length ? 'taxable' : 'none',
    };
    const taxes = tax.shares.map((s) => ({ id: s.id, total: toPlainString(s.raw), subtotal: '' }));
    return { ...line, total: fmt(fee.amount), total_tax: fmt(tax.total), taxes };
  });
  const shippingLines = spec.shipping.map((shipping, index) => {
    const tax = taxesFor(shipping.amount, shipping.rateIds, spec);
    record(shippingPerRate, tax.shares);
    const taxes = tax.shares.map((s) => ({ id: s.id, total: toPlainString(s.raw), subtotal: '' }));
    const line = { id: 200 + index, method_title: 'Courier', method_id: 'flat_rate' };
    return { ...line, total: fmt(shipping.amount), total_tax: fmt(tax.total), taxes };
  });
  const rateTotal = (map: Map<number, Decimal[]>) => sum([...map.values()].map((raws) => round(sum(raws), spec.dp)));
  const cartTax = rateTotal(perRate);
  const shippingTax = rateTotal(shippingPerRate);
  const shippingTotal = sum(spec.shipping.map((s) => s.amount));
  const total = round(
    add(
      sum([...lineItems.map((l) => l.total), ...spec.fees.map((f) => f.amount), shippingTotal]),
      add(cartTax, shippingTax),
    ),
    spec.dp,
  );
  return buildOrder({
    currency: spec.dp === 0 ? 'JPY' : 'NZD',
    cart_tax: fmt(cartTax),
    shipping_total: fmt(shippingTotal),
    shipping_tax: fmt(shippingTax),
    total_tax: fmt(add(cartTax, shippingTax)),
    total: fmt(total),
    line_items: lineItems.map((l) => l.line),
    fee_lines: feeLines,
    shipping_lines: shippingLines,
  });
}

function contextFor(spec: OrderSpec): MappingContext {
  const rate = (taxType: string, percent: string) => ({
    TaxType: taxType,
    EffectiveRate: Number(percent),
    Status: 'ACTIVE',
  });
  const combined = toPlainString(sum(spec.rates.map((r) => parseDecimal(r.percent))));
  return {
    storeId: 'store-p',
    storeUrl: 'https://shop.example.com',
    org: {
      baseCurrency: 'NZD',
      taxRates: [rate('NONE', '0'), ...spec.rates.map((r) => rate(`RATE${r.id}`, r.percent)), rate('BOTH', combined)],
    },
  };
}

describe('mapOrderToXero on random WooCommerce orders', () => {
  it.each([true, false])('Xero total equals the order total (sendTaxAmounts %s)', (sendTaxAmounts) => {
    fc.assert(
      fc.property(specArb(), (spec) => {
        const order = buildRandomOrder(spec);
        const settings = mappingSettingsSchema.parse({
          sendTaxAmounts,
          // Without overrides Xero re-rounds each line's tax; allow for that on up to 8 lines.
          maxRoundingDifference: sendTaxAmounts ? '0.05' : '0.10',
          taxes: { byWooRateId: { '1': 'RATE1', '2': 'RATE2', '1+2': 'BOTH' } },
        });
        const ctx = contextFor(spec);
        const plan = mapOrderToXero(order, settings, ctx);
        expect(equals(parseDecimal(plan.computed.total), parseDecimal(order.total))).toBe(true);
        expect(computeXeroTotals(plan.document, ctx.org.taxRates).total).toBe(plan.computed.total);
        // Every WooCommerce line keeps its exact amount; only the rounding line absorbs differences.
        const xeroLines = computeXeroTotals(plan.document, ctx.org.taxRates).lines;
        const wooAmounts = [...order.line_items, ...order.shipping_lines, ...order.fee_lines].map((l) => l.total);
        wooAmounts.forEach((amount, index) =>
          expect(equals(parseDecimal(xeroLines[index]!.lineAmount), parseDecimal(amount))).toBe(true),
        );
        expect(JSON.stringify(mapOrderToXero(order, settings, ctx))).toBe(JSON.stringify(plan));
      }),
      { numRuns: 250, seed: 20240131 },
    );
  });
});
