import type { WooOrder } from '../woocommerce/order-schema';
import type { WooRefund } from '../woocommerce/refund-schema';
import { datePart } from './dates';
import { isZero, negate, parseDecimal, placesOf, subtract, toFixed, toWireNumber } from './decimal';
import { usesInclusiveAmounts } from './document';
import { mapLines } from './lines';
import type { MappingSettings } from './settings';
import { mapTracking } from './tracking';
import type { MappingContext } from './types';
import type { WireCreditNote, WireLineItem } from './wire';
import { computeXeroTotals, XERO_AMOUNT_DECIMALS } from './xero-arithmetic';

/** The invoice a refund credits: its contact, number and how its amounts are shown. */
export interface CreditedInvoice {
  contactId: string;
  number: string;
}

/** The credit note for one refund and its total, which equals the refund's amount to the cent. */
export interface MappedCreditNote {
  creditNote: WireCreditNote;
  total: string;
}

/** WooCommerce writes a refund's amounts negative; the credit note shows them as positive amounts. */
function positive(amount: string): string {
  return toFixed(negate(parseDecimal(amount)), placesOf(amount));
}

function positiveTaxes(taxes: Array<{ id: number; total: string; subtotal: string }>) {
  return taxes.map((share) => ({
    id: share.id,
    total: positive(share.total || '0'),
    subtotal: positive(share.total || '0'),
  }));
}

/**
 * The refund as an order of what it gives back: its lines with positive quantities and amounts, at their refunded
 * (after-coupon) amounts, so the order's own line mapping gives the credit note the invoice's accounts and taxes.
 */
function refundAsOrder(order: WooOrder, refund: WooRefund): WooOrder {
  return {
    ...order,
    line_items: refund.line_items.map((line) => ({
      ...line,
      quantity: -line.quantity,
      subtotal: positive(line.total),
      subtotal_tax: positive(line.total_tax),
      total: positive(line.total),
      total_tax: positive(line.total_tax),
      taxes: positiveTaxes(line.taxes),
      price: -line.price,
    })),
    shipping_lines: refund.shipping_lines.map((line) => ({
      ...line,
      total: positive(line.total),
      total_tax: positive(line.total_tax),
      taxes: positiveTaxes(line.taxes),
    })),
    fee_lines: refund.fee_lines.map((line) => ({
      ...line,
      total: positive(line.total),
      total_tax: positive(line.total_tax),
      taxes: positiveTaxes(line.taxes),
    })),
    coupon_lines: [],
    total: refund.amount,
  };
}

/** The deterministic number of a refund's credit note: the invoice's number and the refund id. */
export function creditNoteNumber(invoiceNumber: string, refundId: number): string {
  return `${invoiceNumber}-R${refundId}`;
}

/**
 * Maps one WooCommerce refund to its Xero credit note: the refunded product, shipping and fee lines with the
 * invoice's accounts, tax types and tracking (no discounts: Xero refuses them on credit notes), and one line on the
 * sales account for any amount the lines do not explain (an amount-only refund is just that line).
 */
export function mapRefundToCreditNote(
  order: WooOrder,
  refund: WooRefund,
  settings: MappingSettings,
  ctx: MappingContext,
  invoice: CreditedInvoice,
): MappedCreditNote {
  const tracking = mapTracking(order, settings, ctx).tracking;
  const mapped = mapLines(refundAsOrder(order, refund), settings, ctx, tracking);
  const lines: WireLineItem[] = mapped.lines.map((line) => line.wire);
  const inclusive = usesInclusiveAmounts(order, settings);
  const LineAmountTypes = inclusive ? 'Inclusive' : 'Exclusive';
  const explained = computeXeroTotals({ LineAmountTypes, LineItems: lines }, ctx.org.taxRates).total;
  const unexplained = subtract(parseDecimal(refund.amount), parseDecimal(explained));
  if (!isZero(unexplained)) {
    lines.push({
      Description: lines.length === 0 ? refundDescription(order, refund) : 'Refund not itemised in WooCommerce',
      Quantity: 1,
      UnitAmount: toWireNumber(unexplained),
      AccountCode: settings.accounts.sales,
      TaxType: settings.taxes.untaxed,
      ...(tracking.length > 0 ? { Tracking: tracking } : {}),
    });
  }
  const creditNote: WireCreditNote = {
    Type: 'ACCRECCREDIT',
    Contact: { ContactID: invoice.contactId },
    Date: datePart(refund.date_created, 'date_created'),
    CreditNoteNumber: creditNoteNumber(invoice.number, refund.id),
    Reference: `Refund #${refund.id} of WooCommerce order #${order.number}`,
    CurrencyCode: order.currency.toUpperCase(),
    Status: 'AUTHORISED',
    LineAmountTypes,
    LineItems: lines,
  };
  const total = computeXeroTotals(creditNote, ctx.org.taxRates, XERO_AMOUNT_DECIMALS).total;
  return { creditNote, total };
}

function refundDescription(order: WooOrder, refund: WooRefund): string {
  const reason = refund.reason.trim();
  return `Refund of WooCommerce order #${order.number}${reason === '' ? '' : `: ${reason.slice(0, 200)}`}`;
}
