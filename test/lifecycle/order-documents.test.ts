import { orderDocuments } from '../../lib/lifecycle/order-documents';
import { appliedEffect } from './fixtures';

describe('every Xero document an order has had, for support', () => {
  it('a booked order has its one current document', () => {
    const current = { kind: 'invoice', xeroId: 'inv-1', number: 'WC-1', total: '70.95', state: 'paid' } as const;
    expect(orderDocuments(current, [])).toEqual([{ ...current, current: true }]);
    expect(orderDocuments({ ...current, kind: null, xeroId: null }, [])).toEqual([]);
  });

  it('a quote invoiced, then the invoice voided and reissued: the quote, the voided invoice, the current one', () => {
    const effects = [
      appliedEffect({
        effectId: 'quote-to-invoice:q-1',
        kind: 'quote-to-invoice',
        xeroId: 'inv-1',
        xeroNumber: 'WC-1',
        replaced: { kind: 'quote', xeroId: 'q-1', number: 'QU-1', total: '70.95' },
      }),
      appliedEffect({ effectId: 'void:inv-1', kind: 'void', xeroId: 'inv-1' }),
      appliedEffect({
        effectId: 'reissue:2',
        kind: 'reissue',
        xeroId: 'inv-2',
        xeroNumber: 'WC-1-2',
        replaced: { kind: 'invoice', xeroId: 'inv-1', number: 'WC-1', total: '70.95' },
      }),
    ];
    const current = { kind: 'invoice', xeroId: 'inv-2', number: 'WC-1-2', total: '80.95', state: 'synced' } as const;
    expect(orderDocuments(current, effects).map((d) => [d.kind, d.number, d.total, d.state, d.current])).toEqual([
      ['quote', 'QU-1', '70.95', 'invoiced', false],
      ['invoice', 'WC-1', '70.95', 'voided', false],
      ['invoice', 'WC-1-2', '80.95', 'synced', true],
    ]);
  });
});
