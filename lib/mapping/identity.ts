import type { WooOrder } from '../woocommerce/order-schema';
import type { MappingSettings } from './settings';

/** Xero's limit on InvoiceNumber and QuoteNumber. */
export const DOCUMENT_NUMBER_MAX = 255;

const HOST_PATTERN = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i;

/** The host of a store URL, lower case ("https://Shop.Example/x" → "shop.example"); the URL itself when unparsable. */
export function storeHost(storeUrl: string): string {
  return (HOST_PATTERN.exec(storeUrl.trim())?.[1] ?? storeUrl.trim()).toLowerCase();
}

/** The document number from the numbering template, or undefined when Xero numbers the document. */
export function documentNumber(order: WooOrder, numbering: MappingSettings['numbering']): string | undefined {
  if (numbering.mode === 'xero') {
    return undefined;
  }
  return `${numbering.prefix}${order.number}${numbering.suffix}`.slice(0, DOCUMENT_NUMBER_MAX);
}

// Deterministic, so a retried run picks the same number; kept within Xero's 255 characters.
/** The number to try when Xero already holds `number`: attempt 1 gives "WC-1001-2", attempt 2 "WC-1001-3". */
export function fallbackDocumentNumber(number: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  }
  const suffix = `-${attempt + 1}`;
  return `${number.slice(0, DOCUMENT_NUMBER_MAX - suffix.length)}${suffix}`;
}

/** The document Reference from its template: {number} the order number, {id} the order id, {store} the store host. */
export function renderReference(template: string, order: WooOrder, storeUrl: string): string {
  const values: Readonly<Record<string, string>> = {
    number: order.number,
    id: String(order.id),
    store: storeHost(storeUrl),
  };
  return template.replace(/\{(number|id|store)\}/g, (_whole, name: string) => values[name] ?? '');
}

/** The "Go to WooCommerce" link for the order, or a warning when Xero would refuse it. */
export function orderAdminUrl(storeUrl: string, orderId: number): { url?: string; warning?: string } {
  const base = storeUrl.trim().replace(/\/+$/, '');
  const url = `${base}/wp-admin/post.php?post=${orderId}&action=edit`;
  if (!/^https?:\/\/[^/?#]+/i.test(base)) {
    return { warning: `The store URL "${storeUrl}" is not an http(s) URL, so the document has no link to the order.` };
  }
  if (url.toLowerCase().includes('xero')) {
    return { warning: `Xero refuses links containing "xero", so the document has no link to the order (${url}).` };
  }
  return { url };
}
