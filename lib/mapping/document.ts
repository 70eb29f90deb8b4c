import type { WooOrder } from '../woocommerce/order-schema';
import { addDays, datePart } from './dates';
import type { MappingSettings } from './settings';
import type { WireInvoice, WireLineItem, WireQuote } from './wire';

/** What a document header needs besides the order and settings. */
export interface DocumentHeader {
  number?: string;
  reference: string;
  url?: string;
}

/** The sales invoice for an order: dated by the order's site-local date, due `dueDays` later, amounts exclusive. */
export function buildInvoice(
  order: WooOrder,
  settings: MappingSettings,
  header: DocumentHeader,
  lineItems: WireLineItem[],
): WireInvoice {
  const date = datePart(order.date_created, 'date_created');
  return {
    Type: 'ACCREC',
    Date: date,
    DueDate: addDays(date, settings.dueDays),
    ...(header.number !== undefined ? { InvoiceNumber: header.number } : {}),
    Reference: header.reference,
    ...(header.url !== undefined ? { Url: header.url } : {}),
    CurrencyCode: order.currency.toUpperCase(),
    Status: settings.invoiceStatus,
    LineAmountTypes: 'Exclusive',
    LineItems: lineItems,
  };
}

/** The quote for an order: dated by the order's site-local date, expiring `quoteExpiryDays` later. */
export function buildQuote(
  order: WooOrder,
  settings: MappingSettings,
  header: DocumentHeader,
  lineItems: WireLineItem[],
): WireQuote {
  const date = datePart(order.date_created, 'date_created');
  return {
    Date: date,
    ExpiryDate: addDays(date, settings.quoteExpiryDays),
    ...(header.number !== undefined ? { QuoteNumber: header.number } : {}),
    Reference: header.reference,
    CurrencyCode: order.currency.toUpperCase(),
    Status: settings.quoteStatus,
    LineAmountTypes: 'EXCLUSIVE',
    LineItems: lineItems,
  };
}
