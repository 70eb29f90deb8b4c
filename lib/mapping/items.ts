import type { WooLineItem } from '../woocommerce/order-schema';
import type { MappingSettings } from './settings';
import { cleanText, truncateText } from './text';
import { shortenedLineName } from './variations';
import type { WireItem } from './wire';

/** Xero's limit on Item Code. */
export const ITEM_CODE_MAX = 30;
/** Xero's limit on Item Name. */
export const ITEM_NAME_MAX = 50;
/** Xero's limit on Item and line Description. */
export const DESCRIPTION_MAX = 4000;

/** The item code chosen for a product line (absent for a description-only line) and why, when it is not the SKU. */
export interface ItemCodeChoice {
  code?: string;
  warning?: string;
}

function derivedCode(line: WooLineItem): string | undefined {
  if (line.product_id <= 0) {
    return undefined;
  }
  return `WC-P${line.product_id}${line.variation_id > 0 ? `-V${line.variation_id}` : ''}`;
}

/** Chooses the Xero ItemCode of a product line: its SKU when it fits, otherwise the configured fallback. */
export function chooseItemCode(line: WooLineItem, settings: MappingSettings['items']): ItemCodeChoice {
  const sku = (line.sku ?? '').trim();
  if (sku !== '' && sku.length <= ITEM_CODE_MAX) {
    return { code: sku };
  }
  const fallback = settings.fallback === 'product-id' ? derivedCode(line) : undefined;
  const problem =
    sku === '' ? 'has no SKU' : `has SKU "${sku}", longer than Xero's ${ITEM_CODE_MAX}-character limit on item codes`;
  const outcome = fallback !== undefined ? `used item code "${fallback}"` : 'sent it as a description-only line';
  return {
    ...(fallback !== undefined ? { code: fallback } : {}),
    warning: `Line item #${line.id} "${cleanText(line.name)}" ${problem}; ${outcome}.`,
  };
}

/** The Xero item to create when missing for a product line named `name` (a variation keeps its attributes in Name). */
export function buildItem(
  name: string,
  code: string,
  unitPrice: number,
  accountCode: string,
  taxType: string,
): WireItem {
  const description = truncateText(name, DESCRIPTION_MAX) || code;
  return {
    Code: code,
    Name: shortenedLineName(description, ITEM_NAME_MAX),
    Description: description,
    IsSold: true,
    SalesDetails: { UnitPrice: unitPrice, AccountCode: accountCode, TaxType: taxType },
  };
}

/** Keeps the first item of each Code, in order. */
export function uniqueItemsByCode(items: readonly WireItem[]): WireItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.Code.toUpperCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
