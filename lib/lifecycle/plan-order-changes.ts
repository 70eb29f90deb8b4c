import { mapRefundToCreditNote } from '../mapping/credit-note';
import { datePart } from '../mapping/dates';
import { compare, isZero, parseDecimal, sign, subtract, sum, toFixed } from '../mapping/decimal';
import type { MappingSettings } from '../mapping/settings';
import type { MappingContext } from '../mapping/types';
import type { WooOrder } from '../woocommerce/order-schema';
import type { WooRefund } from '../woocommerce/refund-schema';
import type { EffectId } from './effect-id';
import type {
  AppliedEffect,
  HeldDocument,
  OrderChange,
  OrderChangePlan,
  OrderLifeState,
  RemappedOrder,
} from './order-changes';
import {
  isOrderPaid,
  paymentAccountOf,
  paymentEffectId,
  paymentReference,
  recordedExchangeRate,
} from './order-payment';
import { currentDocumentEffects, documentChange, endEffectId, reissuesOf } from './plan-document-changes';
import { refundEffects, refundReversals } from './plan-refund-reversals';

/** Everything one look at an order needs: the order as WooCommerce has it, what Xero holds, what was applied. */
export interface OrderChangeInput {
  /** The current order; null when WooCommerce no longer has it (deleted for good). */
  order: WooOrder | null;
  refunds: readonly WooRefund[];
  settings: MappingSettings;
  ctx: MappingContext;
  held: HeldDocument;
  /** Every effect applied for the order, in the order applied (those of documents it replaced included). */
  applied: readonly AppliedEffect[];
  /** The order mapped now, when its content or its document suggests the document may need to change. */
  remapped?: RemappedOrder;
  /** The order's content digest when its document was last sent; null when not recorded yet. */
  bookedDigest: string | null;
}

/** Statuses of an order that WooCommerce no longer expects to be paid. */
const CANCELLED_STATUSES = new Set(['cancelled', 'failed']);
const DEAD_STATUSES = new Set(['VOIDED', 'DELETED']);
const EDITABLE_STATUSES = new Set(['DRAFT', 'SUBMITTED']);
const MONEY_PLACES = 2;

const money = (text: string): string => toFixed(parseDecimal(text), MONEY_PLACES);
const positive = (text: string): boolean => sign(parseDecimal(text)) > 0;
const smaller = (a: string, b: string): string => (compare(parseDecimal(a), parseDecimal(b)) <= 0 ? a : b);

/**
 * Derives what Xero should hold for the order from the order itself (events are only hints) and returns the
 * smallest set of changes that can be applied now, in order: a cancellation voids or deletes the unpaid document;
 * a payment comes before refunds are settled; each refund gets one credit note, then (next look, once the credit
 * note exists and no payment is pending) an allocation to the invoice while it is unpaid, or a cash refund out of
 * the gateway's account once it is paid. Paid documents are never voided; what cannot match is reported.
 */
export function planOrderChanges(input: OrderChangeInput): OrderChangePlan {
  const { order, held, settings } = input;
  const applied = new Map(currentDocumentEffects(input.applied).map((effect) => [effect.effectId, effect]));
  const differences: string[] = [];
  const alive = order !== null && !isCancelled(order, settings);
  const document = (): OrderChange | undefined =>
    alive
      ? documentChange(
          {
            order,
            held,
            remapped: input.remapped,
            bookedDigest: input.bookedDigest,
            approvedEdits: settings.lifecycle.approvedEdits,
            applied,
          },
          reissuesOf(input.applied),
          differences,
        )
      : undefined;
  if (held.kind === 'quote') {
    if (!alive) return { changes: [], state: 'synced', differences: quoteDifferences(order) };
    const change = document();
    return { changes: change ? [change] : [], state: 'synced', differences };
  }
  if (DEAD_STATUSES.has(held.status)) {
    const change = document();
    return { changes: change ? [change] : [], state: held.status === 'DELETED' ? 'deleted' : 'voided', differences };
  }

  if (order === null ? settings.lifecycle.onTrash === 'void' : isCancelled(order, settings)) {
    const cancel = cancellation(held, applied);
    if (cancel) return { changes: [cancel], state: 'synced', differences };
    // Nothing was paid, only credited: the credits are taken back so the invoice can be voided (nothing is owed).
    const unwinding = held.status === 'AUTHORISED' && !positive(held.amountPaid) ? refundReversals([], applied) : [];
    if (unwinding.length > 0) return { changes: unwinding, state: 'synced', differences };
    if ((positive(held.amountPaid) || positive(held.amountCredited)) && order?.status !== 'refunded') {
      differences.push(
        `The order is ${order?.status ?? 'deleted'} but invoice ${held.number} has payments or credits, so it stays; ` +
          'WooCommerce records a refund when the money goes back.',
      );
    }
  }
  if (order === null) return { changes: [], state: lifeState(held, input.refunds, null), differences };
  // The document follows an edit before money moves on it: payments and credits then see the new total.
  const edit = document();
  if (edit) return { changes: [edit], state: lifeState(held, input.refunds, order), differences };

  const changes: OrderChange[] = [];
  const payment = paymentChange(order, input, applied, differences);
  if (payment) changes.push(payment);
  changes.push(...refundChanges(order, input, applied, payment !== undefined, differences));
  changes.push(...refundReversals(input.refunds, applied));
  return { changes, state: lifeState(held, input.refunds, order), differences };
}

/**
 * Whether WooCommerce no longer expects the order to be paid: cancelled or failed, trashed (per `onTrash`), or
 * refunded in full without ever being paid (a paid order refunded in full keeps its payment, credit notes and cash
 * refunds, so the bank movements stay in the books).
 */
