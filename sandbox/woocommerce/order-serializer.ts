import { feeLineRest, itemFormat, productLineRest, shippingLineRest, taxLineRest } from './order-item-rest';
import type { StoredOrder } from './order-model';
import { needsPayment, needsProcessing } from './order-status';
import { formatDecimal } from './php-math';
import { currencySymbol, wooDatePair, type StoreSettings } from './settings';

/** The `GET /orders/{id}` representation (view context): money strings to `dp`, raw tax strings, `price` a number. */
export function orderToRest(order: StoredOrder, settings: StoreSettings, dp = settings.decimals) {
  const fmt = itemFormat(settings.decimals, dp);
  const { money } = fmt;
  const offset = settings.utcOffsetMinutes;
  const [created, createdGmt] = wooDatePair(order.dateCreated, offset);
  const [modified, modifiedGmt] = wooDatePair(order.dateModified, offset);
  const [completed, completedGmt] = wooDatePair(order.dateCompleted, offset);
  const [paid, paidGmt] = wooDatePair(order.datePaid, offset);
  const { calc } = order;
  const api = `${settings.url}/wp-json/wc/v3`;

  return {
    id: order.id,
    parent_id: order.parentId,
    status: order.status,
    currency: order.currency,
    version: order.version,
    prices_include_tax: order.pricesIncludeTax,
    date_created: created,
    date_modified: modified,
    discount_total: money(calc.discountTotal),
    discount_tax: money(calc.discountTax),
    shipping_total: money(calc.shippingTotal),
    shipping_tax: money(calc.shippingTax),
    cart_tax: money(calc.cartTax),
    total: money(calc.total),
    total_tax: money(calc.totalTax),
    customer_id: order.customerId,
    order_key: order.orderKey,
    billing: order.billing,
    shipping: order.shipping,
    payment_method: order.paymentMethod,
    payment_method_title: order.paymentMethodTitle,
    transaction_id: order.transactionId,
    customer_ip_address: order.customerIpAddress,
    customer_user_agent: order.customerUserAgent,
    created_via: order.createdVia,
    customer_note: order.customerNote,
    date_completed: completed,
    date_paid: paid,
    cart_hash: '',
    number: order.number,
    meta_data: order.metaData.filter((entry) => !entry.key.startsWith('_')),
    line_items: order.lineItems.map((item, index) => {
      const line = calc.lineItems[index];
      return productLineRest({ ...item, ...line, meta: item.meta }, fmt);
    }),
    tax_lines: calc.taxLines.map((taxLine) => taxLineRest(order.taxLineIds.get(taxLine.rate.id) ?? 0, taxLine, fmt)),
    shipping_lines: order.shippingLines.map((line, index) =>
      shippingLineRest(
        {
          ...line,
          ...calc.shippingLines[index],
          methodTitle: calc.freeShipping ? 'Free shipping' : line.methodTitle,
          methodId: calc.freeShipping ? 'free_shipping' : line.methodId,
          meta: [],
        },
        fmt,
      ),
    ),
    fee_lines: order.feeLines.map((line, index) => feeLineRest({ ...line, ...calc.feeLines[index], meta: [] }, fmt)),
    coupon_lines: order.couponLines.map(({ id, coupon }, index) => ({
      id,
      code: coupon.code,
      discount: money(calc.couponLines[index].discount),
      discount_tax: money(calc.couponLines[index].discountTax),
      discount_type: coupon.discountType,
      nominal_amount: coupon.amount,
      free_shipping: coupon.freeShipping === true,
      meta_data: [],
    })),
    refunds: order.refunds.map((refund) => ({
      id: refund.id,
      reason: refund.reason,
      total: `-${formatDecimal(refund.amount, dp)}`,
    })),
    payment_url: `${settings.url}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.orderKey}`,
    is_editable: ['pending', 'on-hold', 'auto-draft'].includes(order.status),
    needs_payment: needsPayment(order),
    needs_processing: needsProcessing(order),
    date_created_gmt: createdGmt,
    date_modified_gmt: modifiedGmt,
    date_completed_gmt: completedGmt,
    date_paid_gmt: paidGmt,
    currency_symbol: currencySymbol(order.currency),
    _links: {
      self: [{ href: `${api}/orders/${order.id}` }],
      collection: [{ href: `${api}/orders` }],
      ...(order.customerId !== 0 ? { customer: [{ href: `${api}/customers/${order.customerId}` }] } : {}),
      ...(order.parentId !== 0 ? { up: [{ href: `${api}/orders/${order.parentId}` }] } : {}),
    },
  };
}

/** The REST shape of an order. */
export type WooOrderJson = ReturnType<typeof orderToRest>;
