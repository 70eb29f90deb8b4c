import type { IdSequences } from './ids';
import type { StoredOrder, StoredRefund } from './order-model';
import { RefundFailure, type PaymentGateways } from './payment-gateways';
import { sum } from './php-math';
import { buildRefund, remainingRefundAmount, type RefundRequest } from './refund-builder';
import { wholeSeconds, type StoreSettings } from './settings';

/** What refunds need from the order store. */
export interface RefundHost {
  all(): StoredOrder[];
  /** `update_status('refunded')` (notes, status hooks). */
  markRefunded(order: StoredOrder, now: Date): void;
  /** `set_date_modified(time())` and `save()`: fires `order.updated`. */
  saved(order: StoredOrder, now: Date): void;
  /** `woocommerce_delete_order_refund` with the parent order id: `order.updated` from WooCommerce 11.2. */
  refundDeleted(orderId: number): void;
}

/** `wc_create_refund()`, `wc_order_fully_refunded()` and refund deletion, over the store's orders. */
export class OrderRefunds {
  constructor(
    private readonly host: RefundHost,
    private readonly settings: StoreSettings,
    private readonly ids: IdSequences,
    private readonly gateways: PaymentGateways,
  ) {}

  /**
   * `wc_create_refund()`: checks the amount against what is left, saves the refund, returns the money through the
   * gateway when asked (deleting the refund again if that fails), moves a fully refunded order to `refunded`, and saves
   * the order. Throws RefundFailure with WooCommerce's message.
   */
  create(order: StoredOrder, request: RefundRequest, refundedBy = 1): StoredRefund {
    const dp = this.settings.decimals;
    const remaining = remainingRefundAmount(order, dp);
    if (!(request.amount >= 0) || request.amount > remaining) throw new RefundFailure('Invalid refund amount.');
    const remainingItems = itemCount(order) - refundedItemCount(order);
    const now = wholeSeconds(this.settings.now());
    const refund = buildRefund(order, request, {
      ids: this.ids,
      rounding: { decimals: dp, roundAtSubtotal: this.settings.roundTaxAtSubtotal },
      taxRates: this.settings.taxRates,
      now,
      refundedBy,
    });
    order.refunds.unshift(refund);
    if (request.refundPayment) {
      try {
        this.gateways.refund(order, refund.amount, refund.reason);
      } catch (error) {
        this.remove(order, refund.id);
        throw error;
      }
      refund.refundedPayment = true;
    }
    const refundItemCount = sum(
      [...refund.lineItems, ...refund.feeLines, ...refund.shippingLines].map(
        (item) => request.items.get(item.refundedItemId)?.qty ?? 0,
      ),
    );
    const hasFreeItem = order.calc.lineItems.some((line) => line.total === 0);
    const partial =
      remaining - request.amount > 0 || (request.items.size > 0 && hasFreeItem && remainingItems - refundItemCount > 0);
    if (!partial) this.host.markRefunded(order, now);
    this.host.saved(order, now);
    return refund;
  }

  /**
   * `wc_order_fully_refunded()`, run when an order is set to refunded: records a refund of what is left ("Order fully
   * refunded.", no gateway) and notes that the money must be returned through the gateway.
   */
  refundRemaining(order: StoredOrder): string | undefined {
    const remaining = remainingRefundAmount(order, this.settings.decimals);
    if (!(remaining > 0)) return undefined;
    this.create(order, {
      amount: remaining,
      reason: 'Order fully refunded.',
      items: new Map(),
      refundPayment: false,
      restockItems: false,
    });
    return 'Order status set to refunded. To return funds to the customer you will need to issue a refund through your payment gateway.';
  }

  /** A refund by id, with its order. */
  find(refundId: number): { order: StoredOrder; refund: StoredRefund } | undefined {
    for (const order of this.host.all()) {
      const refund = order.refunds.find((candidate) => candidate.id === refundId);
      if (refund) return { order, refund };
    }
    return undefined;
  }

  /** Deletes a refund for good (refunds cannot be trashed); the order keeps its status and `date_modified`. */
  delete(refundId: number): StoredRefund | undefined {
    const found = this.find(refundId);
    if (found === undefined) return undefined;
    this.remove(found.order, refundId);
    return found.refund;
  }

  private remove(order: StoredOrder, refundId: number): void {
    order.refunds = order.refunds.filter((refund) => refund.id !== refundId);
    this.host.refundDeleted(order.id);
  }
}

/** `get_item_count()`: units over the product lines. */
function itemCount(order: StoredOrder): number {
  return sum(order.lineItems.map((line) => line.quantity));
}

/** `get_item_count_refunded()`: units the refunds took back. */
function refundedItemCount(order: StoredOrder): number {
  return sum(order.refunds.flatMap((refund) => refund.lineItems.map((line) => Math.abs(line.quantity))));
}
