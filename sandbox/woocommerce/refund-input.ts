import type { StoredOrder } from './order-model';
import { phpRound, roundingPrecision, sum } from './php-math';
import { refundedQuantity, type RefundItemRequest, type RefundRequest } from './refund-builder';
import type { TaxAmounts } from './tax-math';
import type { TaxRounding } from './tax-totals';

/** Tax to refund on an item: one amount (for an item taxed at a single rate) or an amount per tax rate id. */
export type RefundTaxInput = number | Record<number, number>;

/** Test-facing refund of a product line: units taken back, and optionally the ex-tax amount and tax to return. */
export interface RefundLineInput {
  lineId: number;
  quantity: number;
  /** Defaults to the line's total per unit × quantity, as wp-admin fills it in. */
  total?: number;
  /** Defaults to the line's tax per unit × quantity, per rate. */
  tax?: RefundTaxInput;
}

/** Test-facing refund of a shipping or fee line; without amounts the whole charge and its (rounded) tax are refunded. */
export interface RefundChargeInput {
  lineId: number;
  total?: number;
  tax?: RefundTaxInput;
}

/** Test-facing description of a refund, as a merchant enters it on the order screen in wp-admin. */
export interface RefundInput {
  lines?: RefundLineInput[];
  shipping?: RefundChargeInput[];
  fees?: RefundChargeInput[];
  /** Defaults to the sum of the refunded amounts and taxes, rounded to the store's decimals. */
  amount?: number;
  reason?: string;
  /** "Refund via gateway" (true) or "Refund manually" (false, the default): whether the gateway returns the money. */
  apiRefund?: boolean;
  /** "Restock refunded items"; default true. The sandbox manages no stock, so it changes nothing. */
  restock?: boolean;
}

/**
 * Turns a wp-admin style refund into what `wc_create_refund` receives, computing omitted amounts as the order screen
 * does (`meta-boxes-order.js`): unit total × quantity to the internal precision, unit tax × quantity to the store's
 * decimals (the internal precision when tax is rounded at subtotal). Throws where the screen would not let you.
 */
export function adminRefundRequest(order: StoredOrder, input: RefundInput, rounding: TaxRounding): RefundRequest {
  const precision = roundingPrecision(rounding.decimals);
  const taxPrecision = rounding.roundAtSubtotal ? precision : rounding.decimals;
  const items = new Map<number, RefundItemRequest>();
  for (const line of input.lines ?? []) {
    const index = order.lineItems.findIndex((item) => item.id === line.lineId);
    if (index < 0) throw new Error(`order ${order.id} has no product line ${line.lineId}`);
    const { quantity } = order.lineItems[index];
    const left = quantity - refundedQuantity(order, line.lineId);
    if (!Number.isInteger(line.quantity) || line.quantity < 0 || line.quantity > left) {
      throw new Error(`line ${line.lineId}: can refund 0 to ${left} units, not ${line.quantity}`);
    }
    const calc = order.calc.lineItems[index];
    const perUnit = (amount: number) => amount / quantity;
    const refundTax: TaxAmounts = new Map(
      [...calc.taxes.total].map(([rate, tax]) => [
        rate,
        perUnit(tax) > 0 ? phpRound(perUnit(tax) * line.quantity, taxPrecision) : 0,
      ]),
    );
    items.set(line.lineId, {
      qty: line.quantity,
      refundTotal: line.total ?? phpRound(perUnit(calc.total) * line.quantity, precision),
      refundTax: line.tax === undefined ? refundTax : taxInput(line.tax, calc.taxes.total, line.lineId),
    });
  }
  const charges = (
    inputs: RefundChargeInput[] | undefined,
    lines: Array<{ id: number }>,
    calc: typeof order.calc.feeLines,
  ) => {
    for (const charge of inputs ?? []) {
      const index = lines.findIndex((line) => line.id === charge.lineId);
      if (index < 0) throw new Error(`order ${order.id} has no such charge line ${charge.lineId}`);
      const { total, taxes } = calc[index];
      items.set(charge.lineId, {
        qty: 0,
        refundTotal: charge.total ?? total,
        refundTax:
          charge.tax === undefined
            ? new Map([...taxes].map(([rate, tax]) => [rate, phpRound(tax, taxPrecision)]))
            : taxInput(charge.tax, taxes, charge.lineId),
      });
    }
  };
  charges(input.shipping, order.shippingLines, order.calc.shippingLines);
  charges(input.fees, order.feeLines, order.calc.feeLines);
  const entered = sum([...items.values()].map((item) => item.refundTotal + sum(item.refundTax.values())));
  return {
    amount: input.amount ?? phpRound(entered, rounding.decimals),
    reason: input.reason,
    items,
    refundPayment: input.apiRefund ?? false,
    restockItems: input.restock ?? true,
  };
}

function taxInput(tax: RefundTaxInput, lineTaxes: TaxAmounts, lineId: number): TaxAmounts {
  if (typeof tax !== 'number') return new Map(Object.entries(tax).map(([rate, amount]) => [Number(rate), amount]));
  const rates = [...lineTaxes.keys()];
  if (rates.length !== 1) throw new Error(`line ${lineId} has ${rates.length} tax rates: give its tax per rate id`);
  return new Map([[rates[0], tax]]);
}
