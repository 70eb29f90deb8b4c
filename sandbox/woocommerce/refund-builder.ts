import type { IdSequences } from './ids';
import type {
  MetaEntry,
  RefundItemBase,
  StoredFeeLine,
  StoredLineItem,
  StoredOrder,
  StoredRefund,
  StoredRefundFee,
  StoredRefundLine,
  StoredRefundShipping,
  StoredShippingLine,
} from './order-model';
import { phpRound, stored, sum } from './php-math';
import type { TaxAmounts } from './tax-math';
import type { TaxRate } from './tax-rates';
import { itemTaxTotal, sumTaxesByRate, type TaxRounding } from './tax-totals';

/** One order item to refund, as `wc_create_refund` reads `line_items[item_id]`: quantity, ex-tax amount, tax per rate. */
export interface RefundItemRequest {
  qty: number;
  /** Positive; 0 when the request gave none. */
  refundTotal: number;
  /** Positive tax per rate id. */
  refundTax: TaxAmounts;
}

/** A refund as `wc_create_refund()` receives it (for REST: after `adjust_create_refund_request_parameters`). */
export interface RefundRequest {
  /** Positive; WooCommerce records 0 when neither given nor computable from the lines. */
  amount: number;
  reason?: string;
  /** By order item id: product, fee or shipping items; ids of other orders' items are ignored. */
  items: Map<number, RefundItemRequest>;
  refundPayment: boolean;
  restockItems: boolean;
  metaData?: Array<{ key: string; value: unknown }>;
}

/** What building a refund needs from the store. */
export interface RefundContext {
  ids: IdSequences;
  rounding: TaxRounding;
  taxRates: readonly TaxRate[];
  now: Date;
  /** The user recording it (`get_current_user_id()`, else 1). */
  refundedBy: number;
}

/** `get_remaining_refund_amount()`: the total less every refund, to the store's decimals. */
export function remainingRefundAmount(order: StoredOrder, dp: number): number {
  return phpRound(order.calc.total - sum(order.refunds.map((refund) => refund.amount)), dp);
}

/** How many of an order line's units earlier refunds took back. */
export function refundedQuantity(order: StoredOrder, itemId: number): number {
  const lines = order.refunds.flatMap((refund) => refund.lineItems);
  return -sum(lines.filter((line) => line.refundedItemId === itemId).map((line) => line.quantity));
}

/**
 * The refund `wc_create_refund()` saves: a negative copy of each requested item (product lines, then fees, then
 * shipping, in the order's item order) with `_refunded_item_id`, its tax lines from `update_taxes()`, and the amount.
 */
export function buildRefund(order: StoredOrder, request: RefundRequest, ctx: RefundContext): StoredRefund {
  const { decimals } = ctx.rounding;
  const id = ctx.ids.take('post');
  const wanted = (itemId: number) => {
    const item = request.items.get(itemId);
    return item !== undefined && (item.qty !== 0 || item.refundTotal !== 0 || item.refundTax.size > 0)
      ? item
      : undefined;
  };
  const copy = (itemId: number, item: RefundItemRequest): RefundItemBase => {
    const taxes: TaxAmounts = new Map([...item.refundTax].map(([rate, tax]) => [rate, stored(-tax, decimals)]));
    return {
      id: 0,
      refundedItemId: itemId,
      metaId: 0,
      total: stored(-item.refundTotal, decimals),
      taxes,
      totalTax: itemTaxTotal(taxes, ctx.rounding),
    };
  };
  /** The negative copies of the requested items among `items`, each completed by `fields`. */
  const refunded = <T extends { id: number }, R extends RefundItemBase>(
    items: T[],
    fields: (item: T, request: RefundItemRequest) => Omit<R, keyof RefundItemBase>,
  ): R[] =>
    items.flatMap((item) => {
      const request = wanted(item.id);
      return request === undefined ? [] : [{ ...copy(item.id, request), ...fields(item, request) } as R];
    });
  const lineItems = refunded<StoredLineItem, StoredRefundLine>(order.lineItems, (line, item) => ({
    name: line.name,
    productId: line.productId,
    variationId: line.variationId,
    parentName: line.parentName,
    sku: line.sku,
    taxClass: line.taxClass,
    quantity: item.qty === 0 ? 0 : -item.qty,
  }));
  const feeLines = refunded<StoredFeeLine, StoredRefundFee>(order.feeLines, (fee) => ({
    name: fee.name,
    taxClass: fee.taxClass,
    taxable: fee.taxable,
  }));
  const shippingLines = refunded<StoredShippingLine, StoredRefundShipping>(order.shippingLines, (line) => ({
    methodId: order.calc.freeShipping ? 'free_shipping' : line.methodId,
    methodTitle: order.calc.freeShipping ? 'Free shipping' : line.methodTitle,
    instanceId: line.instanceId,
  }));
  for (const item of [...lineItems, ...feeLines, ...shippingLines]) {
    item.id = ctx.ids.take('orderItem');
    item.metaId = ctx.ids.take('meta');
  }
  const { lines: byRate } = sumTaxesByRate(
    [...lineItems, ...feeLines].map((item) => item.taxes),
    shippingLines.map((item) => item.taxes),
    ctx.rounding,
  );
  const taxLines = byRate.map((line) => ({
    id: ctx.ids.take('orderItem'),
    rate: ctx.taxRates.find((rate) => rate.id === line.rateId) ?? unknownRate(line.rateId),
    taxTotal: line.taxTotal,
    shippingTaxTotal: line.shippingTaxTotal,
  }));
  const metaData: MetaEntry[] = (request.metaData ?? []).map((entry) => ({
    id: ctx.ids.take('meta'),
    key: entry.key,
    value: entry.value,
  }));
  return {
    id,
    orderId: order.id,
    amount: stored(request.amount, decimals),
    reason: request.reason ?? '',
    refundedBy: ctx.refundedBy,
    refundedPayment: false,
    dateCreated: ctx.now,
    lineItems,
    shippingLines,
    feeLines,
    taxLines,
    metaData,
  };
}

/** `refund_tax` may name a rate the store does not have; WooCommerce then labels the tax line "Tax". */
function unknownRate(id: number): TaxRate {
  return {
    id,
    rate: 0,
    name: '',
    country: '',
    state: '',
    priority: 1,
    compound: false,
    shipping: false,
    taxClass: '',
    order: 0,
  };
}
