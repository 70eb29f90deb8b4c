import { phpRound, roundingPrecision, sum } from './php-math';
import type { TaxRate } from './tax-rates';

/** Tax per rate id, in rate order (PHP arrays keep insertion order; so do Maps). */
export type TaxAmounts = Map<number, number>;

/** `WC_Tax::calc_tax`: taxes in `price` (inclusive) or on top of it (exclusive), each rounded to the internal precision. */
export function calcTax(price: number, rates: readonly TaxRate[], inclusive: boolean, dp: number): TaxAmounts {
  const raw = inclusive ? inclusiveTaxes(price, rates) : exclusiveTaxes(price, rates);
  const precision = roundingPrecision(dp);
  return new Map([...raw].map(([id, amount]) => [id, phpRound(amount, precision)]));
}

function exclusiveTaxes(price: number, rates: readonly TaxRate[]): TaxAmounts {
  const taxes: TaxAmounts = new Map();
  for (const rate of rates) {
    if (!rate.compound) taxes.set(rate.id, (taxes.get(rate.id) ?? 0) + price * (rate.rate / 100));
  }
  let preCompoundTotal = sum(taxes.values());
  for (const rate of rates) {
    if (!rate.compound) continue;
    taxes.set(rate.id, (taxes.get(rate.id) ?? 0) + (price + preCompoundTotal) * (rate.rate / 100));
    preCompoundTotal = sum(taxes.values());
  }
  return taxes;
}

function inclusiveTaxes(price: number, rates: readonly TaxRate[]): TaxAmounts {
  const taxes: TaxAmounts = new Map(rates.map((rate) => [rate.id, 0]));
  let nonCompoundPrice = price;
  for (const rate of [...rates].filter((r) => r.compound).reverse()) {
    const amount = nonCompoundPrice - nonCompoundPrice / (1 + rate.rate / 100);
    taxes.set(rate.id, (taxes.get(rate.id) ?? 0) + amount);
    nonCompoundPrice -= amount;
  }
  const regular = rates.filter((r) => !r.compound);
  const regularFactor = 1 + sum(regular.map((r) => r.rate)) / 100;
  for (const rate of regular) {
    const share = rate.rate / 100 / regularFactor;
    const net = price - share * nonCompoundPrice;
    taxes.set(rate.id, (taxes.get(rate.id) ?? 0) + (price - net));
  }
  return taxes;
}

/** Adds two tax maps rate by rate (`wc_array_merge_recursive_numeric`). */
export function addTaxes(a: TaxAmounts, b: TaxAmounts): TaxAmounts {
  const merged = new Map(a);
  for (const [id, amount] of b) merged.set(id, (merged.get(id) ?? 0) + amount);
  return merged;
}
