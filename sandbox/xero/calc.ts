import { ONE, ratio, round } from './decimal';
import type { Totals } from './model';

/** How line amounts relate to tax (invoices say Exclusive/Inclusive/NoTax, quotes EXCLUSIVE/INCLUSIVE/NOTAX). */
export type TaxMode = 'exclusive' | 'inclusive' | 'notax';

/** Numeric inputs of one line, as scaled bigints (already parsed). */
export interface LineAmountsInput {
  quantity?: bigint;
  unitAmount?: bigint;
  /** Only used when Quantity or UnitAmount is missing; otherwise Xero recomputes it. */
  lineAmount?: bigint;
  discountRate?: bigint;
  discountAmount?: bigint;
  /** Effective tax rate in percent (scaled). */
  taxRate: bigint;
  /** A TaxAmount the caller supplied, which Xero lets override the computed tax. */
  taxAmount?: bigint;
}

/** Computed amounts of one line (scaled bigints). */
export interface LineAmounts {
  quantity?: bigint;
  unitAmount?: bigint;
  lineAmount: bigint;
  taxAmount: bigint;
  grossAmount: bigint;
}

const HUNDRED = 100n * ONE;

/** Quantity, unit amount and pre-discount amount, deriving a missing Quantity/UnitAmount from LineAmount. */
function basis(input: LineAmountsInput, unitDp: number): { quantity?: bigint; unitAmount?: bigint; exact?: bigint } {
  let quantity = input.quantity === undefined ? undefined : round(input.quantity, 4);
  let unitAmount = input.unitAmount === undefined ? undefined : round(input.unitAmount, unitDp);
  const supplied = input.lineAmount === undefined ? undefined : round(input.lineAmount, 2);
  if (quantity === undefined && unitAmount === undefined) {
    if (supplied === undefined) return {};
    return { quantity: ONE, unitAmount: round(supplied, unitDp), exact: supplied };
  }
  if (quantity === undefined) {
    quantity = supplied !== undefined && unitAmount !== 0n ? ratio(supplied, unitAmount!, 4) : ONE;
  } else if (unitAmount === undefined) {
    unitAmount = supplied !== undefined && quantity !== 0n ? ratio(supplied, quantity, unitDp) : 0n;
  }
  return { quantity, unitAmount };
}

/**
 * Xero's per-line arithmetic: UnitAmount rounded to unitDp, LineAmount = Quantity × UnitAmount less the discount,
 * rounded once to 2 dp; tax rounded to 2 dp per line from the rate (Exclusive, Inclusive or none).
 */
export function computeLine(input: LineAmountsInput, mode: TaxMode, unitDp: 2 | 4): LineAmounts {
  const { quantity, unitAmount, exact } = basis(input, unitDp);
  let lineAmount = 0n;
  let grossAmount = 0n;
  if (exact !== undefined) {
    lineAmount = exact;
    grossAmount = exact;
  } else if (quantity !== undefined && unitAmount !== undefined) {
    const product = quantity * unitAmount; // scaled by ONE²
    grossAmount = ratio(product, ONE * ONE, 2);
    if (input.discountRate !== undefined) {
      lineAmount = ratio(product * (HUNDRED - input.discountRate), ONE * ONE * HUNDRED, 2);
    } else if (input.discountAmount !== undefined) {
      lineAmount = ratio(product - input.discountAmount * ONE, ONE * ONE, 2);
    } else {
      lineAmount = grossAmount;
    }
  }
  let taxAmount = 0n;
  if (input.taxAmount !== undefined && mode !== 'notax') taxAmount = round(input.taxAmount, 2);
  else if (mode === 'exclusive') taxAmount = ratio(lineAmount * input.taxRate, ONE * HUNDRED, 2);
  else if (mode === 'inclusive') taxAmount = ratio(lineAmount * input.taxRate, ONE * (HUNDRED + input.taxRate), 2);
  return { quantity, unitAmount, lineAmount, taxAmount, grossAmount };
}

/** Document totals: sums of the per-line (already rounded) amounts, never tax on the total. */
export function computeTotals(
  lines: Array<Pick<LineAmounts, 'lineAmount' | 'taxAmount' | 'grossAmount'>>,
  mode: TaxMode,
): Totals {
  let SubTotal = 0n;
  let TotalTax = 0n;
  let TotalDiscount = 0n;
  for (const line of lines) {
    SubTotal += mode === 'inclusive' ? line.lineAmount - line.taxAmount : line.lineAmount;
    TotalTax += line.taxAmount;
    TotalDiscount += line.grossAmount - line.lineAmount;
  }
  return { SubTotal, TotalTax, Total: SubTotal + TotalTax, TotalDiscount };
}
