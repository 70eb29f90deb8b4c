import type { WooOrder } from '../woocommerce/order-schema';
import { abs, compare, type Decimal, parseDecimal, subtract, toFixed, toWireNumber } from './decimal';
import { MappingError } from './errors';
import type { MappingSettings } from './settings';
import { describeAllowance, type RoundingAllowance } from './rounding-allowance';
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

/** The MappingError for a document whose total is too far from the order total, naming the likely cause. */
export function roundingLimitError(
  order: WooOrder,
  expected: Decimal,
  computed: { total: string; totalTax: string },
  allowance: RoundingAllowance,
  worstTax: TaxDiscrepancy | null,
  org: XeroOrgContext,
): MappingError {
  const difference = subtract(expected, parseDecimal(computed.total));
  const taxGap = subtract(parseDecimal(order.total_tax), parseDecimal(computed.totalTax));
  const cause =
    worstTax !== null && compare(abs(taxGap), allowance.limit) > 0
      ? `Likely cause: a tax rate mapping. ${describeTaxDiscrepancy(worstTax, org)}.`
      : `Likely cause: the order's lines do not add up to its total (WooCommerce tax ${order.total_tax}, ` +
        `Xero tax ${computed.totalTax}); check for an edited order or a plugin adding amounts outside line, shipping and fee lines.`;
  return new MappingError(
    `Order #${order.number}: the Xero document would total ${computed.total} but the WooCommerce order total is ` +
      `${order.total} (difference ${toFixed(difference, XERO_AMOUNT_DECIMALS)}; ${describeAllowance(allowance)}). ${cause}`,
  );
}
