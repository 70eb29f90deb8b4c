import type { WooOrder } from '../woocommerce/order-schema';
import { accountWarnings } from './accounts';
import { abs, compare, equals, isZero, parseDecimal, placesOf, round, subtract, toFixed } from './decimal';
import { buildDocument } from './document';
import { mapContact } from './contact';
import { MappingError } from './errors';
import { uniqueItemsByCode } from './items';
import { mapLines } from './lines';
import { roundingLimitError, roundingLine } from './rounding';
import { orderRoundingAllowance, taxBeyondRounding } from './rounding-allowance';
import type { MappingSettings } from './settings';
import {
  assertActiveTaxTypes,
  configuredTaxTypeWarnings,
  describeTaxDiscrepancy,
  largestTaxDiscrepancy,
  taxDiscrepancies,
  unmappedRateWarnings,
} from './tax';
import { mapTracking } from './tracking';
import type { MappingContext, XeroDocumentPlan } from './types';
import { computeXeroTotals, unitDecimalsOf, XERO_AMOUNT_DECIMALS } from './xero-arithmetic';

function orderWarnings(order: WooOrder, ctx: MappingContext): string[] {
  const warnings: string[] = [];
  if (order.currency.toUpperCase() !== ctx.org.baseCurrency.toUpperCase()) {
    warnings.push(
      `The order is in ${order.currency} but the Xero organisation's base currency is ${ctx.org.baseCurrency}; ` +
        `Xero needs ${order.currency} enabled (multi-currency) and applies its own exchange rate.`,
    );
  }
  if (order.refunds.length > 0) {
    warnings.push(
      `The order has ${order.refunds.length} refund(s); each becomes its own credit note after the invoice.`,
    );
  }
  return warnings;
}

// Xero keeps 2 places; a store with more decimals has its total rounded, with a warning when that changes it.
function expectedTotalOf(order: WooOrder): { expected: string; warnings: string[] } {
  if (placesOf(order.total) <= XERO_AMOUNT_DECIMALS) {
    return { expected: order.total, warnings: [] };
  }
  const exact = parseDecimal(order.total);
  const expected = toFixed(round(exact, XERO_AMOUNT_DECIMALS), XERO_AMOUNT_DECIMALS);
  const changed = !equals(parseDecimal(expected), exact);
  const warning = `Xero keeps amounts to ${XERO_AMOUNT_DECIMALS} decimal places, so the order total ${order.total} becomes ${expected}.`;
  return { expected, warnings: changed ? [warning] : [] };
}

// The document's total must equal the order total to the cent: one rounding line absorbs small differences, larger
// ones (or a tax rate Xero would apply differently) raise a MappingError that says what to change.
/** Turns a WooCommerce order into the Xero contact, items and invoice or quote to create; throws MappingError. */
export function mapOrderToXero(order: WooOrder, settings: MappingSettings, ctx: MappingContext): XeroDocumentPlan {
  const tracking = mapTracking(order, settings, ctx);
  const mapped = mapLines(order, settings, ctx, tracking.tracking);
  assertActiveTaxTypes(
    mapped.lines.map((line) => line.wire.TaxType),
    ctx.org,
  );

  const total = expectedTotalOf(order);
  const wooLines = mapped.lines.map((line) => line.wire);
  const draft = buildDocument(order, settings, ctx, wooLines);
  const allowance = orderRoundingAllowance(order, settings);
  const discrepancies = taxDiscrepancies(mapped.lines, ctx.org, draft.document.LineAmountTypes);
  const wrongTax = taxBeyondRounding(discrepancies, allowance);
  if (wrongTax !== null) {
    throw new MappingError(`Order #${order.number}: ${describeTaxDiscrepancy(wrongTax, ctx.org)}.`);
  }

  const before = computeXeroTotals(draft.document, ctx.org.taxRates, XERO_AMOUNT_DECIMALS, unitDecimalsOf(draft.kind));
  const difference = subtract(parseDecimal(total.expected), parseDecimal(before.total));
  if (compare(abs(difference), allowance.limit) > 0) {
    const worstTax = largestTaxDiscrepancy(discrepancies);
    throw roundingLimitError(order, parseDecimal(total.expected), before, allowance, worstTax, ctx.org);
  }
  if (!isZero(difference)) {
    assertActiveTaxTypes([settings.taxes.untaxed], ctx.org);
  }
  const lineItems = isZero(difference)
    ? wooLines
    : [...wooLines, roundingLine(difference, settings, tracking.tracking)];
  const built = buildDocument(order, settings, ctx, lineItems);
  const after = computeXeroTotals(built.document, ctx.org.taxRates, XERO_AMOUNT_DECIMALS, unitDecimalsOf(built.kind));
  if (!equals(parseDecimal(after.total), parseDecimal(total.expected))) {
    throw new MappingError(`Order #${order.number}: internal error, the rounding line did not balance the document.`);
  }

  const items = uniqueItemsByCode(mapped.items);
  const adjustment = toFixed(difference, XERO_AMOUNT_DECIMALS);
  const usedAccounts = [...lineItems.map((line) => line.AccountCode), ...items.map((i) => i.SalesDetails.AccountCode)];
  return {
    kind: built.kind,
    contact: mapContact(order, settings.contacts),
    items,
    document: built.document,
    identity: built.identity,
    expectedTotal: total.expected,
    computed: {
      subTotal: after.subTotal,
      totalTax: after.totalTax,
      total: after.total,
      roundingAdjustment: adjustment,
    },
    warnings: [
      ...orderWarnings(order, ctx),
      ...mapped.warnings,
      ...unmappedRateWarnings(mapped.unmappedRates, order.tax_lines),
      ...configuredTaxTypeWarnings(settings.taxes, ctx.org),
      ...accountWarnings(usedAccounts, ctx.org),
      ...tracking.warnings,
      ...built.warnings,
      ...total.warnings,
      ...(isZero(difference)
        ? []
        : [`Added a rounding line of ${adjustment} so that Xero's total equals ${total.expected}.`]),
    ],
  };
}
