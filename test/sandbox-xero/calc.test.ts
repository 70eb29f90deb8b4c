import fc from 'fast-check';
import { computeLine, computeTotals } from '../../sandbox/xero/calc';
import { dec, parseDecimal, ratio, round, toDecimalString, toNumber } from '../../sandbox/xero/decimal';

const line = (q: string, u: string, rate = '15', more: Partial<Parameters<typeof computeLine>[0]> = {}) =>
  computeLine({ quantity: dec(q), unitAmount: dec(u), taxRate: dec(rate), ...more }, 'exclusive', 4);

describe('decimal helpers', () => {
  it('parses numbers and strings exactly, including exponents', () => {
    expect(toDecimalString(dec('0.1'))).toBe('0.1');
    expect(toDecimalString(dec(1e-7))).toBe('0.0000001');
    expect(toDecimalString(dec('-12.345'))).toBe('-12.345');
    expect(parseDecimal('abc')).toBeUndefined();
    expect(parseDecimal(Number.NaN)).toBeUndefined();
  });

  it('rounds half away from zero without float drift', () => {
    expect(toNumber(round(dec('1.005'), 2))).toBe(1.01); // 1.005 in float is 1.00499999…
    expect(toNumber(round(dec('-1.005'), 2))).toBe(-1.01);
    expect(toNumber(round(dec('2.675'), 2))).toBe(2.68);
    expect(toNumber(ratio(1n, 3n, 4))).toBe(0.3333);
  });
});

describe('per-line arithmetic (xero-api.md §4.3)', () => {
  it('reproduces the worked example: SubTotal 88.75, Tax 13.31, Total 102.06, discount 3.75', () => {
    const lines = [line('2', '20'), line('3', '12.5', '15', { discountRate: dec('10') }), line('1', '15')];
    expect(lines.map((l) => [toNumber(l.lineAmount), toNumber(l.taxAmount)])).toEqual([
      [40, 6],
      [33.75, 5.06],
      [15, 2.25],
    ]);
    const totals = computeTotals(lines, 'exclusive');
    expect(toNumber(totals.SubTotal)).toBe(88.75);
    expect(toNumber(totals.TotalTax)).toBe(13.31);
    expect(toNumber(totals.Total)).toBe(102.06);
    expect(toNumber(totals.TotalDiscount)).toBe(3.75);
  });

  it('taxes per line, not on the total: 25.06 + 25.61 + 25.63 at 15% gives 11.44 (not 11.45)', () => {
    const totals = computeTotals([line('1', '25.06'), line('1', '25.61'), line('1', '25.63')], 'exclusive');
    expect(toNumber(totals.SubTotal)).toBe(76.3);
    expect(toNumber(totals.TotalTax)).toBe(11.44);
    expect(toNumber(totals.Total)).toBe(87.74);
  });

  it('rounds UnitAmount to 2 dp unless unitdp=4', () => {
    const two = computeLine({ quantity: dec(3), unitAmount: dec('1.2345'), taxRate: 0n }, 'exclusive', 2);
    const four = computeLine({ quantity: dec(3), unitAmount: dec('1.2345'), taxRate: 0n }, 'exclusive', 4);
    expect(toNumber(two.unitAmount!)).toBe(1.23);
    expect(toNumber(two.lineAmount)).toBe(3.69);
    expect(toNumber(four.unitAmount!)).toBe(1.2345);
    expect(toNumber(four.lineAmount)).toBe(3.7); // 3.7035
  });

  it('extracts inclusive tax as amount × rate / (100 + rate) per line', () => {
    const l = computeLine({ quantity: dec(1), unitAmount: dec('115'), taxRate: dec(15) }, 'inclusive', 2);
    expect(toNumber(l.taxAmount)).toBe(15);
    const totals = computeTotals([l], 'inclusive');
    expect(toNumber(totals.SubTotal)).toBe(100);
    expect(toNumber(totals.Total)).toBe(115);
  });

  it('applies DiscountAmount, ignores a supplied LineAmount when Quantity and UnitAmount are present', () => {
    const l = computeLine(
      { quantity: dec(2), unitAmount: dec(10), discountAmount: dec('1.5'), lineAmount: dec(999), taxRate: dec(15) },
      'exclusive',
      2,
    );
    expect(toNumber(l.lineAmount)).toBe(18.5);
    expect(toNumber(l.taxAmount)).toBe(2.78); // 2.775 half-up
  });

  it('derives a missing Quantity or UnitAmount from LineAmount', () => {
    const noQty = computeLine({ unitAmount: dec(5), lineAmount: dec(20), taxRate: 0n }, 'exclusive', 2);
    expect(toNumber(noQty.quantity!)).toBe(4);
    const noUnit = computeLine({ quantity: dec(4), lineAmount: dec(10), taxRate: 0n }, 'exclusive', 2);
    expect(toNumber(noUnit.unitAmount!)).toBe(2.5);
  });

  it('NoTax lines carry no tax; a supplied TaxAmount overrides the computed one', () => {
    expect(computeLine({ quantity: dec(1), unitAmount: dec(10), taxRate: dec(15) }, 'notax', 2).taxAmount).toBe(0n);
    const overridden = computeLine(
      { quantity: dec(1), unitAmount: dec(10), taxRate: dec(15), taxAmount: dec('1.4') },
      'exclusive',
      2,
    );
    expect(toNumber(overridden.taxAmount)).toBe(1.4);
  });

  it('property: totals are exact sums of 2-dp line values and Total = SubTotal + TotalTax', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), cents), { minLength: 1, maxLength: 20 }),
        (spec) => {
          const lines = spec.map(([q, c]) => line(String(q), (c / 100).toFixed(2)));
          const totals = computeTotals(lines, 'exclusive');
          const unit = 10n ** 6n; // one cent in scaled units
          for (const l of lines) {
            expect(l.lineAmount % unit).toBe(0n);
            expect(l.taxAmount % unit).toBe(0n);
          }
          expect(totals.Total).toBe(totals.SubTotal + totals.TotalTax);
          expect(totals.SubTotal).toBe(lines.reduce((s, l) => s + l.lineAmount, 0n));
        },
      ),
    );
  });
});
