import { ParamReader } from '../params';
import { RefundFailure } from '../payment-gateways';
import type { RefundItemRequest, RefundRequest } from '../refund-builder';
import { RestError } from '../rest-errors';
import { num, records, type Posted } from './posted';

/** The controller's own refusal of a negative amount, before `wc_create_refund` runs. */
function negativeAmount(): RestError {
  return new RestError(400, 'woocommerce_rest_invalid_order_refund', 'Refund amount must be greater than zero.');
}

/**
 * `POST /orders/{id}/refunds` body as `wc_create_refund` receives it (`adjust_create_refund_request_parameters`):
 * `line_items[{id, quantity, refund_total, refund_tax:[{id, refund_total}]}]` keyed by item id, `amount` (a string,
 * taking precedence) else the sum of every line's `refund_total` and `refund_tax` when all are numeric, else 0;
 * `api_refund` and `api_restock` default true. Throws the 400s WooCommerce answers before creating anything, and
 * RefundFailure for an amount PHP compares as a non-number (which `wc_create_refund` refuses).
 */
export function restRefundRequest(body: Posted): RefundRequest {
  const p = new ParamReader(body);
  const amountText = p.string('amount');
  const reason = p.string('reason');
  const refundPayment = p.bool('api_refund', true);
  const restockItems = p.bool('api_restock', true);
  p.done();
  const posted = (records(body.line_items) ?? []).filter((line) => num(line.id) !== undefined);
  const items = new Map<number, RefundItemRequest>();
  for (const line of posted) {
    const taxes = records(line.refund_tax) ?? [];
    const refundTax = new Map<number, number>();
    for (const tax of taxes) {
      const rate = num(tax.id);
      const amount = num(tax.refund_total);
      if (rate !== undefined && amount !== undefined) refundTax.set(rate, amount);
    }
    items.set(num(line.id) ?? 0, {
      qty: Math.trunc(num(line.quantity ?? line.qty) ?? 0),
      refundTotal: num(line.refund_total) ?? 0,
      refundTax,
    });
  }
  let amount: number;
  if (amountText !== undefined) {
    // PHP 8 compares 0 with "" as strings ("0" > ""), so an empty amount counts as negative.
    if (amountText.trim() === '') throw negativeAmount();
    const parsed = num(amountText);
    if (parsed === undefined) throw new RefundFailure('Invalid refund amount.');
    amount = parsed;
  } else {
    amount = amountFromLines(posted) ?? 0;
  }
  if (amount < 0) throw negativeAmount();
  const meta = (records(body.meta_data) ?? []).filter((entry) => typeof entry.key === 'string');
  return {
    amount,
    reason: reason === '' ? undefined : reason,
    items,
    refundPayment,
    restockItems,
    metaData: meta.map((entry) => ({ key: String(entry.key), value: entry.value })),
  };
}

/** `calculate_refund_amount_from_line_items`: only when every line has a numeric `refund_total` and numeric taxes. */
function amountFromLines(lines: Posted[]): number | undefined {
  if (lines.length === 0) return undefined;
  let amount = 0;
  for (const line of lines) {
    const total = num(line.refund_total);
    if (total === undefined) return undefined;
    amount += total;
    for (const tax of records(line.refund_tax) ?? []) {
      const value = num(tax.refund_total);
      if (value === undefined) return undefined;
      amount += value;
    }
  }
  // `strval()` of a PHP float keeps 14 significant digits.
  return Number(amount.toPrecision(14));
}
