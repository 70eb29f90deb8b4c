import {
  abs,
  compare,
  type Decimal,
  decimalFromNumber,
  divide,
  equals,
  isHalfwayAt,
  isZero,
  round,
  sign,
  subtract,
  multiply,
  toWireNumber,
} from './decimal';
import { unroundedLineAmount, XERO_AMOUNT_DECIMALS, XERO_UNIT_DECIMALS } from './xero-arithmetic';
import type { WireLineItem } from './wire';

const ONE_HUNDRED = decimalFromNumber(100);

/** Quantity, UnitAmount and DiscountAmount of a line, as sent. */
export type LinePricing = Pick<WireLineItem, 'Quantity' | 'UnitAmount' | 'DiscountAmount'>;

/** The pricing chosen for a line, and whether the quantity had to be folded into a single unit. */
export interface PricingChoice {
  pricing: LinePricing;
  foldedQuantity: boolean;
}

function pricing(quantity: Decimal, unitAmount: Decimal, discount?: Decimal): LinePricing {
  return {
    Quantity: toWireNumber(quantity),
    UnitAmount: toWireNumber(unitAmount),
    ...(discount !== undefined && !isZero(discount) ? { DiscountAmount: toWireNumber(discount) } : {}),
  };
}

/** True when Xero's LineAmount for `candidate` is exactly `target`, whatever rounding mode Xero uses at a tie. */
function reproduces(candidate: LinePricing, target: Decimal, unitDecimals: number): boolean {
  const unrounded = unroundedLineAmount(candidate, unitDecimals);
  return (
    !isHalfwayAt(unrounded, XERO_AMOUNT_DECIMALS) &&
    equals(round(unrounded, XERO_AMOUNT_DECIMALS), target) &&
    (candidate.DiscountAmount === undefined || sign(decimalFromNumber(candidate.DiscountAmount)) > 0)
  );
}

// Candidates in order of preference: the pre-coupon unit price with the coupon as DiscountAmount; the discounted unit
// price; the pre-coupon unit price rounded up with the remainder as discount; one unit at the line total. A candidate
// counts only if no exact half arises, so Xero's undocumented tie rounding cannot change the result.
/**
 * Chooses Quantity, UnitAmount (at `unitDecimals`: 4 on invoices, 2 on quotes) and DiscountAmount so that Xero's
 * LineAmount equals the line total.
 */
export function priceLine(
  quantity: Decimal,
  subtotal: Decimal,
  total: Decimal,
  unitDecimals: number = XERO_UNIT_DECIMALS,
): PricingChoice {
  const target = round(total, XERO_AMOUNT_DECIMALS);
  const base = round(subtotal, XERO_AMOUNT_DECIMALS);
  const qty = round(quantity, XERO_UNIT_DECIMALS);
  const candidates: LinePricing[] = [];
  if (sign(qty) > 0) {
    const listUnit = divide(base, qty, unitDecimals);
    candidates.push(pricing(qty, listUnit, subtract(base, target)));
    candidates.push(pricing(qty, divide(target, qty, unitDecimals)));
    const roundedUpUnit = divide(base, qty, unitDecimals, 'up');
    const gross = round(multiply(qty, roundedUpUnit), XERO_AMOUNT_DECIMALS);
    // Only when rounding the unit price up inflates the gross by at most 1%: beyond that the line would mislead.
    if (compare(multiply(subtract(gross, base), ONE_HUNDRED), abs(base)) <= 0) {
      candidates.push(pricing(qty, roundedUpUnit, subtract(gross, target)));
    }
  }
  const chosen = candidates.find((candidate) => reproduces(candidate, target, unitDecimals));
  if (chosen !== undefined) {
    return { pricing: chosen, foldedQuantity: false };
  }
  return { pricing: pricing(decimalFromNumber(1), target), foldedQuantity: compare(qty, decimalFromNumber(1)) !== 0 };
}
