import { planOrderChanges, type OrderChangeInput } from '../../lib/lifecycle/plan-order-changes';
import { handBuiltOrder, mappingContext } from '../mapping/fixtures';
import { appliedEffect, changeInput, gstSettings, heldInvoice, mugRefundLine, refundOf } from './fixtures';

const paidOrder = () => ({
  ...handBuiltOrder(),
  payment_method: 'stripe',
  payment_method_title: 'Credit card (Stripe)',
  transaction_id: 'ch_3N',
  date_paid: '2024-02-01T09:00:00',
});

const plan = (overrides: Partial<OrderChangeInput>) => planOrderChanges(changeInput({ ...overrides }));
const effect = appliedEffect;

describe('what Xero should hold for an order, as the smallest next changes', () => {
  it('an unpaid order needs nothing more than its invoice', () => {
    expect(plan({})).toEqual({ changes: [], state: 'synced', differences: [] });
  });

  it('a paid order gets one payment of what WooCommerce received, on the day it was paid, to its gateway’s account', () => {
    const settings = gstSettings();
    settings.payments.byGateway = { stripe: '610' };
    expect(plan({ order: paidOrder(), settings }).changes).toEqual([
      {
        kind: 'payment',
        effectId: 'payment:stripe:ch_3N',
        invoiceId: 'inv-1',
        amount: '70.95',
        date: '2024-02-01',
        accountCode: '610',
        reference: 'WooCommerce order #5001 · Credit card (Stripe) ch_3N',
        settlesInvoice: true,
      },
    ]);
    // Once applied, the same order asks for nothing: a duplicated webhook never doubles it.
    const applied = [effect({ effectId: 'payment:stripe:ch_3N', kind: 'payment', amount: '70.95' })];
    const held = heldInvoice({ status: 'PAID', amountDue: '0.00', amountPaid: '70.95' });
    expect(plan({ order: paidOrder(), applied, held })).toEqual({ changes: [], state: 'paid', differences: [] });
  });

  it('a foreign-currency order is paid at the exchange rate WooCommerce recorded, else at Xero’s', () => {
    const usd = { ...paidOrder(), currency: 'USD' };
    const rated = { ...usd, meta_data: [{ key: 'exchange_rate', value: '0.6125' }] };
    const ctx = { ...mappingContext(), org: { ...mappingContext().org, baseCurrency: 'AUD' } };
    const settings = gstSettings();
    expect(plan({ order: rated, ctx, settings }).changes[0]).not.toHaveProperty('currencyRate');
    settings.payments.exchangeRateMetaKey = 'exchange_rate';
    expect(plan({ order: rated, ctx, settings }).changes).toMatchObject([{ kind: 'payment', currencyRate: '0.6125' }]);
    expect(plan({ order: usd, ctx, settings }).changes[0]).not.toHaveProperty('currencyRate');
    // The organisation's own currency never carries a rate, whatever the meta says.
    const aud = { ...rated, currency: 'AUD' };
    expect(plan({ order: aud, ctx, settings }).changes[0]).not.toHaveProperty('currencyRate');
  });

  it('never pays more than the invoice still owes', () => {
    const held = heldInvoice({ amountDue: '40.15', amountCredited: '30.80' });
    expect(plan({ order: paidOrder(), held }).changes).toMatchObject([
      { kind: 'payment', amount: '40.15', settlesInvoice: true },
    ]);
    // An invoice that owes more than the order (edited by hand in Xero) gets a payment that leaves some owing.
    const more = heldInvoice({ total: '90.00', amountDue: '90.00' });
    expect(plan({ order: paidOrder(), held: more }).changes).toMatchObject([
      { kind: 'payment', amount: '70.95', settlesInvoice: false },
    ]);
  });

  it('cash on delivery is paid only once the order is completed; bank transfer once WooCommerce records the payment', () => {
    const cod = { ...handBuiltOrder(), payment_method: 'cod', date_paid: '2024-02-01T09:00:00' };
    expect(plan({ order: { ...cod, status: 'processing' } }).changes).toEqual([]);
    expect(plan({ order: { ...cod, status: 'completed' } }).changes).toMatchObject([{ kind: 'payment' }]);
    expect(plan({ order: { ...handBuiltOrder(), status: 'on-hold' } }).changes).toEqual([]);
  });

  it('no payment on a draft invoice: Xero takes payments on approved invoices only, and the run says so', () => {
    const result = plan({ order: paidOrder(), held: heldInvoice({ status: 'DRAFT' }) });
    expect(result.changes).toEqual([]);
    expect(result.differences).toEqual([expect.stringContaining('Xero takes payments on approved invoices only')]);
  });

  it('a refund of an unpaid order: one credit note, then its allocation to the invoice', () => {
    const refunds = [refundOf({ amount: '19.80', line_items: [mugRefundLine()] })];
    const first = plan({ refunds });
    expect(first.changes).toMatchObject([
      { kind: 'credit-note', effectId: 'credit-note:refund:901', refundId: 901, total: '19.80' },
    ]);
    expect(first.state).toBe('part-refunded');
    const applied = [
      effect({
        effectId: 'credit-note:refund:901',
        kind: 'credit-note',
        xeroId: 'cn-1',
        xeroNumber: 'WC-5001-R901',
        amount: '19.80',
      }),
    ];
    expect(plan({ refunds, applied }).changes).toEqual([
      {
        kind: 'allocation',
        effectId: 'allocation:refund:901',
        creditNoteId: 'cn-1',
        invoiceId: 'inv-1',
        amount: '19.80',
        date: '2024-02-03',
      },
    ]);
    const settled = [...applied, effect({ effectId: 'allocation:refund:901', kind: 'allocation', amount: '19.80' })];
    expect(plan({ refunds, applied: settled }).changes).toEqual([]);
  });

  it('a refund of a paid order is paid out of the gateway’s account, after the payment', () => {
    const refunds = [refundOf({ amount: '19.80', line_items: [mugRefundLine()] })];
    const creditNote = effect({
      effectId: 'credit-note:refund:901',
      kind: 'credit-note',
      xeroId: 'cn-1',
      amount: '19.80',
    });
    // The payment is still missing: it goes first, and the credit note waits for the next look.
    expect(plan({ order: paidOrder(), refunds, applied: [creditNote] }).changes.map((c) => c.kind)).toEqual([
      'payment',
    ]);
    const paid = heldInvoice({ status: 'PAID', amountDue: '0.00', amountPaid: '70.95' });
    const payment = effect({ effectId: 'payment:stripe:ch_3N', kind: 'payment', amount: '70.95' });
    expect(plan({ order: paidOrder(), refunds, applied: [payment, creditNote], held: paid }).changes).toEqual([
      {
        kind: 'cash-refund',
        effectId: 'cash-refund:refund:901',
        creditNoteId: 'cn-1',
        amount: '19.80',
        date: '2024-02-03',
        accountCode: '090',
        reference: 'Refund #901 of WooCommerce order #5001',
      },
    ]);
  });

  it('refunded in full without ever being paid voids the unpaid invoice instead of crediting it', () => {
    const refunds = [refundOf({ amount: '70.95' })];
    const refunded = { ...handBuiltOrder(), status: 'refunded' };
    expect(plan({ order: refunded, refunds }).changes).toEqual([
      { kind: 'void', effectId: 'void:inv-1', documentId: 'inv-1', documentKind: 'invoice' },
    ]);
    // Part of it was credited before: the rest is credited too, and nothing is reported as out of step.
    const held = heldInvoice({ amountDue: '52.95', amountCredited: '18.00' });
    const credited = plan({ order: refunded, refunds, held });
    expect(credited.changes).toMatchObject([{ kind: 'credit-note', effectId: 'credit-note:refund:901' }]);
    expect(credited.differences).toEqual([]);
  });

  it('a full refund leaves the order refunded', () => {
    const refunds = [refundOf({ amount: '70.95' })];
    expect(plan({ order: { ...paidOrder(), status: 'refunded' }, refunds }).state).toBe('refunded');
  });

  it('a cancelled unpaid order voids its approved invoice and deletes a draft; a voided invoice needs nothing more', () => {
    const cancelled = { ...handBuiltOrder(), status: 'cancelled' };
    expect(plan({ order: cancelled }).changes).toEqual([
      { kind: 'void', effectId: 'void:inv-1', documentId: 'inv-1', documentKind: 'invoice' },
    ]);
    expect(plan({ order: cancelled, held: heldInvoice({ status: 'DRAFT' }) }).changes).toEqual([
      { kind: 'delete', effectId: 'delete:inv-1', documentId: 'inv-1', documentKind: 'invoice' },
    ]);
    expect(plan({ order: cancelled, held: heldInvoice({ status: 'VOIDED' }) })).toEqual({
      changes: [],
      state: 'voided',
      differences: [],
    });
  });

  it('a cancellation followed by a refund never yields a credit note for a voided invoice', () => {
    const refunds = [refundOf({ amount: '70.95' })];
    const result = plan({
      order: { ...handBuiltOrder(), status: 'cancelled' },
      refunds,
      held: heldInvoice({ status: 'VOIDED' }),
    });
    expect(result.changes).toEqual([]);
  });

  it('a paid invoice is never voided: the cancellation is reported and refunds are credited', () => {
    const held = heldInvoice({ status: 'PAID', amountDue: '0.00', amountPaid: '70.95' });
    const result = plan({ order: { ...paidOrder(), status: 'cancelled' }, held });
    expect(result.changes).toEqual([]);
    expect(result.differences).toEqual([expect.stringContaining('has payments or credits, so it stays')]);
  });

  it('trashed or deleted for good: voided by default, kept when the settings say so', () => {
    const trashed = { ...handBuiltOrder(), status: 'trash' };
    expect(plan({ order: trashed }).changes).toMatchObject([{ kind: 'void' }]);
    expect(plan({ order: null }).changes).toMatchObject([{ kind: 'void' }]);
    const keep = gstSettings();
    keep.lifecycle.onTrash = 'keep';
    expect(plan({ order: trashed, settings: keep }).changes).toEqual([]);
    expect(plan({ order: null, settings: keep }).changes).toEqual([]);
  });
});
