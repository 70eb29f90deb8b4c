import { phpRound, stored, sum } from './php-math';
import type { TaxAmounts } from './tax-math';

/** How a store rounds tax: per line and rate to its decimals, or (`woocommerce_tax_round_at_subtotal`) only at the end. */
export interface TaxRounding {
  decimals: number;
  roundAtSubtotal: boolean;
}

/** `wc_round_tax_total` of one line's tax for one rate, unless tax is rounded at subtotal. */
export function roundLineTax(value: number, rounding: TaxRounding): number {
  return rounding.roundAtSubtotal ? value : phpRound(value, rounding.decimals);
}

/** A tax map as an item keeps it (`set_taxes`: each amount through `wc_format_decimal`). */
export function storeTaxAmounts(taxes: TaxAmounts, dp: number): TaxAmounts {
  return new Map([...taxes].map(([id, amount]) => [id, stored(amount, dp)]));
}

/** An item's `total_tax` (or `subtotal_tax`) from its stored tax map, as `set_taxes` sums it. */
export function itemTaxTotal(taxes: TaxAmounts, rounding: TaxRounding): number {
  return stored(sum([...taxes.values()].map((tax) => roundLineTax(tax, rounding))), rounding.decimals);
}

/** One tax line of `update_taxes()`: a rate's cart (product and fee) tax and its shipping tax. */
export interface RateTaxTotals {
  rateId: number;
  taxTotal: number;
  shippingTaxTotal: number;
}

/** `update_taxes()`: per rate (cart rates first, in first-seen order) the rounded taxes, and the order's two sums. */
export function sumTaxesByRate(
  cartItems: Iterable<TaxAmounts>,
  shippingItems: Iterable<TaxAmounts>,
  rounding: TaxRounding,
): { lines: RateTaxTotals[]; cartTax: number; shippingTax: number } {
  const keep = (value: number) => stored(value, rounding.decimals);
  const collect = (items: Iterable<TaxAmounts>) => {
    const byRate: TaxAmounts = new Map();
    for (const taxes of items) {
      for (const [id, tax] of taxes) byRate.set(id, (byRate.get(id) ?? 0) + roundLineTax(tax, rounding));
    }
    return byRate;
  };
  const cart = collect(cartItems);
  const shipping = collect(shippingItems);
  const rateIds = [...new Set([...cart.keys(), ...shipping.keys()])];
  return {
    lines: rateIds.map((rateId) => ({
      rateId,
      taxTotal: keep(cart.get(rateId) ?? 0),
      shippingTaxTotal: keep(shipping.get(rateId) ?? 0),
    })),
    cartTax: keep(sum(cart.values())),
    shippingTax: keep(sum(shipping.values())),
  };
}
