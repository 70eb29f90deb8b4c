import type { JustCreatedDocument } from '../activities/types';
import type { AppliedEffect } from '../lib/lifecycle/order-changes';
import type { PassContext, SyncPassOutcome } from './book-document';
import { syncActivities } from './sync-activities';

/** How many look-and-apply rounds one pass makes at most (a refund takes two: its credit note, then settling it). */
const MAX_ROUNDS = 6;

const EFFECT_WORDS: Record<AppliedEffect['kind'], string> = {
  payment: 'payment',
  'credit-note': 'credit note',
  allocation: 'credit allocated',
  'cash-refund': 'refund paid out',
  void: 'voided',
  delete: 'deleted',
  update: 'updated',
  reissue: 'reissued as',
  'quote-to-invoice': 'invoiced as',
  unallocate: 'credit allocation removed',
  'undo-cash-refund': 'refund payment deleted',
  'void-credit-note': 'credit note voided',
};

/** One applied effect in words for support staff, e.g. "payment 70.95", "credit note WC-42-R9 19.80". */
function describe(effect: AppliedEffect): string {
  return [EFFECT_WORDS[effect.kind], effect.xeroNumber, effect.amount].filter(Boolean).join(' ');
}

/**
 * After the document exists: looks at the order as WooCommerce and Xero have it now and applies the listed changes
 * one activity each (each exactly once under its effect id), until a look finds nothing left to change. The outcome
 * carries the order's state in its life and, in its summary, what this pass applied and what still differs.
 */
export async function followOrderLife(
  ctx: PassContext,
  booked: SyncPassOutcome,
  justCreated?: JustCreatedDocument,
): Promise<SyncPassOutcome> {
  const { storeId, orderId } = ctx;
  const applied: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    // Only the first look may rely on the create's answer; later looks follow changes this pass made.
    const plan = await syncActivities.planOrderLife({
      storeId,
      orderId,
      ...(round === 0 && justCreated ? { justCreated } : {}),
    });
    if (plan.changes.length === 0) {
      const parts = [booked.summary];
      if (applied.length > 0) parts.push(`Applied: ${applied.join('; ')}.`);
      parts.push(`State: ${plan.state}.`);
      if (plan.differences.length > 0) parts.push(`Not in step: ${plan.differences.join(' ')}`);
      return { ...booked, state: plan.state, summary: parts.join(' ') };
    }
    for (const change of plan.changes) {
      applied.push(describe(await syncActivities.applyOrderChange({ storeId, orderId, change })));
    }
  }
  const warning = `Xero was still not in step with the order after ${MAX_ROUNDS} rounds; the next change of the order looks again.`;
  return { ...booked, summary: `${booked.summary} Applied: ${applied.join('; ')}. ${warning}`, warning };
}
