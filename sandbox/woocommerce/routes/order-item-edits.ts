import { upsertMeta } from '../meta-data';
import type { OrderFeeInput, OrderLineFactory, OrderLineInput, OrderShippingInput, ProductRef } from '../order-lines';
import type { StoredFeeLine, StoredLineItem, StoredOrder, StoredShippingLine } from '../order-model';
import type { StoredProduct } from '../product-store';
import { RestError } from '../rest-errors';
import { num, str, type Posted } from './posted';

/** The item arrays of a `PUT /orders/{id}` body. */
export interface PostedItems {
  line_items?: Posted[];
  shipping_lines?: Posted[];
  fee_lines?: Posted[];
}

/**
 * `prepare_object_for_database` for items on update, item by item: `{id, quantity: 0}` (or a null `product_id`,
 * `method_id`, `method_title` or `name`) removes the item; with an `id` the item is changed in place, keeping its
 * stored amounts unless `total`/`subtotal` are posted (WooCommerce does not reprice a line whose quantity changes);
 * without one a new item is added, priced from the catalogue. Items not posted stay.
 */
export function applyItemEdits(order: StoredOrder, posted: PostedItems, lines: OrderLineFactory): void {
  const amounts = new Map(order.lineItems.map((line, index) => [line.id, order.calc.lineItems[index]]));
  for (const item of posted.line_items ?? []) {
    if (removes(item)) removeItem(order, item.id);
    else if (hasId(item)) editLine(find(order.lineItems, item), item, amounts, lines);
    else order.lineItems.push(newLine(item, lines));
  }
  for (const item of posted.shipping_lines ?? []) {
    if (removes(item)) removeItem(order, item.id);
    else if (hasId(item)) editShipping(find(order.shippingLines, item), item);
    else order.shippingLines.push(newShipping(item, lines));
  }
  for (const item of posted.fee_lines ?? []) {
    if (removes(item)) removeItem(order, item.id);
    else if (hasId(item)) editFee(find(order.feeLines, item), item);
    else order.feeLines.push(newFee(item, lines));
  }
}

/** `item_is_null()` or a quantity of exactly 0. */
function removes(item: Posted): boolean {
  const nulled = ['product_id', 'method_id', 'method_title', 'name', 'code'].some(
    (key) => key in item && item[key] === null,
  );
  return nulled || item.quantity === 0 || item.quantity === '0';
}

function hasId(item: Posted): boolean {
  return num(item.id) !== undefined && num(item.id) !== 0;
}

/** `remove_item()`: removes the item of that id whatever its type; an id the order does not have changes nothing. */
function removeItem(order: StoredOrder, id: unknown): void {
  const itemId = num(id);
  order.lineItems = order.lineItems.filter((line) => line.id !== itemId);
  order.shippingLines = order.shippingLines.filter((line) => line.id !== itemId);
  order.feeLines = order.feeLines.filter((line) => line.id !== itemId);
}

/** `set_item()` for an update: the id must be one of the order's items of that type. */
function find<T extends { id: number }>(items: T[], posted: Posted): T {
  const item = items.find((candidate) => candidate.id === num(posted.id));
  if (item === undefined) {
    throw new RestError(
      400,
      'woocommerce_rest_invalid_item_id',
      'Order item ID provided is not associated with order.',
    );
  }
  return item;
}

function productRef(item: Posted) {
  return { sku: str(item.sku), productId: num(item.product_id), variationId: num(item.variation_id) };
}

/** `prepare_line_items()` on update: the stored amounts stay (`amounts`: what they were) unless posted. */
function editLine(
  line: StoredLineItem,
  item: Posted,
  amounts: Map<number, { subtotal: number; total: number }>,
  lines: OrderLineFactory,
): void {
  line.subtotal ??= amounts.get(line.id)?.subtotal;
  line.total ??= amounts.get(line.id)?.total;
  const product = lines.productOf(productRef(item));
  if (product) lines.setProduct(line, product);
  const name = str(item.name);
  if (name !== undefined) line.name = name;
  const quantity = num(item.quantity);
  if (quantity !== undefined) line.quantity = Math.trunc(quantity);
  const subtotal = num(item.subtotal);
  if (subtotal !== undefined) line.subtotal = subtotal;
  const total = num(item.total);
  if (total !== undefined) line.total = total;
  const taxClass = str(item.tax_class);
  if (taxClass !== undefined) line.taxClass = taxClass;
  editMeta(line, item, lines);
}

