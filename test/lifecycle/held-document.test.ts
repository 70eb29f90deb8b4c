import { estimatedDocument } from '../../lib/lifecycle/held-document';
import { appliedEffect } from './fixtures';

const recorded = { kind: 'invoice', documentId: 'inv-1', number: 'WC-1', total: '70.95', currency: 'NZD' } as const;

describe('the document as the ledger implies it, without asking Xero', () => {
  it('an invoice owes its total less the payments and the allocations still standing', () => {
    const effects = [
      appliedEffect({ effectId: 'allocation:refund:7', kind: 'allocation', amount: '10.00' }),
      appliedEffect({ effectId: 'allocation:refund:8', kind: 'allocation', amount: '5.00' }),
      appliedEffect({ effectId: 'unallocate:refund:7', kind: 'unallocate' }),
      appliedEffect({ effectId: 'payment:stripe:ch_1', kind: 'payment', amount: '50.00' }),
    ];
    expect(estimatedDocument(recorded, effects)).toMatchObject({
      status: 'AUTHORISED',
      amountPaid: '50.00',
      amountCredited: '5.00',
      amountDue: '15.95',
    });
  });

  it('an invoice the sync voided is voided; a quote is as sent, owing nothing', () => {
    const voided = [appliedEffect({ effectId: 'void:inv-1', kind: 'void', xeroId: 'inv-1' })];
    expect(estimatedDocument(recorded, voided).status).toBe('VOIDED');
    expect(estimatedDocument({ ...recorded, kind: 'quote' }, [])).toMatchObject({
      kind: 'quote',
      total: '70.95',
      amountDue: '0.00',
    });
  });
});
