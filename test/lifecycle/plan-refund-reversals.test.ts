import { planOrderChanges } from '../../lib/lifecycle/plan-order-changes';
import { appliedEffect, changeInput, heldInvoice, refundOf } from './fixtures';

const creditNote = appliedEffect({
  effectId: 'credit-note:refund:901',
  kind: 'credit-note',
  xeroId: 'cn-1',
  xeroNumber: 'WC-5001-R901',
  amount: '19.80',
});

describe('a refund deleted in WooCommerce after its credit note was made', () => {
  it('an allocated credit note loses its allocation, then is voided, so the invoice owes the order total again', () => {
    const allocation = appliedEffect({ effectId: 'allocation:refund:901', kind: 'allocation', xeroId: 'al-1' });
    const held = heldInvoice({ amountDue: '51.15', amountCredited: '19.80' });
    expect(planOrderChanges(changeInput({ held, applied: [creditNote, allocation] })).changes).toEqual([
      { kind: 'unallocate', effectId: 'unallocate:refund:901', creditNoteId: 'cn-1', allocationId: 'al-1' },
      { kind: 'void-credit-note', effectId: 'void-credit-note:refund:901', creditNoteId: 'cn-1' },
    ]);
  });

  it('a credit note paid out in cash has its refund payment deleted, then is voided', () => {
    const cash = appliedEffect({ effectId: 'cash-refund:refund:901', kind: 'cash-refund', xeroId: 'pay-9' });
    const held = heldInvoice({ status: 'PAID', amountDue: '0.00', amountPaid: '70.95' });
    expect(planOrderChanges(changeInput({ held, applied: [creditNote, cash] })).changes).toEqual([
      { kind: 'undo-cash-refund', effectId: 'undo-cash-refund:refund:901', creditNoteId: 'cn-1', paymentId: 'pay-9' },
      { kind: 'void-credit-note', effectId: 'void-credit-note:refund:901', creditNoteId: 'cn-1' },
    ]);
  });

  it('each step happens once, and a refund still in WooCommerce is never taken back', () => {
    const voided = appliedEffect({ effectId: 'void-credit-note:refund:901', kind: 'void-credit-note' });
    expect(planOrderChanges(changeInput({ applied: [creditNote, voided] })).changes).toEqual([]);
    const refunds = [refundOf({ id: 901, amount: '19.80' })];
    const allocation = appliedEffect({ effectId: 'allocation:refund:901', kind: 'allocation', xeroId: 'al-1' });
    const held = heldInvoice({ amountDue: '51.15', amountCredited: '19.80' });
    expect(planOrderChanges(changeInput({ refunds, held, applied: [creditNote, allocation] })).changes).toEqual([]);
  });

  it('an unpaid order cancelled after a refund takes its credit back, then voids the invoice: nothing is owed', () => {
    const allocation = appliedEffect({ effectId: 'allocation:refund:901', kind: 'allocation', xeroId: 'al-1' });
    const cancelled = { ...changeInput().order!, status: 'cancelled' };
    const refunds = [refundOf({ id: 901, amount: '19.80' })];
    const credited = heldInvoice({ amountDue: '51.15', amountCredited: '19.80' });
    expect(
      planOrderChanges(changeInput({ order: cancelled, refunds, held: credited, applied: [creditNote, allocation] }))
        .changes,
    ).toEqual([
      { kind: 'unallocate', effectId: 'unallocate:refund:901', creditNoteId: 'cn-1', allocationId: 'al-1' },
      { kind: 'void-credit-note', effectId: 'void-credit-note:refund:901', creditNoteId: 'cn-1' },
    ]);
    const undone = [
      creditNote,
      allocation,
      appliedEffect({ effectId: 'unallocate:refund:901', kind: 'unallocate' }),
      appliedEffect({ effectId: 'void-credit-note:refund:901', kind: 'void-credit-note' }),
    ];
    expect(planOrderChanges(changeInput({ order: cancelled, refunds, applied: undone })).changes).toEqual([
      { kind: 'void', effectId: 'void:inv-1', documentId: 'inv-1', documentKind: 'invoice' },
    ]);
  });
});
