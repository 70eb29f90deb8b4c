import { feeLineRest, itemFormat, productLineRest, shippingLineRest, taxLineRest } from './order-item-rest';
import type { MetaEntry, RefundItemBase, StoredRefund } from './order-model';
import { formatDecimal } from './php-math';
import { wooDatePair, type StoreSettings } from './settings';

/**
 * `GET /orders/{id}/refunds/{refund_id}` (view context): a positive `amount`, items with negative quantities and
 * amounts and `_refunded_item_id` meta. The edit context (POST and DELETE responses) leaves out `refunded_payment`.
 */
export function refundToRest(
  refund: StoredRefund,
  settings: StoreSettings,
  opts: { dp?: number; context?: 'view' | 'edit' } = {},
) {
  const fmt = itemFormat(settings.decimals, opts.dp ?? settings.decimals);
  const [created, createdGmt] = wooDatePair(refund.dateCreated, settings.utcOffsetMinutes);
  const base = `${settings.url}/wp-json/wc/v3/orders/${refund.orderId}`;
  const taxes = (item: RefundItemBase) => ({ total: item.taxes, subtotal: item.taxes });
  return {
    id: refund.id,
    date_created: created,
    date_created_gmt: createdGmt,
    amount: formatDecimal(refund.amount, opts.dp ?? settings.decimals),
    reason: refund.reason,
    refunded_by: refund.refundedBy,
    ...(opts.context === 'edit' ? {} : { refunded_payment: refund.refundedPayment }),
    meta_data: refund.metaData,
    line_items: refund.lineItems.map((line) =>
      productLineRest(
        {
          ...line,
          subtotal: line.total,
          subtotalTax: line.totalTax,
          taxes: taxes(line),
          meta: [refundedItemMeta(line)],
        },
        fmt,
      ),
    ),
    shipping_lines: refund.shippingLines.map((line) =>
      shippingLineRest({ ...line, meta: [refundedItemMeta(line)] }, fmt),
    ),
    tax_lines: refund.taxLines.map((line) => taxLineRest(line.id, line, fmt)),
    fee_lines: refund.feeLines.map((line) => feeLineRest({ ...line, meta: [refundedItemMeta(line)] }, fmt)),
    _links: {
      self: [{ href: `${base}/refunds/${refund.id}` }],
      collection: [{ href: `${base}/refunds` }],
      up: [{ href: base }],
    },
  };
}

/** The REST shape of a refund. */
export type WooRefundJson = ReturnType<typeof refundToRest>;

/** `_refunded_item_id` as read back from the database: the order item id as a string, display fields alike. */
function refundedItemMeta(item: RefundItemBase): MetaEntry {
  const value = String(item.refundedItemId);
  return { id: item.metaId, key: '_refunded_item_id', value, display_key: '_refunded_item_id', display_value: value };
}
