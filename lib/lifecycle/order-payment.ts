import type { MappingSettings } from '../mapping/settings';
import type { WooOrder } from '../woocommerce/order-schema';
import { effectIdOf, type EffectId } from './effect-id';

/** Statuses of an order whose money WooCommerce holds (completed, or refunded after payment). */
const SETTLED_STATUSES = new Set(['completed', 'refunded']);

/**
 * Whether WooCommerce says the customer paid: it recorded a payment date, and for gateways paid only on completion
 * (cash on delivery, whose orders are "processing" before the cash arrives) the order is completed too.
 */
export function isOrderPaid(
  order: Pick<WooOrder, 'date_paid' | 'status' | 'payment_method'>,
  settings: MappingSettings,
): boolean {
  if (!order.date_paid) return false;
  if (!settings.payments.paidOnCompletion.includes(order.payment_method)) return true;
  return SETTLED_STATUSES.has(order.status);
}

/** The account a payment through the order's gateway goes to (and a cash refund comes from). */
export function paymentAccountOf(order: Pick<WooOrder, 'payment_method'>, settings: MappingSettings): string {
  return settings.payments.byGateway[order.payment_method] ?? settings.payments.defaultAccount;
}

/** The payment's identity: one per order, gateway and transaction (`order` when the gateway gave no transaction id). */
export function paymentEffectId(order: Pick<WooOrder, 'payment_method' | 'transaction_id'>): EffectId {
  return effectIdOf('payment', order.payment_method || 'none', order.transaction_id || 'order');
}

/** The Reference of the payment in Xero (shown in bank reconciliation): the order and the gateway's transaction. */
export function paymentReference(
  order: Pick<WooOrder, 'number' | 'payment_method_title' | 'payment_method' | 'transaction_id'>,
): string {
  const gateway = order.payment_method_title || order.payment_method || 'WooCommerce';
  const transaction = order.transaction_id ? ` ${order.transaction_id}` : '';
  return `WooCommerce order #${order.number} · ${gateway}${transaction}`.slice(0, 255);
}

const RATE = /^\d{1,10}(\.\d{1,10})?$/;

/**
 * The exchange rate WooCommerce recorded for an order in another currency than the organisation's base (the meta
 * key `payments.exchangeRateMetaKey`, when set), as Xero's CurrencyRate; undefined for a base-currency order or when none
 * was recorded (Xero then applies its own rate).
 */
export function recordedExchangeRate(
  order: Pick<WooOrder, 'currency' | 'meta_data'>,
  settings: MappingSettings,
  baseCurrency: string,
): string | undefined {
  const key = settings.payments.exchangeRateMetaKey;
  if (key === undefined || baseCurrency === '' || order.currency.toUpperCase() === baseCurrency.toUpperCase()) {
    return undefined;
  }
  const entry = order.meta_data.find((meta) => meta.key === key);
  const value = typeof entry?.value === 'number' ? String(entry.value) : entry?.value;
  return typeof value === 'string' && RATE.test(value.trim()) && Number(value) > 0 ? value.trim() : undefined;
}

/** Whether the order carries a recorded exchange rate at all (so its payment needs the organisation's currency). */
export function hasRecordedExchangeRate(order: Pick<WooOrder, 'meta_data'>, settings: MappingSettings): boolean {
  return order.meta_data.some((meta) => meta.key === settings.payments.exchangeRateMetaKey);
}
