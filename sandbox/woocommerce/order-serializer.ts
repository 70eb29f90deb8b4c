import type { StoredOrder } from './order-model';
import { formatDecimal, storedDecimal } from './php-math';
import { rateCode, rateLabel } from './tax-rates';
import type { TaxAmounts } from './tax-math';
import { currencySymbol, wooDatePair, type StoreSettings } from './settings';

/** The `GET /orders/{id}` representation (view context): money strings to `dp`, raw tax strings, `price` a number. */
export function orderToRest(order: StoredOrder, settings: StoreSettings, dp = settings.decimals) {
  const money = (value: number) => formatDecimal(value, dp);
  const raw = (value: number) => storedDecimal(value, settings.decimals);
  const offset = settings.utcOffsetMinutes;
  const [created, createdGmt] = wooDatePair(order.dateCreated, offset);
  const [modified, modifiedGmt] = wooDatePair(order.dateModified, offset);
  const [completed, completedGmt] = wooDatePair(order.dateCompleted, offset);
  const [paid, paidGmt] = wooDatePair(order.datePaid, offset);
  const { calc } = order;
  const api = `${settings.url}/wp-json/wc/v3`;
  const taxShares = (total: TaxAmounts, subtotal?: TaxAmounts) =>
    [...total].map(([id, amount]) => {
      const sub = subtotal?.get(id);
      return { id, total: raw(amount), subtotal: sub === undefined ? '' : raw(sub) };
    });

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
      return {
        id: item.id,
        name: item.name,
        product_id: item.productId,
        variation_id: item.variationId,
        quantity: item.quantity,
        tax_class: item.taxClass,
        subtotal: money(line.subtotal),
        subtotal_tax: money(line.subtotalTax),
        total: money(line.total),
        total_tax: money(line.totalTax),
        taxes: taxShares(line.taxes.total, line.taxes.subtotal),
        meta_data: item.meta,
        sku: item.sku,
        price: line.total / Math.max(1, item.quantity),
        image: { id: '', src: '' },
        parent_name: item.parentName,
      };
    }),
    tax_lines: calc.taxLines.map((taxLine) => ({
      id: order.taxLineIds.get(taxLine.rate.id) ?? 0,
      rate_code: rateCode(taxLine.rate),
      rate_id: taxLine.rate.id,
      label: rateLabel(taxLine.rate),
      compound: taxLine.rate.compound,
      tax_total: money(taxLine.taxTotal),
      shipping_tax_total: money(taxLine.shippingTaxTotal),
      rate_percent: taxLine.rate.rate,
      meta_data: [],
    })),
    shipping_lines: order.shippingLines.map((line, index) => ({
      id: line.id,
      method_title: calc.freeShipping ? 'Free shipping' : line.methodTitle,
      method_id: calc.freeShipping ? 'free_shipping' : line.methodId,
      instance_id: line.instanceId,
      total: money(calc.shippingLines[index].total),
      total_tax: money(calc.shippingLines[index].totalTax),
      taxes: taxShares(calc.shippingLines[index].taxes),
      meta_data: [],
    })),
    fee_lines: order.feeLines.map((line, index) => ({
      id: line.id,
      name: line.name,
      tax_class: line.taxClass,
      tax_status: line.taxable ? 'taxable' : 'none',
      total: money(calc.feeLines[index].total),
      total_tax: money(calc.feeLines[index].totalTax),
      taxes: taxShares(calc.feeLines[index].taxes),
      meta_data: [],
    })),
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
    needs_payment: ['pending', 'failed'].includes(order.status) && calc.total > 0,
    needs_processing: order.lineItems.length > 0,
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
