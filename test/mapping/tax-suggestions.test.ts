import { suggestTaxMapping } from '../../lib/mapping/tax-suggestions';
import { wooTaxRateSchema, type WooTaxRate } from '../../lib/woocommerce/tax-rate-schema';
import { taxRateToRest } from '../../sandbox/woocommerce/routes/taxes';
import { taxRate } from '../../sandbox/xero/seed';

/** A WooCommerce rate as `GET /taxes` serves it (through the sandbox's serializer and the client's schema). */
function woo(
  id: number,
  rate: number,
  name: string,
  country: string,
  state = '',
  more: { priority?: number; compound?: boolean; taxClass?: string } = {},
): WooTaxRate {
  const row = {
    id,
    rate,
    name,
    country,
    state,
    priority: 1,
    compound: false,
    shipping: true,
    taxClass: '',
    order: id,
    ...more,
  };
  return wooTaxRateSchema.parse(JSON.parse(JSON.stringify(taxRateToRest(row))));
}

const CANADA = [
  woo(1, 5, 'GST', 'CA'),
  woo(2, 9.975, 'QST', 'CA', 'QC', { priority: 2, compound: true }),
  woo(3, 13, 'HST', 'CA', 'ON'),
];
const CANADIAN_XERO = [
  taxRate('OUTPUT', 'GST on Sales', 'OUTPUT', [{ Name: 'GST', Rate: 5 }]),
  taxRate('INPUT', 'GST on Purchases', 'INPUT', [{ Name: 'GST', Rate: 5 }]),
  taxRate('GSTQST', 'GST/QST on Sales', 'OUTPUT', [
    { Name: 'GST', Rate: 5 },
    { Name: 'QST', Rate: 9.975, IsCompound: true },
  ]),
  taxRate('HST13', 'HST on Sales (ON)', 'OUTPUT', [{ Name: 'HST', Rate: 13 }]),
  taxRate('OLDHST', 'Old HST', 'OUTPUT', [{ Name: 'HST', Rate: 13 }], 'ARCHIVED'),
];

describe('suggested tax mapping', () => {
  it('suggests one Xero rate per set of WooCommerce rates charged together, compound QST on GST included', () => {
    const suggestions = suggestTaxMapping(CANADA, CANADIAN_XERO, {});
    expect(
      suggestions.map(({ key, taxType, effectiveRate, compound }) => ({ key, taxType, effectiveRate, compound })),
    ).toEqual([
      { key: '1', taxType: 'OUTPUT', effectiveRate: '5.0000', compound: false },
      { key: '1+2', taxType: 'GSTQST', effectiveRate: '15.4738', compound: true },
      { key: '3', taxType: 'HST13', effectiveRate: '13.0000', compound: false },
    ]);
    expect(suggestions[1]?.label).toBe('CA QC: GST 5% + QST 9.975% (compound)');
  });

  it('leaves out what byWooRateId already maps, by combined key or by agreeing single ids', () => {
    expect(suggestTaxMapping(CANADA, CANADIAN_XERO, { '1+2': 'GSTQST', '3': 'HST13' }).map((s) => s.key)).toEqual([
      '1',
    ]);
  });

  it('does not guess where two Xero rates fit equally, and says which', () => {
    const newYork = [woo(7, 8.875, 'NYC Sales Tax', 'US', 'NY')];
    const xero = [
      taxRate('NYC', 'NYC sales tax', 'OUTPUT', [{ Name: 'Sales tax', Rate: 8.875 }]),
      taxRate('NYC2', 'NYC sales tax (marketplace)', 'OUTPUT', [
        { Name: 'State', Rate: 4 },
        { Name: 'City', Rate: 4.875 },
      ]),
    ];
    const [suggestion] = suggestTaxMapping(newYork, xero, {});
    expect(suggestion).toMatchObject({ key: '7', taxType: null, candidates: ['NYC', 'NYC2'] });
    expect(suggestion?.reason).toMatch(/NYC and NYC2 fit equally/);
  });

  it('needs the same compound shape, not only the same percentage', () => {
    const flat = [taxRate('FLAT', 'Flat 15.47375', 'OUTPUT', [{ Name: 'GST', Rate: 15.47375 }])];
    const [, combined] = suggestTaxMapping(CANADA, flat, {});
    expect(combined).toMatchObject({ key: '1+2', taxType: null, candidates: [] });
    expect(combined?.reason).toMatch(/no active compound Xero sales tax rate at 15\.4738%/);
  });

  it('says a 0% rate needs no mapping', () => {
    const [zero] = suggestTaxMapping([woo(9, 0, 'Zero', 'CA', '', { taxClass: 'zero-rate' })], CANADIAN_XERO, {});
    expect(zero).toMatchObject({ key: '9', taxType: null });
    expect(zero?.reason).toMatch(/taxes\.untaxed/);
  });
});
