import type { WooOrder } from '../woocommerce/order-schema';
import { compare, equals, isZero, parseDecimal, placesOf, round, subtract, toFixed } from './decimal';
import { buildInvoice, buildQuote } from './document';
import { mapContact } from './contact';
import { MappingError } from './errors';
import { documentNumber, orderAdminUrl, renderReference } from './identity';
import { uniqueItemsByCode } from './items';
import { mapLines } from './lines';
import { roundingLimit, roundingLimitError, roundingLine, withinRoundingLimit } from './rounding';
import type { MappingSettings } from './settings';
import { assertActiveTaxTypes, describeTaxDiscrepancy, largestTaxDiscrepancy } from './tax';
import type { MappingContext, XeroDocumentPlan } from './types';
import { computeXeroTotals, XERO_AMOUNT_DECIMALS } from './xero-arithmetic';
import type { WireLineItem } from './wire';

function orderWarnings(order: WooOrder, ctx: MappingContext): string[] {
  const warnings: string[] = [];
  if (order.currency.toUpperCase() !== ctx.org.baseCurrency.toUpperCase()) {
    warnings.push(
      `The order is in ${order.currency} but the Xero organisation's base currency is ${ctx.org.baseCurrency}; ` +
        `Xero needs ${order.currency} enabled (multi-currency) and applies its own exchange rate.`,
    );
  }
  if (order.refunds.length > 0) {
    warnings.push(`The order has ${order.refunds.length} refund(s); they are not part of this document.`);
  }
  return warnings;
}

/** The order total Xero can hold (2 places); a warning when the store's extra places had to be rounded away. */
function expectedTotalOf(order: WooOrder): { expected: string; warning?: string } {
  if (placesOf(order.total) <= XERO_AMOUNT_DECIMALS) {
    return { expected: order.total };
  }
  const rounded = round(parseDecimal(order.total), XERO_AMOUNT_DECIMALS);
  if (equals(rounded, parseDecimal(order.total))) {
    return { expected: toFixed(rounded, XERO_AMOUNT_DECIMALS) };
  }
  const expected = toFixed(rounded, XERO_AMOUNT_DECIMALS);
  return {
    expected,
    warning: `Xero keeps amounts to ${XERO_AMOUNT_DECIMALS} decimal places, so the order total ${order.total} becomes ${expected}.`,
  };
}

function draftDocument(order: WooOrder, settings: MappingSettings, ctx: MappingContext, lineItems: WireLineItem[]) {
  const number = documentNumber(order, settings.numbering);
  const header = { reference: renderReference(settings.reference, order, ctx.storeUrl), ...(number ? { number } : {}) };
  if (settings.documentType === 'quote') {
    return {
      document: buildQuote(order, settings, header, lineItems),
      number,
      reference: header.reference,
      warnings: [],
    };
  }
  const link = orderAdminUrl(ctx.storeUrl, order.id);
  const document = buildInvoice(order, settings, { ...header, ...(link.url ? { url: link.url } : {}) }, lineItems);
  return { document, number, reference: header.reference, warnings: link.warning ? [link.warning] : [] };
}

/**
 * Turns a WooCommerce order into the Xero contact, items and invoice (or quote) to create, whose total equals the
 * order total to the cent; throws MappingError when that cannot be done within the allowed rounding difference.
 */
export function mapOrderToXero(order: WooOrder, settings: MappingSettings, ctx: MappingContext): XeroDocumentPlan {
  const mapped = mapLines(order, settings);
  assertActiveTaxTypes([...mapped.lines.map((line) => line.wire.TaxType), settings.taxes.untaxed], ctx.org);

  const limit = roundingLimit(settings, placesOf(order.total));
  const worstTax = largestTaxDiscrepancy(mapped.lines, ctx.org);
  if (worstTax !== null && !withinRoundingLimit(worstTax.difference, limit)) {
    throw new MappingError(`Order #${order.number}: ${describeTaxDiscrepancy(worstTax, ctx.org)}.`);
  }

  const { expected, warning: totalWarning } = expectedTotalOf(order);
  const lineItems = mapped.lines.map((line) => line.wire);
  const draft = draftDocument(order, settings, ctx, lineItems);
  const before = computeXeroTotals(draft.document, ctx.org.taxRates);
  const difference = subtract(parseDecimal(expected), parseDecimal(before.total));
  if (!withinRoundingLimit(difference, limit)) {
    throw roundingLimitError(order, parseDecimal(expected), before, limit, worstTax, ctx.org);
  }
  if (!isZero(difference)) {
    lineItems.push(roundingLine(difference, settings));
  }
  const after = computeXeroTotals(draft.document, ctx.org.taxRates);
  if (compare(parseDecimal(after.total), parseDecimal(expected)) !== 0) {
    throw new MappingError(`Order #${order.number}: internal error, the rounding line did not balance the document.`);
  }

  const roundingWarning = isZero(difference)
    ? []
    : [
        `Added a rounding line of ${toFixed(difference, XERO_AMOUNT_DECIMALS)} so that Xero's total equals ${expected}.`,
      ];
  return {
    kind: settings.documentType,
    contact: mapContact(order),
    items: uniqueItemsByCode(mapped.items),
    document: draft.document,
    identity: {
      ...(draft.number !== undefined
        ? settings.documentType === 'quote'
          ? { quoteNumber: draft.number }
          : { invoiceNumber: draft.number }
        : {}),
      reference: draft.reference,
    },
    expectedTotal: expected,
    computed: {
      subTotal: after.subTotal,
      totalTax: after.totalTax,
      total: after.total,
      roundingAdjustment: toFixed(difference, XERO_AMOUNT_DECIMALS),
    },
    warnings: [
      ...orderWarnings(order, ctx),
      ...mapped.warnings,
      ...draft.warnings,
      ...(totalWarning ? [totalWarning] : []),
      ...roundingWarning,
    ],
  };
}
