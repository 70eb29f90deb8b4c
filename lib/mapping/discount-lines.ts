import type { WooLineItem, WooOrder } from '../woocommerce/order-schema';
import { add, type Decimal, decimalFromNumber, isZero, negate, parseDecimal, subtract, ZERO } from './decimal';
import type { MappingSettings } from './settings';
import { taxAmountField, type TaxCheckLine, wooRateIds, wooTaxOf } from './tax';
import { cleanText, truncateText } from './text';
import { priceLine } from './unit-pricing';
import type { WireLineItem } from './wire';
import { DESCRIPTION_MAX } from './items';

/** A product line shown at its pre-coupon amount, whose coupon discount goes on a separate discount line. */
export interface DiscountShare {
  line: WooLineItem;
  taxType: string;
  inclusive: boolean;
}

interface DiscountGroup {
  taxType: string;
  amount: Decimal;
  tax: Decimal;
  rateIds: Set<number>;
  lines: number;
}

function couponLabel(coupons: WooOrder['coupon_lines']): string {
  const codes = coupons.map((coupon) => cleanText(coupon.code)).filter((code) => code !== '');
  return codes.length === 0 ? 'Discount' : `Discount: ${codes.join(', ')}`;
}

function groupByTaxType(shares: readonly DiscountShare[]): DiscountGroup[] {
  const groups = new Map<string, DiscountGroup>();
  for (const { line, taxType, inclusive } of shares) {
    const tax = subtract(wooTaxOf({ total_tax: line.subtotal_tax }), wooTaxOf(line));
    const exclusive = subtract(parseDecimal(line.subtotal), parseDecimal(line.total));
    const group = groups.get(taxType) ?? { taxType, amount: ZERO, tax: ZERO, rateIds: new Set<number>(), lines: 0 };
    group.lines += 1;
    group.amount = add(group.amount, inclusive ? add(exclusive, tax) : exclusive);
    group.tax = add(group.tax, tax);
    wooRateIds({ total_tax: line.subtotal_tax, taxes: line.taxes }).forEach((id) => group.rateIds.add(id));
    groups.set(taxType, group);
  }
  return [...groups.values()].filter((group) => !isZero(group.amount) || !isZero(group.tax));
}

// Each group carries minus the tax the coupons removed, so every amount still matches WooCommerce.
/** The coupon discounts of lines shown before coupons: one negative line per tax type on `accounts.discounts`. */
export function discountLines(
  shares: readonly DiscountShare[],
  coupons: WooOrder['coupon_lines'],
  settings: MappingSettings,
): TaxCheckLine[] {
  const groups = groupByTaxType(shares);
  const label = couponLabel(coupons);
  return groups.map((group) => {
    const description = truncateText(groups.length > 1 ? `${label} (${group.taxType})` : label, DESCRIPTION_MAX);
    const amount = negate(group.amount);
    const { pricing } = priceLine(decimalFromNumber(1), amount, amount);
    const wire: WireLineItem = {
      Description: description,
      ...pricing,
      AccountCode: settings.accounts.discounts,
      TaxType: group.taxType,
      ...taxAmountField(group.taxType, negate(group.tax), settings),
    };
    return {
      wire,
      wooTax: negate(group.tax),
      wooRateIds: [...group.rateIds].sort((a, b) => a - b),
      label: description,
      // Per folded line: subtotal, total and their two taxes, each rounded; plus Xero's own tax of the sum.
      roundedAmounts: 4 * group.lines + 1,
    };
  });
}
