import {
  computeXeroTotals,
  defaultMappingSettings,
  MappingError,
  mapOrderToXero,
  mappingSettingsSchema,
} from '../../lib/mapping';
import type { MappingSettingsInput, WireInvoice } from '../../lib/mapping';
import { buildOrder, handBuiltOrder, mappingContext, officialOrder } from './fixtures';

const settings = (input: MappingSettingsInput = {}) => mappingSettingsSchema.parse(input);
const usSettings = settings({ taxes: { byWooRateId: { '75': 'TAX075' } } });
const gstSettings = settings({ taxes: { taxed: 'GST10' } });

function taxedLine(id: number, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    name: `Product ${id}`,
    product_id: 100 + id,
    variation_id: 0,
    quantity: 1,
    tax_class: '',
    taxes: [],
    meta_data: [],
    sku: `SKU-${id}`,
    price: 0,
    ...fields,
  };
}

describe('mapOrderToXero', () => {
  it('maps the official example order 727 to an invoice totalling 29.35', () => {
    const plan = mapOrderToXero(officialOrder(), usSettings, mappingContext({ storeUrl: 'https://example.com/' }));
    expect(plan.expectedTotal).toBe('29.35');
    expect(plan.computed).toEqual({ subTotal: '28.00', totalTax: '1.35', total: '29.35', roundingAdjustment: '0.00' });
    const invoice = plan.document as WireInvoice;
    expect(invoice).toMatchObject({
      Type: 'ACCREC',
      Date: '2017-03-22',
      DueDate: '2017-03-22',
      InvoiceNumber: 'WC-727',
      Reference: 'WooCommerce order #727',
      Url: 'https://example.com/wp-admin/post.php?post=727&action=edit',
      CurrencyCode: 'USD',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
    });
    expect(invoice.LineItems).toEqual([
      {
        Description: 'Woo Single #1',
        Quantity: 2,
        UnitAmount: 3,
        ItemCode: 'WC-P93',
        AccountCode: '200',
        TaxType: 'TAX075',
        TaxAmount: 0.45,
      },
      {
        Description: 'Ship Your Idea \u2013 Color: Black, Size: M Test',
        Quantity: 1,
        UnitAmount: 12,
        ItemCode: 'Bar3',
        AccountCode: '200',
        TaxType: 'TAX075',
        TaxAmount: 0.9,
      },
      { Description: 'Shipping: Flat Rate', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'NONE' },
    ]);
    expect(plan.identity).toEqual({ invoiceNumber: 'WC-727', reference: 'WooCommerce order #727' });
    expect(plan.items.map((item) => item.Code)).toEqual(['WC-P93', 'Bar3']);
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/#315.*no SKU.*WC-P93/)]));
    expect(computeXeroTotals(invoice, mappingContext().org.taxRates).total).toBe('29.35');
  });

  it('maps the hand-built coupon + fee example to 70.95, showing the coupon as DiscountAmount', () => {
    const plan = mapOrderToXero(handBuiltOrder(), gstSettings, mappingContext());
    expect(plan.computed).toEqual({ subTotal: '64.50', totalTax: '6.45', total: '70.95', roundingAdjustment: '0.00' });
    const lines = plan.document.LineItems;
    expect(lines[0]).toMatchObject({
      ItemCode: 'MUG-1',
      Quantity: 2,
      UnitAmount: 20,
      DiscountAmount: 4,
      TaxAmount: 3.6,
    });
    expect(lines[1]).toMatchObject({ ItemCode: 'SCF-1', Quantity: 1, UnitAmount: 15, DiscountAmount: 1.5 });
    expect(lines[2]).toMatchObject({ Description: 'Shipping: Flat rate', UnitAmount: 10, TaxType: 'GST10' });
    expect(lines[3]).toMatchObject({ Description: 'Handling', UnitAmount: 5, TaxType: 'GST10', TaxAmount: 0.5 });
    expect(plan.items[0]).toEqual({
      Code: 'MUG-1',
      Name: 'Mug',
      Description: 'Mug',
      IsSold: true,
      SalesDetails: { UnitPrice: 20, AccountCode: '200', TaxType: 'GST10' },
    });
    expect(plan.warnings).toEqual([
      'WooCommerce tax rate 1 "GST" (AU-GST-1) has no mapping in taxes.byWooRateId; used the default tax type "GST10".',
    ]);
  });

  it('lets Xero compute tax from its rate when sendTaxAmounts is false', () => {
    const plan = mapOrderToXero(
      handBuiltOrder(),
      settings({ taxes: { taxed: 'GST10' }, sendTaxAmounts: false }),
      mappingContext(),
    );
    expect(plan.document.LineItems.some((line) => line.TaxAmount !== undefined)).toBe(false);
    expect(plan.computed.total).toBe('70.95');
  });

  it('adds a negative rounding line when WooCommerce rounded its tax total down', () => {
    // Two lines each taxed 0.446 (stored raw): each line shows 0.45, but the order's cart tax is round(0.892) = 0.89.
    const lineFields = { subtotal: '4.46', subtotal_tax: '0.45', total: '4.46', total_tax: '0.45' };
    const order = buildOrder({
      cart_tax: '0.89',
      total_tax: '0.89',
      total: '9.81',
      line_items: [1, 2].map((id) =>
        taxedLine(id, { ...lineFields, taxes: [{ id: 1, total: '0.446', subtotal: '0.446' }] }),
      ),
    });
    const plan = mapOrderToXero(order, gstSettings, mappingContext());
    const rounding = plan.document.LineItems.at(-1);
    expect(rounding).toEqual({
      Description: 'Rounding',
      Quantity: 1,
      UnitAmount: -0.01,
      AccountCode: '860',
      TaxType: 'NONE',
    });
    expect(plan.computed).toEqual({ subTotal: '8.91', totalTax: '0.90', total: '9.81', roundingAdjustment: '-0.01' });
  });

  it('corrects the tax rounding of Xero tax rounding on a prices-inclusive store with a rounding line (sendTaxAmounts false)', () => {
    // 10.00 including 15%: WooCommerce stores 8.70 + 1.30; Xero taxes 8.70 at 15% = 1.305 → 1.31.
    const order = buildOrder({
      prices_include_tax: true,
      cart_tax: '1.30',
      total_tax: '1.30',
      total: '10.00',
      line_items: [
        taxedLine(1, {
          subtotal: '8.70',
          subtotal_tax: '1.30',
          total: '8.70',
          total_tax: '1.30',
          taxes: [{ id: 1, total: '1.3043', subtotal: '1.3043' }],
        }),
      ],
    });
    const plan = mapOrderToXero(order, settings({ sendTaxAmounts: false }), mappingContext());
    expect(plan.computed.roundingAdjustment).toBe('-0.01');
    expect(plan.computed.total).toBe('10.00');
    const exact = mapOrderToXero(order, defaultMappingSettings(), mappingContext());
    expect(exact.computed).toMatchObject({ totalTax: '1.30', total: '10.00', roundingAdjustment: '0.00' });
  });

  it('throws a MappingError naming the order and both totals when the difference exceeds the limit', () => {
    const order = { ...handBuiltOrder(), total: '71.95' };
    expect(() => mapOrderToXero(order, gstSettings, mappingContext())).toThrow(MappingError);
    expect(() => mapOrderToXero(order, gstSettings, mappingContext())).toThrow(
      /Order #5001: the Xero document would total 70\.95 but the WooCommerce order total is 71\.95 \(difference 1\.00/,
    );
  });

  it('explains an unmapped tax rate', () => {
    const run = () => mapOrderToXero(handBuiltOrder(), defaultMappingSettings(), mappingContext());
    expect(run).toThrow(MappingError);
    expect(run).toThrow(
      /Order #5001: Line item #11 "Mug": WooCommerce charged tax 3\.60 on 36\.00, but Xero tax type "OUTPUT2" \(15%\) gives 5\.40; map WooCommerce tax rate 1/,
    );
    const viaTotals = () => mapOrderToXero(handBuiltOrder(), settings({ sendTaxAmounts: false }), mappingContext());
    expect(viaTotals).toThrow(/tax rate 1 to a Xero tax type with the same rate/);
  });

  it('rejects tax types the organisation does not have', () => {
    expect(() => mapOrderToXero(handBuiltOrder(), settings({ taxes: { taxed: 'OLDRATE' } }), mappingContext())).toThrow(
      /"OLDRATE" is not an active tax rate/,
    );
  });

  it('needs the untaxed tax type only when a line or the rounding line uses it', () => {
    const org = {
      ...mappingContext().org,
      taxRates: mappingContext().org.taxRates.filter((r) => r.TaxType !== 'NONE'),
    };
    expect(mapOrderToXero(handBuiltOrder(), gstSettings, mappingContext({ org })).computed.total).toBe('70.95');
    const withRounding = { ...handBuiltOrder(), total: '70.96' };
    expect(() => mapOrderToXero(withRounding, gstSettings, mappingContext({ org }))).toThrow(
      /Xero tax type "NONE" is not an active tax rate/,
    );
  });

  it('is deterministic: the same input gives byte-identical output', () => {
    const a = JSON.stringify(mapOrderToXero(handBuiltOrder(), gstSettings, mappingContext()));
    const b = JSON.stringify(mapOrderToXero(handBuiltOrder(), gstSettings, mappingContext()));
    expect(a).toBe(b);
  });
});