function newLine(item: Posted, lines: OrderLineFactory): StoredLineItem {
  const line = lines.lineItem(lineInputOf(item, (ref) => lines.productOf(ref)));
  editMeta(line, item, lines);
  return line;
}

/**
 * A posted new product line (`prepare_line_items` on create): it must name a product by SKU or id, and is priced as
 * quantity × its price unless `subtotal`/`total` are posted; a product the store lacks leaves a line without one.
 */
export function lineInputOf(item: Posted, productOf: (ref: ProductRef) => StoredProduct | undefined): OrderLineInput {
  const ref = productRef(item);
  if (!ref.sku && !ref.productId && !ref.variationId) {
    throw new RestError(400, 'woocommerce_rest_required_product_reference', 'Product ID or SKU is required.');
  }
  const product = productOf(ref);
  return {
    productId: product?.id,
    quantity: Math.trunc(num(item.quantity) ?? 1),
    ...(product ? { name: str(item.name) } : { name: str(item.name) ?? '', price: 0, sku: '' }),
    subtotal: num(item.subtotal),
    total: num(item.total),
    taxClass: str(item.tax_class),
  };
}

/** `maybe_set_item_meta_data()`: upserts posted meta; display key and value default to key and value. */
function editMeta(line: StoredLineItem, item: Posted, lines: OrderLineFactory): void {
  const meta = Array.isArray(item.meta_data) ? (item.meta_data as Posted[]) : [];
  const changes = meta.filter((entry) => typeof entry.key === 'string');
  upsertMeta(
    line.meta,
    changes.map((entry) => ({ id: num(entry.id), key: String(entry.key), value: entry.value ?? null })),
    () => lines.metaId(),
  );
  for (const entry of line.meta) {
    entry.display_key ??= entry.key;
    entry.display_value ??= entry.value;
  }
}

function editShipping(line: StoredShippingLine, item: Posted): void {
  line.methodId = str(item.method_id) ?? line.methodId;
  line.methodTitle = str(item.method_title) ?? line.methodTitle;
  line.total = num(item.total) ?? line.total;
  line.instanceId = str(item.instance_id) ?? line.instanceId;
}

function newShipping(item: Posted, lines: OrderLineFactory): StoredShippingLine {
  return lines.shippingLine(shippingInputOf(item));
}

/** A posted new shipping line (`prepare_shipping_lines` on create): `method_id` is required. */
export function shippingInputOf(item: Posted): OrderShippingInput {
  const methodId = str(item.method_id);
  if (!methodId) {
    throw new RestError(400, 'woocommerce_rest_invalid_shipping_item', 'Shipping method ID is required.');
  }
  return {
    methodId,
    methodTitle: str(item.method_title) ?? '',
    instanceId: str(item.instance_id) ?? '',
    total: num(item.total) ?? 0,
  };
}

function editFee(fee: StoredFeeLine, item: Posted): void {
  fee.name = str(item.name) ?? fee.name;
  fee.taxClass = str(item.tax_class) ?? fee.taxClass;
  if (item.tax_status !== undefined) fee.taxable = str(item.tax_status) !== 'none';
  fee.total = num(item.total) ?? fee.total;
}

function newFee(item: Posted, lines: OrderLineFactory): StoredFeeLine {
  return lines.feeLine(feeInputOf(item));
}

/** A posted new fee (`prepare_fee_lines` on create): `name` is required. */
export function feeInputOf(item: Posted): OrderFeeInput {
  const name = str(item.name);
  if (!name) throw new RestError(400, 'woocommerce_rest_invalid_fee_item', 'Fee name is required.');
  return { name, total: num(item.total) ?? 0, taxable: str(item.tax_status) !== 'none', taxClass: str(item.tax_class) };
}
