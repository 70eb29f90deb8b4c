import { computeXeroTotals, type WireLineItem } from '../../lib/mapping';

const NZ_RATES = [
  { TaxType: 'OUTPUT2', EffectiveRate: 15, Status: 'ACTIVE' },
  { TaxType: 'NONE', EffectiveRate: 0, Status: 'ACTIVE' },
];

function line(fields: Partial<WireLineItem>): WireLineItem {
  return { Description: 'x', Quantity: 1, UnitAmount: 0, AccountCode: '200', TaxType: 'OUTPUT2', ...fields };
}

describe('computeXeroTotals', () => {
  it('reproduces the worked invoice example (3 lines, one with DiscountRate): total 102.06', () => {
    const totals = computeXeroTotals(
      {
        LineAmountTypes: 'Exclusive',
        LineItems: [
          line({ Quantity: 2, UnitAmount: 20 }),
          line({ Quantity: 3, UnitAmount: 12.5, DiscountRate: 10 }),
          line({ Quantity: 1, UnitAmount: 15 }),
        ],
      },
      NZ_RATES,
    );
    expect(totals).toEqual({
      lines: [
        { lineAmount: '40.00', taxAmount: '6.00' },
        { lineAmount: '33.75', taxAmount: '5.06' },
        { lineAmount: '15.00', taxAmount: '2.25' },
      ],
      subTotal: '88.75',
      totalTax: '13.31',
      total: '102.06',
    });
  });

  it('rounds tax per line, as on the rounding page: 25.06 + 25.61 + 25.63 at 15% gives tax 11.44', () => {
    const totals = computeXeroTotals(
      {
        LineAmountTypes: 'Exclusive',
        LineItems: [line({ UnitAmount: 25.06 }), line({ UnitAmount: 25.61 }), line({ UnitAmount: 25.63 })],
      },
      NZ_RATES,
    );
    expect(totals.lines.map((l) => l.taxAmount)).toEqual(['3.76', '3.84', '3.84']);
    expect([totals.subTotal, totals.totalTax, totals.total]).toEqual(['76.30', '11.44', '87.74']);
  });

  it('rounds a discounted LineAmount half-up (19.95 less 10% = 17.96, tax 2.69)', () => {
    const totals = computeXeroTotals(
      { LineAmountTypes: 'EXCLUSIVE', LineItems: [line({ UnitAmount: 19.95, DiscountRate: 10 })] },
      NZ_RATES,
    );
    expect(totals.lines).toEqual([{ lineAmount: '17.96', taxAmount: '2.69' }]);
  });

  it('applies DiscountAmount and 4-place unit amounts: 3 × 3.3333 − 0.99 = 9.01', () => {
    const totals = computeXeroTotals(
      { LineAmountTypes: 'Exclusive', LineItems: [line({ Quantity: 3, UnitAmount: 3.33333, DiscountAmount: 0.99 })] },
      NZ_RATES,
    );
    expect(totals.lines[0]).toEqual({ lineAmount: '9.01', taxAmount: '1.35' });
  });

  it('takes tax out of inclusive amounts: 10.00 at 15% has tax 1.30 and subtotal 8.70', () => {
    const totals = computeXeroTotals({ LineAmountTypes: 'Inclusive', LineItems: [line({ UnitAmount: 10 })] }, NZ_RATES);
    expect([totals.subTotal, totals.totalTax, totals.total]).toEqual(['8.70', '1.30', '10.00']);
  });

  it('uses a TaxAmount override instead of the rate, and no tax for NoTax', () => {
    const override = computeXeroTotals(
      { LineAmountTypes: 'Exclusive', LineItems: [line({ UnitAmount: 8.7, TaxAmount: 1.3 })] },
      NZ_RATES,
    );
    expect(override.total).toBe('10.00');
    const noTax = computeXeroTotals({ LineAmountTypes: 'NoTax', LineItems: [line({ UnitAmount: 8.7 })] }, NZ_RATES);
    expect(noTax.totalTax).toBe('0.00');
  });

  it('handles negative lines symmetrically (half away from zero)', () => {
    const totals = computeXeroTotals(
      { LineAmountTypes: 'Exclusive', LineItems: [line({ UnitAmount: -25.63 }), line({ UnitAmount: -0.1 })] },
      NZ_RATES,
    );
    expect(totals.lines.map((l) => l.taxAmount)).toEqual(['-3.84', '-0.02']);
    expect(totals.total).toBe('-29.59');
  });

  it('honours the decimals argument', () => {
    const totals = computeXeroTotals(
      { LineAmountTypes: 'Exclusive', LineItems: [line({ Quantity: 3, UnitAmount: 333 })] },
      NZ_RATES,
      0,
    );
    expect([totals.subTotal, totals.totalTax, totals.total]).toEqual(['999', '150', '1149']);
  });

  it('names an unknown tax type', () => {
    expect(() =>
      computeXeroTotals({ LineAmountTypes: 'Exclusive', LineItems: [line({ TaxType: 'TAX999' })] }, NZ_RATES),
    ).toThrow(/TAX999/);
  });
});
