import type { CalcTaxLine } from './calculator-types';
import type { MetaEntry } from './order-model';
import { formatDecimal, storedDecimal } from './php-math';
import type { TaxAmounts } from './tax-math';
import { rateCode, rateLabel } from './tax-rates';

/** How REST item amounts are written: money to `dp` decimals, tax shares as the raw stored strings. */
export interface ItemFormat {
  money(value: number): string;
  raw(value: number): string;
}

/** The format of `get_order_item_data` for a store with `decimals`, answering with `dp` decimals. */
export function itemFormat(decimals: number, dp: number): ItemFormat {
  return { money: (value) => formatDecimal(value, dp), raw: (value) => storedDecimal(value, decimals) };
}

/** `taxes[]` of an item: `{id, total, subtotal}` per rate, `subtotal` `''` where the item keeps none. */
export function taxShares(fmt: ItemFormat, total: TaxAmounts, subtotal?: TaxAmounts) {
  return [...total].map(([id, amount]) => {
    const sub = subtotal?.get(id);
    return { id, total: fmt.raw(amount), subtotal: sub === undefined ? '' : fmt.raw(sub) };
  });
}

/** A product line (of an order or a refund) with its stored amounts. */
export interface ProductLineView {
  id: number;
  name: string;
  productId: number;
  variationId: number;
  quantity: number;
  taxClass: string;
  subtotal: number;
  subtotalTax: number;
  total: number;
  totalTax: number;
  taxes: { total: TaxAmounts; subtotal: TaxAmounts };
  meta: MetaEntry[];
  sku: string | null;
  parentName: string | null;
}

/** `line_items[]` entry; `price` is `total / quantity` (0 for no quantity), so a refunded line's price is positive. */
export function productLineRest(line: ProductLineView, fmt: ItemFormat) {
  return {
    id: line.id,
    name: line.name,
    product_id: line.productId,
    variation_id: line.variationId,
    quantity: line.quantity,
    tax_class: line.taxClass,
    subtotal: fmt.money(line.subtotal),
    subtotal_tax: fmt.money(line.subtotalTax),
    total: fmt.money(line.total),
    total_tax: fmt.money(line.totalTax),
    taxes: taxShares(fmt, line.taxes.total, line.taxes.subtotal),
    meta_data: line.meta,
    sku: line.sku,
    price: line.quantity ? line.total / line.quantity : 0,
    image: { id: '', src: '' },
    parent_name: line.parentName,
  };
}

/** A shipping line with its stored amounts. */
export interface ShippingLineView {
  id: number;
  methodTitle: string;
  methodId: string;
  instanceId: string;
  total: number;
  totalTax: number;
  taxes: TaxAmounts;
  meta: MetaEntry[];
}

/** `shipping_lines[]` entry. */
export function shippingLineRest(line: ShippingLineView, fmt: ItemFormat) {
  return {
    id: line.id,
    method_title: line.methodTitle,
    method_id: line.methodId,
    instance_id: line.instanceId,
    total: fmt.money(line.total),
    total_tax: fmt.money(line.totalTax),
    taxes: taxShares(fmt, line.taxes),
    meta_data: line.meta,
  };
}

/** A fee line with its stored amounts. */
export interface FeeLineView {
  id: number;
  name: string;
  taxClass: string;
  taxable: boolean;
  total: number;
  totalTax: number;
  taxes: TaxAmounts;
  meta: MetaEntry[];
}

/** `fee_lines[]` entry. */
export function feeLineRest(line: FeeLineView, fmt: ItemFormat) {
  return {
    id: line.id,
    name: line.name,
    tax_class: line.taxClass,
    tax_status: line.taxable ? 'taxable' : 'none',
    total: fmt.money(line.total),
    total_tax: fmt.money(line.totalTax),
    taxes: taxShares(fmt, line.taxes),
    meta_data: line.meta,
  };
}

/** `tax_lines[]` entry of the tax line item `id`. */
export function taxLineRest(id: number, line: CalcTaxLine, fmt: ItemFormat) {
  return {
    id,
    rate_code: rateCode(line.rate),
    rate_id: line.rate.id,
    label: rateLabel(line.rate),
    compound: line.rate.compound,
    tax_total: fmt.money(line.taxTotal),
    shipping_tax_total: fmt.money(line.shippingTaxTotal),
    rate_percent: line.rate.rate,
    meta_data: [],
  };
}
