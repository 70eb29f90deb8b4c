import type { WooRefund } from '../woocommerce/refund-schema';
import { effectIdOf, type EffectId } from './effect-id';
import type { AppliedEffect, OrderChange } from './order-changes';

/**
 * The effects of one WooCommerce refund: its credit note, the allocation or cash refund that settles it, and,
 * should the refund be deleted, the steps that take them back.
 */
export const refundEffects = (refundId: number) => ({
  creditNote: effectIdOf('credit-note', 'refund', refundId),
  allocation: effectIdOf('allocation', 'refund', refundId),
  cashRefund: effectIdOf('cash-refund', 'refund', refundId),
  unallocate: effectIdOf('unallocate', 'refund', refundId),
  undoCashRefund: effectIdOf('undo-cash-refund', 'refund', refundId),
  voidCreditNote: effectIdOf('void-credit-note', 'refund', refundId),
});

const CREDIT_NOTE_OF_REFUND = /^credit-note:refund:(\d+)$/;

/**
 * A refund deleted in WooCommerce after its credit note was made: the credit note's allocation to the invoice is
 * removed, or its cash refund deleted, and then the credit note is voided (Xero voids a credit note only once no
 * money is applied to it), so Xero owes and holds again what the order does. Each step happens once.
 */
export function refundReversals(
  refunds: readonly WooRefund[],
  applied: ReadonlyMap<EffectId, AppliedEffect>,
): OrderChange[] {
  const live = new Set(refunds.map((refund) => refund.id));
  const changes: OrderChange[] = [];
  for (const effect of applied.values()) {
    const matched = CREDIT_NOTE_OF_REFUND.exec(effect.effectId)?.[1];
    const refundId = Number(matched);
    if (matched === undefined || live.has(refundId) || !effect.xeroId) continue;
    const creditNoteId = effect.xeroId;
    const ids = refundEffects(refundId);
    const allocation = applied.get(ids.allocation);
    if (allocation?.xeroId && !applied.has(ids.unallocate)) {
      changes.push({ kind: 'unallocate', effectId: ids.unallocate, creditNoteId, allocationId: allocation.xeroId });
    }
    const cashRefund = applied.get(ids.cashRefund);
    if (cashRefund?.xeroId && !applied.has(ids.undoCashRefund)) {
      changes.push({
        kind: 'undo-cash-refund',
        effectId: ids.undoCashRefund,
        creditNoteId,
        paymentId: cashRefund.xeroId,
      });
    }
    if (!applied.has(ids.voidCreditNote)) {
      changes.push({ kind: 'void-credit-note', effectId: ids.voidCreditNote, creditNoteId });
    }
  }
  return changes;
}
