import { parseDecimal } from '../../lib/mapping/decimal';
import { priceLine } from '../../lib/mapping/unit-pricing';

const price = (quantity: string, subtotal: string, total: string) =>
  priceLine(parseDecimal(quantity), parseDecimal(subtotal), parseDecimal(total));

describe('priceLine', () => {
  it('shows a coupon as DiscountAmount on the pre-coupon unit price', () => {
    expect(price('2', '40.00', '36.00')).toEqual({
      pricing: { Quantity: 2, UnitAmount: 20, DiscountAmount: 4 },
      foldedQuantity: false,
    });
  });

  it('uses a 4-place unit price when the quantity does not divide the total', () => {
    expect(price('3', '10.00', '10.00').pricing).toEqual({ Quantity: 3, UnitAmount: 3.3333 });
    expect(price('7', '100.00', '93.33').pricing).toEqual({ Quantity: 7, UnitAmount: 14.2857, DiscountAmount: 6.67 });
  });

  it('keeps unit prices to 2 places for quotes (no unitdp on Quotes), falling back to one unit at the line total', () => {
    const quote = (quantity: string, subtotal: string, total: string) =>
      priceLine(parseDecimal(quantity), parseDecimal(subtotal), parseDecimal(total), 2).pricing;
    expect(quote('3', '10.00', '10.00')).toEqual({ Quantity: 3, UnitAmount: 3.34, DiscountAmount: 0.02 });
    expect(quote('8', '1.00', '1.00')).toEqual({ Quantity: 1, UnitAmount: 1 });
    expect(quote('4', '10.00', '10.00')).toEqual({ Quantity: 4, UnitAmount: 2.5 });
  });

  it('rounds the unit price up and discounts the excess when that is the only exact way', () => {
    expect(price('101', '1.52', '1.52').pricing).toEqual({ Quantity: 101, UnitAmount: 0.0151, DiscountAmount: 0.01 });
  });

  it('avoids exact halves, where Xero may round either way, by folding into one unit', () => {
    expect(price('101', '0.50', '0.50')).toEqual({ pricing: { Quantity: 1, UnitAmount: 0.5 }, foldedQuantity: true });
  });

  it('prices a free line at zero and a negative amount as one unit', () => {
    expect(price('2', '0.00', '0.00').pricing).toEqual({ Quantity: 2, UnitAmount: 0 });
    expect(price('1', '-5.00', '-5.00').pricing).toEqual({ Quantity: 1, UnitAmount: -5 });
  });
});
