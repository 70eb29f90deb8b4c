import type { WooOrder } from '../woocommerce/order-schema';
import { addDays, datePart } from './dates';
import { documentNumber, orderAdminUrl, renderReference } from './identity';
import type { MappingSettings } from './settings';
import type { MappingContext, XeroDocumentPlan } from './types';
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

/** The invoice or quote for an order with its identity, and a warning when the order link had to be left out. */
export function buildDocument(
  order: WooOrder,
  settings: MappingSettings,
  ctx: MappingContext,
  lineItems: WireLineItem[],
): { document: WireInvoice | WireQuote; identity: XeroDocumentPlan['identity']; warnings: string[] } {
  const number = documentNumber(order, settings.numbering);
  const reference = renderReference(settings.reference, order, ctx.storeUrl);
  const header: DocumentHeader = { reference, ...(number !== undefined ? { number } : {}) };
  if (settings.documentType === 'quote') {
    const identity = { ...(number !== undefined ? { quoteNumber: number } : {}), reference };
    return { document: buildQuote(order, settings, header, lineItems), identity, warnings: [] };
  }
  const link = orderAdminUrl(ctx.storeUrl, order.id);
  const document = buildInvoice(order, settings, { ...header, ...(link.url ? { url: link.url } : {}) }, lineItems);
  const identity = { ...(number !== undefined ? { invoiceNumber: number } : {}), reference };
  return { document, identity, warnings: link.warning ? [link.warning] : [] };
}
