import { ORDER_STATUSES, type StoredOrder } from './order-model';

/** The statuses `payment_complete()` acts on (`woocommerce_valid_order_statuses_for_payment_complete`). */
export const PAYMENT_COMPLETE_FROM = ['on-hold', 'pending', 'failed', 'cancelled'];

/**
 * `needs_processing()`: true when a line's product is not both virtual and downloadable. The sandbox has no virtual
 * or downloadable products and treats custom lines as physical goods, so any order with a line needs processing.
 */
export function needsProcessing(order: Pick<StoredOrder, 'lineItems'>): boolean {
  return order.lineItems.length > 0;
}

/** `needs_payment()`: pending or failed, with something to pay. */
export function needsPayment(order: Pick<StoredOrder, 'status' | 'calc'>): boolean {
  return ['pending', 'failed'].includes(order.status) && order.calc.total > 0;
}

/**
 * The status payment completes to (`woocommerce_payment_complete_order_status`): processing, or completed when nothing
 * needs processing; cash on delivery filters it to completed (`WC_Gateway_COD::change_payment_complete_order_status`).
 */
export function paymentCompleteStatus(order: Pick<StoredOrder, 'lineItems' | 'paymentMethod'>): string {
  if (order.paymentMethod === 'cod') return 'completed';
  return needsProcessing(order) ? 'processing' : 'completed';
}

/** Throws for a status WooCommerce has not registered. */
export function assertStatus(status: string): void {
  if (!(status in ORDER_STATUSES)) throw new Error(`unknown order status ${status}`);
}

/**
 * `WC_Order::set_status` with `maybe_set_date_paid()` and `maybe_set_date_completed()`: returns the previous status,
 * or undefined when the status did not change.
 */
export function setStatus(order: StoredOrder, to: string, now: Date): string | undefined {
  assertStatus(to);
  const from = order.status;
  if (from === to) return undefined;
  order.status = to;
  if (order.datePaid === null) {
    const paidStatus = paymentCompleteStatus(order);
    if (to === paidStatus || (paidStatus === 'processing' && to === 'completed')) order.datePaid = now;
  }
  if (to === 'completed') order.dateCompleted = now;
  return from;
}

/** The note `status_transition()` adds: the caller's note, then "Order status changed from A to B." */
export function transitionNote(from: string, to: string, note = ''): string {
  const label = (status: string) => ORDER_STATUSES[status] ?? status;
  return `${note} Order status changed from ${label(from)} to ${label(to)}.`.trim();
}
