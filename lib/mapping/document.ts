import type { WooOrder } from '../woocommerce/order-schema';
import { addDays, datePart, dayOfFollowingMonth } from './dates';
import { documentNumber, orderAdminUrl, renderReference } from './identity';
import type { MappingSettings } from './settings';
import { chooseDocumentType } from './sync-rules';
import type { MappingContext, XeroDocumentPlan } from './types';
import type { WireInvoice, WireLineItem, WireQuote } from './wire';

/** What a document header needs besides the order and settings. */
export interface DocumentHeader {
  number?: string;
  reference: string;
  url?: string;
  /** Amounts include tax (`lineAmountTypes: follow-store` on a prices-include-tax order). */
  inclusive?: boolean;
}

/** True when the document's amounts include tax: `lineAmountTypes` follows a store that enters prices with tax. */
export function usesInclusiveAmounts(order: Pick<WooOrder, 'prices_include_tax'>, settings: MappingSettings): boolean {
  return settings.lineAmountTypes === 'follow-store' && order.prices_include_tax;
}

/** The invoice DueDate of an order dated `date`, by the payment terms (`dueDateRule`). */
export function dueDate(date: string, settings: MappingSettings): string {
  return settings.dueDateRule === 'day-of-following-month'
    ? dayOfFollowingMonth(date, settings.dueDayOfMonth)
    : addDays(date, settings.dueDays);
}

function brandingTheme(settings: MappingSettings): { BrandingThemeID?: string } {
  return settings.brandingThemeId !== undefined ? { BrandingThemeID: settings.brandingThemeId } : {};
}

/** The sales invoice for an order: dated by the order's site-local date, due by the payment terms. */
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
    DueDate: dueDate(date, settings),
    ...(header.number !== undefined ? { InvoiceNumber: header.number } : {}),
    Reference: header.reference,
    ...(header.url !== undefined ? { Url: header.url } : {}),
    CurrencyCode: order.currency.toUpperCase(),
    Status: settings.invoiceStatus,
    ...brandingTheme(settings),
    LineAmountTypes: header.inclusive === true ? 'Inclusive' : 'Exclusive',
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
    ...brandingTheme(settings),
    LineAmountTypes: header.inclusive === true ? 'INCLUSIVE' : 'EXCLUSIVE',
    LineItems: lineItems,
  };
}

/** The invoice or quote for an order (chosen by `documentRules`) with its identity, and a warning when the link is left out. */
export function buildDocument(
  order: WooOrder,
  settings: MappingSettings,
  ctx: MappingContext,
  lineItems: WireLineItem[],
): {
  kind: XeroDocumentPlan['kind'];
  document: WireInvoice | WireQuote;
  identity: XeroDocumentPlan['identity'];
  warnings: string[];
} {
  const kind = chooseDocumentType(order, settings);
  const number = documentNumber(order, settings.numbering);
  const reference = renderReference(settings.reference, order, ctx.storeUrl);
  const header: DocumentHeader = {
    reference,
    inclusive: usesInclusiveAmounts(order, settings),
    ...(number !== undefined ? { number } : {}),
  };
  if (kind === 'quote') {
    const identity = { ...(number !== undefined ? { quoteNumber: number } : {}), reference };
    return { kind, document: buildQuote(order, settings, header, lineItems), identity, warnings: [] };
  }
  const link = orderAdminUrl(ctx.storeUrl, order.id);
  const document = buildInvoice(order, settings, { ...header, ...(link.url ? { url: link.url } : {}) }, lineItems);
  const identity = { ...(number !== undefined ? { invoiceNumber: number } : {}), reference };
  return { kind, document, identity, warnings: link.warning ? [link.warning] : [] };
}
