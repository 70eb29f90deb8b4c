import { abs, compare, equals, parseDecimal } from '../../lib/mapping/decimal';
import { ROUNDING_DESCRIPTION } from '../../lib/mapping/rounding';
import { mapOrderToXero, MappingError, mappingSettingsSchema } from '../../lib/mapping';
import type { WooOrder } from '../../lib/woocommerce/order-schema';
import type { OrderLineInput } from '../../sandbox/woocommerce/order-store';
import { CORPUS_RATE_MAP, CorpusStore, NZ_STORE, type StoreProfile } from './corpus/woo-store';
import { CorpusXero } from './corpus/xero-org';

// WooCommerce rounds every amount it shows to the store's decimals but computes `total` from the unrounded values
// (here: tax rounded at subtotal level), so a long order's parts can honestly miss the total by far more than 5 cents.

const NEW_YORK: StoreProfile = { ...NZ_STORE, currency: 'USD', country: 'US', roundTaxAtSubtotal: true };
const LINES = 120;

const address = {
  first_name: 'Ada',
  last_name: 'Byron',
  email: 'ada.byron@example.com',
  address_1: '1 Broadway',
  city: 'New York',
  state: 'NY',
  postcode: '10004',
  country: 'US',
};

/** 120 lines with 3-decimal unit prices (bulk items priced to a tenth of a cent). */
function longOrderLines(): OrderLineInput[] {
  return Array.from({ length: LINES }, (_, index) => ({
    name: `Fastener assortment ${index + 1}`,
    sku: `FAST-${index + 1}`,
    price: Number(`${(0.75 + (index % 16) * 0.25).toFixed(2)}4`),
    quantity: 1 + (index % 3),
  }));
}

describe('long orders with 3-decimal prices and an 8.875% tax', () => {
  let xero: CorpusXero;
  let order: WooOrder;
  beforeAll(async () => {
    xero = await CorpusXero.start();
    const store = new CorpusStore(NEW_YORK);
    order = store.order({ status: 'processing', billing: address, shipping: address, lineItems: longOrderLines() });
  });
  afterAll(() => xero.close());

  const settingsWith = (input: Record<string, unknown> = {}) =>
    mappingSettingsSchema.parse({ taxes: { byWooRateId: CORPUS_RATE_MAP }, ...input });

  it('books exactly, with a rounding line absorbing the honest difference', async () => {
    expect(order.line_items).toHaveLength(LINES);
    const plan = mapOrderToXero(order, settingsWith(), await xero.context());

    const rounding = plan.document.LineItems.filter((line) => line.Description === ROUNDING_DESCRIPTION);
    expect(rounding).toHaveLength(1);
    // More than the flat 0.05 that used to be the limit: the order is long, not wrong.
    expect(compare(abs(parseDecimal(plan.computed.roundingAdjustment)), parseDecimal('0.05'))).toBe(1);
    expect(equals(parseDecimal(plan.computed.total), parseDecimal(order.total))).toBe(true);

    const created = await xero.push(plan);
    expect(created.errors).toEqual([]);
    expect(created.status).toBe(200);
    expect(equals(parseDecimal(String(created.body.Total)), parseDecimal(order.total))).toBe(true);
    expect(String(created.body.TotalTax)).toBe(String(Number(plan.computed.totalTax)));
  });

  it("refuses the order above the merchant's cap, saying how the allowed difference was computed", async () => {
    const ctx = await xero.context();
    const refuse = () => mapOrderToXero(order, settingsWith({ maxRoundingDifference: '0.05' }), ctx);
    expect(refuse).toThrow(MappingError);
    expect(refuse).toThrow(/half of 0\.01 for each of the 240 amounts WooCommerce rounded/);
    expect(refuse).toThrow(/120 line amounts, 120 tax amounts/);
    expect(refuse).toThrow(/capped at 0\.05 by maxRoundingDifference/);
  });

  it('still refuses a wrong tax mapping on the long order, line by line', async () => {
    const ctx = await xero.context();
    const wrong = settingsWith({ taxes: { byWooRateId: { ...CORPUS_RATE_MAP, '13': 'OUTPUT2' } } });
    expect(() => mapOrderToXero(order, wrong, ctx)).toThrow(/Line item #\d+ .*Xero tax type "OUTPUT2" \(15%\)/);
  });
});