function isCancelled(order: WooOrder, settings: MappingSettings): boolean {
  if (order.status === 'trash') return settings.lifecycle.onTrash === 'void';
  if (order.status === 'refunded') return !order.date_paid;
  return CANCELLED_STATUSES.has(order.status);
}

/** Void the unpaid, uncredited AUTHORISED invoice, delete a DRAFT or SUBMITTED one; otherwise nothing. */
function cancellation(held: HeldDocument, applied: Map<EffectId, AppliedEffect>): OrderChange | undefined {
  const target = { documentId: held.documentId, documentKind: held.kind };
  if (EDITABLE_STATUSES.has(held.status)) {
    const effectId = endEffectId('delete', held.documentId);
    return applied.has(effectId) ? undefined : { kind: 'delete', effectId, ...target };
  }
  if (held.status !== 'AUTHORISED' || positive(held.amountPaid) || positive(held.amountCredited)) return undefined;
  const effectId = endEffectId('void', held.documentId);
  return applied.has(effectId) ? undefined : { kind: 'void', effectId, ...target };
}

function paymentChange(
  order: WooOrder,
  input: OrderChangeInput,
  applied: Map<EffectId, AppliedEffect>,
  differences: string[],
): OrderChange | undefined {
  const { held, settings } = input;
  if (!settings.payments.record || !isOrderPaid(order, settings)) return undefined;
  const effectId = paymentEffectId(order);
  if (applied.has(effectId) || !positive(held.amountDue)) return undefined;
  if (held.status !== 'AUTHORISED') {
    differences.push(
      `The order is paid, but invoice ${held.number} is ${held.status}: Xero takes payments on approved invoices only.`,
    );
    return undefined;
  }
  // What WooCommerce received, never more than Xero says is still due.
  const amount = money(smaller(order.total, held.amountDue));
  return {
    kind: 'payment',
    effectId,
    invoiceId: held.documentId,
    amount,
    settlesInvoice: amount === money(held.amountDue),
    date: datePart(order.date_paid ?? order.date_created, 'date_paid'),
    accountCode: paymentAccountOf(order, settings),
    reference: paymentReference(order),
    ...currencyRateOf(order, input),
  };
}

function refundChanges(
  order: WooOrder,
  input: OrderChangeInput,
  applied: Map<EffectId, AppliedEffect>,
  paymentPending: boolean,
  differences: string[],
): OrderChange[] {
  const { held, settings, ctx } = input;
  const refunds = [...input.refunds].sort((a, b) => a.id - b.id);
  if (refunds.length === 0) return [];
  if (EDITABLE_STATUSES.has(held.status)) {
    differences.push(`Invoice ${held.number} is ${held.status}: refunds are credited once it is approved.`);
    return [];
  }
  const changes: OrderChange[] = [];
  // Money that reached the merchant goes back in cash; otherwise the credit reduces what the invoice owes.
  const paid = positive(held.amountPaid);
  let amountDue = parseDecimal(held.amountDue);
  for (const refund of refunds) {
    const ids = refundEffects(refund.id);
    const creditNote = applied.get(ids.creditNote);
    if (!creditNote) {
      const mapped = mapRefundToCreditNote(order, refund, settings, ctx, {
        contactId: held.contactId,
        number: held.number,
      });
      changes.push({ kind: 'credit-note', effectId: ids.creditNote, refundId: refund.id, ...mapped });
      continue;
    }
    if (applied.has(ids.allocation) || applied.has(ids.cashRefund) || paymentPending) continue;
    const amount = creditNote.amount ?? refund.amount;
    const date = datePart(refund.date_created, 'date_created');
    const creditNoteId = creditNote.xeroId ?? '';
    if (paid) {
      const accountCode = paymentAccountOf(order, settings);
      const reference = `Refund #${refund.id} of WooCommerce order #${order.number}`;
      changes.push({
        kind: 'cash-refund',
        effectId: ids.cashRefund,
        creditNoteId,
        amount,
        date,
        accountCode,
        reference,
        ...currencyRateOf(order, input),
      });
    } else if (compare(amountDue, parseDecimal(amount)) >= 0) {
      changes.push({
        kind: 'allocation',
        effectId: ids.allocation,
        creditNoteId,
        invoiceId: held.documentId,
        amount,
        date,
      });
      amountDue = subtract(amountDue, parseDecimal(amount));
    } else {
      differences.push(
        `Credit note ${creditNote.xeroNumber ?? ''} (${amount}) exceeds what invoice ${held.number} still owes.`,
      );
    }
  }
  return changes;
}

/** The CurrencyRate field of a payment or cash refund, when WooCommerce recorded the order's exchange rate. */
function currencyRateOf(order: WooOrder, input: OrderChangeInput): { currencyRate?: string } {
  const rate = recordedExchangeRate(order, input.settings, input.ctx.org.baseCurrency);
  return rate === undefined ? {} : { currencyRate: rate };
}

/** The order's state in its life, from what Xero holds and WooCommerce's refunds. */
function lifeState(held: HeldDocument, refunds: readonly WooRefund[], order: WooOrder | null): OrderLifeState {
  const refunded = sum(refunds.map((refund) => parseDecimal(refund.amount)));
  if (!isZero(refunded)) {
    return order && compare(refunded, parseDecimal(order.total)) >= 0 ? 'refunded' : 'part-refunded';
  }
  return positive(held.amountPaid) && !positive(held.amountDue) ? 'paid' : 'synced';
}

function quoteDifferences(order: WooOrder | null): string[] {
  if (order === null || CANCELLED_STATUSES.has(order.status) || order.status === 'trash') {
    return ['The order is cancelled or deleted; its Xero quote is left as it is.'];
  }
  return [];
}
