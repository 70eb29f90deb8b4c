import type { CalcTaxLine, OrderCalcResult } from './calculator-types';
import type { CouponInput } from './discounts';
import type { TaxAmounts } from './tax-math';

/** A postal address of an order; billing also has `email`. */
export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phone: string;
}

/** Billing address with email (null when none). */
export type WooBillingAddress = WooAddress & { email: string | null };

/** A meta entry; line-item meta also carries display key and value. */
export interface MetaEntry {
  id: number;
  key: string;
  value: unknown;
  display_key?: string;
  display_value?: unknown;
}

/** A product line as stored: what was bought, at which catalogue price. */
export interface StoredLineItem {
  id: number;
  productId: number;
  variationId: number;
  name: string;
  parentName: string | null;
  sku: string | null;
  quantity: number;
  unitPrice: number;
  taxStatus: 'taxable' | 'shipping' | 'none';
  taxClass: string;
  meta: MetaEntry[];
  /** Ex-tax subtotal as stored once set through REST (or kept when REST changed only the quantity). */
  subtotal?: number;
  /** Ex-tax total as stored once set through REST; coupons still apply on top of it. */
  total?: number;
}

/** A shipping line as stored. */
export interface StoredShippingLine {
  id: number;
  methodId: string;
  methodTitle: string;
  instanceId: string;
  total: number;
  taxable: boolean;
}

/** A fee line as stored. */
export interface StoredFeeLine {
  id: number;
  name: string;
  total: number;
  taxable: boolean;
  taxClass: string;
}

/** What every refund item has: a negative copy of an order item that names it in `_refunded_item_id`. */
export interface RefundItemBase {
  id: number;
  /** The order item it refunds. */
  refundedItemId: number;
  /** Meta id of its `_refunded_item_id` entry. */
  metaId: number;
  /** Negative ex-tax amount. */
  total: number;
  /** Negative tax per rate id. */
  taxes: TaxAmounts;
  totalTax: number;
}

/** A refunded product line: negative quantity, subtotal = total, tax subtotals = tax totals. */
export interface StoredRefundLine extends RefundItemBase {
  name: string;
  productId: number;
  variationId: number;
  parentName: string | null;
  sku: string | null;
  taxClass: string;
  quantity: number;
}

/** A refunded shipping line. */
export interface StoredRefundShipping extends RefundItemBase {
  methodId: string;
  methodTitle: string;
  instanceId: string;
}

/** A refunded fee line. */
export interface StoredRefundFee extends RefundItemBase {
  name: string;
  taxClass: string;
  taxable: boolean;
}

/** A refund (`shop_order_refund`) of an order, as `wc_create_refund` saves it. */
export interface StoredRefund {
  id: number;
  orderId: number;
  /** Positive, at the store's internal precision. */
  amount: number;
  reason: string;
  refundedBy: number;
  /** Whether the gateway returned the money (`api_refund`). */
  refundedPayment: boolean;
  dateCreated: Date;
  lineItems: StoredRefundLine[];
  shippingLines: StoredRefundShipping[];
  feeLines: StoredRefundFee[];
  /** The refund's own tax lines (negative), each with its order item id. */
  taxLines: Array<CalcTaxLine & { id: number }>;
  metaData: MetaEntry[];
}

/** Everything the fake store keeps about an order; amounts come from `calc`. */
export interface StoredOrder {
  id: number;
  parentId: number;
  number: string;
  orderKey: string;
  createdVia: string;
  version: string;
  status: string;
  currency: string;
  pricesIncludeTax: boolean;
  dateCreated: Date;
  dateModified: Date;
  datePaid: Date | null;
  dateCompleted: Date | null;
  customerId: number;
  customerIpAddress: string;
  customerUserAgent: string;
  customerNote: string;
  billing: WooBillingAddress;
  shipping: WooAddress;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  metaData: MetaEntry[];
  lineItems: StoredLineItem[];
  shippingLines: StoredShippingLine[];
  feeLines: StoredFeeLine[];
  couponLines: Array<{ id: number; coupon: CouponInput }>;
  /** Order item id of the tax line of each rate id, kept stable across recalculations. */
  taxLineIds: Map<number, number>;
  /** Newest first, as `get_refunds()` lists them. */
  refunds: StoredRefund[];
  calc: OrderCalcResult;
  /** Status before the order was trashed (`_wp_trash_meta_status`). */
  trashedFrom?: string;
}

/** Core order statuses and their labels, in WooCommerce's order. */
export const ORDER_STATUSES: Record<string, string> = {
  pending: 'Pending payment',
  processing: 'Processing',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  failed: 'Failed',
  'checkout-draft': 'Draft',
};
