import { createHash } from 'node:crypto';
import type { WooOrder } from '../woocommerce/order-schema';

/**
 * A digest of what the order bills: its currency, total, and each line, shipping line, fee and coupon with its
 * amounts and taxes. It changes when the merchant edits what was sold, never with status, payment, refunds (kept
 * apart by WooCommerce) or the customer's details, so comparing it with the booked digest tells an edit apart.
 */
export function orderContentDigest(order: WooOrder): string {
  const content = {
    currency: order.currency,
    total: order.total,
    totalTax: order.total_tax,
    lines: order.line_items.map((line) => [
      line.id,
      line.product_id,
      line.variation_id,
      line.quantity,
      line.subtotal,
      line.subtotal_tax,
      line.total,
      line.total_tax,
      line.taxes,
    ]),
    shipping: order.shipping_lines.map((line) => [line.id, line.method_id, line.total, line.total_tax, line.taxes]),
    fees: order.fee_lines.map((line) => [line.id, line.name, line.total, line.total_tax, line.taxes]),
    coupons: order.coupon_lines.map((line) => [line.code, line.discount, line.discount_tax]),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}
