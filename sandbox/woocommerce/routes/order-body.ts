import { findProduct, type OrderLineFactory } from '../order-lines';
import { ORDER_STATUSES, type StoredOrder } from '../order-model';
import type { CreateOrderInput, OrderChanges } from '../order-store';
import { ParamReader } from '../params';
import type { ProductStore } from '../product-store';
import { RestError } from '../rest-errors';
import { applyItemEdits, feeInputOf, lineInputOf, shippingInputOf } from './order-item-edits';
import { num, records, str, type Posted } from './posted';

/** The `set_paid` / `transaction_id` pair of an order body: `payment_complete( transaction_id )` after saving. */
export interface SetPaid {
  setPaid: boolean;
  transactionId?: string;
}

/** `POST /orders` body as the store's create input: lines must name a product (by SKU or id); status default pending. */
export function createInput(body: Posted, products: ProductStore): CreateOrderInput & SetPaid {
  rejectCoupons(body);
  const changes = scalarChanges(body);
  const lineItems = (records(body.line_items) ?? []).map((line) =>
    lineInputOf(line, (ref) => findProduct(products, ref)),
  );
  const shippingLines = (records(body.shipping_lines) ?? []).map(shippingInputOf);
  const feeLines = (records(body.fee_lines) ?? []).map(feeInputOf);
  return {
    ...changes,
    status: changes.status ?? 'pending',
    paymentMethod: changes.paymentMethod ?? '',
    customerId: num(body.customer_id) ?? 0,
    currency: str(body.currency),
    lineItems,
    shippingLines,
    feeLines,
    createdVia: 'rest-api',
    ...setPaidOf(body),
  };
}

/**
 * `PUT /orders/{id}` body as changes: scalar fields and meta, item edits in place (see applyItemEdits) and
 * `coupon_lines: []` removing the coupons; the store recalculates when an address or item array is present.
 */
export function updateChanges(body: Posted): OrderChanges & SetPaid {
  if (records(body.coupon_lines)?.length) rejectCoupons(body);
  const items = {
    line_items: records(body.line_items),
    shipping_lines: records(body.shipping_lines),
    fee_lines: records(body.fee_lines),
  };
  const hasItems = Object.values(items).some((list) => list !== undefined);
  return {
    ...scalarChanges(body),
    ...(records(body.coupon_lines) ? { coupons: [] } : {}),
    ...(hasItems
      ? { editItems: (order: StoredOrder, lines: OrderLineFactory) => applyItemEdits(order, items, lines) }
      : {}),
    ...setPaidOf(body),
  };
}

/** The sandbox has no coupon resource, so no code names a coupon (`is_coupon_valid` fails). */
function rejectCoupons(body: Posted): void {
  const lines = records(body.coupon_lines) ?? [];
  if (lines.length === 0) return;
  if (lines.some((line) => num(line.id))) {
    throw new RestError(400, 'woocommerce_rest_coupon_item_id_readonly', 'Coupon item ID is readonly.');
  }
  const code = str(lines[0].code) ?? '';
  if (code === '') throw new RestError(400, 'woocommerce_rest_invalid_coupon', 'Coupon code is required.');
  throw new RestError(400, 'woocommerce_rest_invalid_coupon', `Coupon "${code}" does not exist!`);
}

function setPaidOf(body: Posted): SetPaid {
  const p = new ParamReader({ set_paid: body.set_paid });
  const setPaid = p.bool('set_paid', false);
  p.done();
  return { setPaid, transactionId: str(body.transaction_id) };
}

function scalarChanges(body: Posted): OrderChanges {
  const meta = records(body.meta_data)?.map((entry) => ({
    id: num(entry.id),
    key: str(entry.key) ?? '',
    value: entry.value,
  }));
  const object = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Posted) : undefined;
  return {
    status: statusOf(body),
    customerNote: str(body.customer_note),
    transactionId: str(body.transaction_id),
    paymentMethod: str(body.payment_method),
    paymentMethodTitle: str(body.payment_method_title),
    billing: object(body.billing) as OrderChanges['billing'],
    shipping: object(body.shipping) as OrderChanges['shipping'],
    metaData: meta,
  };
}

function statusOf(body: Posted): string | undefined {
  if (body.status === undefined || body.status === '') return undefined;
  const p = new ParamReader({ status: body.status });
  const status = p.oneOf('status', Object.keys(ORDER_STATUSES), 'pending');
  p.done();
  return status;
}
