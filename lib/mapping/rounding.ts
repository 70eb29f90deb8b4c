import type { WooOrder } from '../woocommerce/order-schema';
import {
  abs,
  compare,
  type Decimal,
  multiply,
  parseDecimal,
  subtract,
  toFixed,
  toPlainString,
  toWireNumber,
} from './decimal';
import { MappingError } from './errors';
import type { MappingSettings } from './settings';
import { describeTaxDiscrepancy, type TaxDiscrepancy } from './tax';
import type { XeroOrgContext } from './types';
import { XERO_AMOUNT_DECIMALS } from './xero-arithmetic';
import type { WireLineItem, WireTracking } from './wire';

/** Description of the rounding line. */
export const ROUNDING_DESCRIPTION = 'Rounding';

/** The single untaxed line that brings Xero's total to the WooCommerce total (tracked like the other lines). */
export function roundingLine(
  difference: Decimal,
  settings: MappingSettings,
  tracking: WireTracking[] = [],
): WireLineItem {
  return {
    Description: ROUNDING_DESCRIPTION,
    Quantity: 1,
    UnitAmount: toWireNumber(difference),
    AccountCode: settings.accounts.rounding,
    TaxType: settings.taxes.untaxed,
    ...(tracking.length > 0 ? { Tracking: tracking.map((entry) => ({ ...entry })) } : {}),
  };
}

// `maxRoundingDifference` is stated for a two-decimal currency and scaled to stores with fewer decimals, whose own
// rounding is coarser: 0.05 means 5 yen in a 0-decimal JPY store.
/** The largest difference a rounding line may absorb for a store with `storeDecimals` places. */
export function roundingLimit(settings: MappingSettings, storeDecimals: number): Decimal {
  const configured = parseDecimal(settings.maxRoundingDifference);
  const missingPlaces = Math.max(0, XERO_AMOUNT_DECIMALS - storeDecimals);
  return multiply(configured, parseDecimal(`1e${missingPlaces}`));
}

/** True when a difference of this size may be absorbed by a rounding line. */
export function withinRoundingLimit(difference: Decimal, limit: Decimal): boolean {
  return compare(abs(difference), limit) <= 0;
}

/** The MappingError for a document whose total is too far from the order total, naming the likely cause. */
export function roundingLimitError(
  order: WooOrder,
  expected: Decimal,
  computed: { total: string; totalTax: string },
  limit: Decimal,
  worstTax: TaxDiscrepancy | null,
  org: XeroOrgContext,
): MappingError {
  const difference = subtract(expected, parseDecimal(computed.total));
  const taxGap = subtract(parseDecimal(order.total_tax), parseDecimal(computed.totalTax));
  const cause =
    worstTax !== null && !withinRoundingLimit(taxGap, limit)
      ? `Likely cause: a tax rate mapping. ${describeTaxDiscrepancy(worstTax, org)}.`
      : `Likely cause: the order's lines do not add up to its total (WooCommerce tax ${order.total_tax}, ` +
        `Xero tax ${computed.totalTax}); check for an edited order or a plugin adding amounts outside line, shipping and fee lines.`;
  return new MappingError(
    `Order #${order.number}: the Xero document would total ${computed.total} but the WooCommerce order total is ` +
      `${order.total} (difference ${toFixed(difference, XERO_AMOUNT_DECIMALS)}; a rounding line may absorb at most ` +
      `${toPlainString(limit)}, see maxRoundingDifference). ${cause}`,
  );
}
