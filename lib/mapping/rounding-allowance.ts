import type { WooOrder } from '../woocommerce/order-schema';
import {
  compare,
  type Decimal,
  decimalFromInteger,
  isZero,
  multiply,
  parseDecimal,
  placesOf,
  subtract,
  toFixed,
  toPlainString,
  ZERO,
} from './decimal';
import type { MappingSettings } from './settings';
import type { TaxCheckLine, TaxDiscrepancy } from './tax';
import { XERO_AMOUNT_DECIMALS } from './xero-arithmetic';

/** How far Xero's total may honestly be from the order total, and how that was worked out. */
export interface RoundingAllowance {
  /** Places of the rounded amounts (the store's, at most Xero's 2). */
  places: number;
  /** Half a unit of the last of those places: what rounding one amount can move it by. */
  halfUnit: Decimal;
  /** Line amounts WooCommerce (or Xero) rounded separately. */
  lineAmounts: number;
  /** Tax amounts WooCommerce (or Xero) rounded separately. */
  taxAmounts: number;
  /** `maxRoundingDifference`, scaled to a store with fewer than 2 decimals. */
  cap: Decimal;
  /** The allowed difference: `halfUnit × (lineAmounts + taxAmounts)`, at most `cap`. */
  limit: Decimal;
}

const HALF = parseDecimal('0.5');

const nonZero = (amounts: readonly string[]): number => amounts.filter((a) => !isZero(parseDecimal(a))).length;

const smaller = (a: Decimal, b: Decimal): Decimal => (compare(a, b) <= 0 ? a : b);

// `maxRoundingDifference` is stated for a two-decimal currency and scaled to stores with fewer decimals, whose own
// rounding is coarser: 0.05 means 5 yen in a 0-decimal JPY store.
/** The merchant's cap on a rounding line for a store with `storeDecimals` places. */
export function roundingCap(settings: Pick<MappingSettings, 'maxRoundingDifference'>, storeDecimals: number): Decimal {
  const missingPlaces = Math.max(0, XERO_AMOUNT_DECIMALS - storeDecimals);
  return multiply(parseDecimal(settings.maxRoundingDifference), parseDecimal(`1e${missingPlaces}`));
}

// WooCommerce shows every amount rounded to the store's decimals but computes `total` from the unrounded values, and
// Xero rounds each LineAmount (and, without TaxAmount, each line's tax) to 2 places: each such amount can move the sum
// by half a unit of its last place.
/** The allowed difference between Xero's total and the order total: half a unit per rounded amount, capped. */
export function orderRoundingAllowance(
  order: WooOrder,
  settings: Pick<MappingSettings, 'maxRoundingDifference' | 'discountDisplay' | 'sendTaxAmounts'>,
): RoundingAllowance {
  const storeDecimals = placesOf(order.total);
  const places = Math.min(storeDecimals, XERO_AMOUNT_DECIMALS);
  const halfUnit = multiply(HALF, parseDecimal(`1e-${places}`));
  const separate = settings.discountDisplay === 'separate-line';
  const products = order.line_items;
  const charges = [...order.shipping_lines, ...order.fee_lines];
  const taxed = nonZero([...products, ...charges].map((line) => line.total_tax));
  const lineAmounts =
    nonZero([...products, ...charges].map((line) => line.total)) +
    (separate ? nonZero(products.map((line) => line.subtotal)) : 0);
  const taxAmounts =
    taxed + (separate ? nonZero(products.map((line) => line.subtotal_tax)) : 0) + (settings.sendTaxAmounts ? 0 : taxed);
  const cap = roundingCap(settings, storeDecimals);
  const limit = smaller(multiply(halfUnit, decimalFromInteger(lineAmounts + taxAmounts)), cap);
  return { places, halfUnit, lineAmounts, taxAmounts, cap, limit };
}

/** How many rounded amounts one line's tax in Xero and in WooCommerce can differ by (see TaxCheckLine). */
function lineRoundedAmounts(line: TaxCheckLine): number {
  return line.roundedAmounts ?? 2 + Math.max(1, line.wooRateIds.length);
}

/** The allowed difference between one line's tax at its Xero rate and WooCommerce's tax of the line. */
export function lineTaxLimit(line: TaxCheckLine, allowance: RoundingAllowance): Decimal {
  return smaller(multiply(allowance.halfUnit, decimalFromInteger(lineRoundedAmounts(line))), allowance.cap);
}

/** The discrepancy that exceeds its line's allowance by the most (a wrong tax mapping), or null when none does. */
export function taxBeyondRounding(
  discrepancies: readonly TaxDiscrepancy[],
  allowance: RoundingAllowance,
): TaxDiscrepancy | null {
  let worst: { discrepancy: TaxDiscrepancy; excess: Decimal } | null = null;
  for (const discrepancy of discrepancies) {
    const excess = subtract(discrepancy.difference, lineTaxLimit(discrepancy.line, allowance));
    if (compare(excess, ZERO) > 0 && (worst === null || compare(excess, worst.excess) > 0)) {
      worst = { discrepancy, excess };
    }
  }
  return worst?.discrepancy ?? null;
}

/** How the allowed difference was computed, in words for an error message. */
export function describeAllowance(allowance: RoundingAllowance): string {
  const { lineAmounts, taxAmounts, places, limit, cap } = allowance;
  const unit = toFixed(parseDecimal(`1e-${places}`), places);
  const uncapped = multiply(allowance.halfUnit, decimalFromInteger(lineAmounts + taxAmounts));
  const capped = compare(uncapped, cap) > 0;
  return (
    `the allowed difference is ${toPlainString(limit)}: half of ${unit} for each of the ${lineAmounts + taxAmounts} ` +
    `amounts WooCommerce rounded (${lineAmounts} line amounts, ${taxAmounts} tax amounts) is ${toPlainString(uncapped)}` +
    (capped
      ? `, capped at ${toPlainString(cap)} by maxRoundingDifference`
      : `; maxRoundingDifference caps it at ${toPlainString(cap)}`)
  );
}
