import { useTestStack } from '../support/stack';
import { eventually } from '../support/ports';
import {
  creditNotesOf,
  invoiceOf,
  orderView,
  paymentsOn,
  saveSettings,
  settledIn,
  type Json,
} from './order-life-support';
import { invoicesForOrder, waitForSyncToFinish } from './support';

const billing = { first_name: 'Mere', last_name: 'Lifecycle', email: 'mere@example.co.nz' };
const lineItems = [
  { name: 'Kete', sku: 'KETE-1', quantity: 2, price: 40 },
  { name: 'Pounamu', sku: 'POUNAMU-1', quantity: 1, price: 120 },
];

describe('the whole life of an order, against both sandboxes', () => {
  const ctx = useTestStack();

  beforeAll(() => saveSettings(ctx.stack, { payments: { record: true } }));

  it('a card order paid at checkout: its invoice and one payment of what was received, on the day, to the bank account', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'sandbox_card', billing, lineItems });
    expect(await settledIn(ctx.stack, order.id, 'paid')).toBe('paid');
    const invoice = invoiceOf(ctx.stack, order.number);
    expect(invoice).toMatchObject({ Status: 'PAID', AmountDue: 0, AmountPaid: Number(order.total) });
    const payments = paymentsOn(ctx.stack, invoice.InvoiceID);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ Amount: Number(order.total), Account: { Code: '090' } });
    expect(String(payments[0]?.Reference)).toContain(`#${order.number}`);

    const view = await orderView(ctx.stack, order.id);
    expect(view).toMatchObject({ state: 'paid', difference: null });
    expect(view.effects).toEqual([
      expect.objectContaining({ kind: 'payment', amount: order.total, xeroId: payments[0]?.PaymentID }),
    ]);
  });

  it('an order in another currency is paid at the exchange rate WooCommerce recorded for it', async () => {
    await saveSettings(ctx.stack, { payments: { record: true, exchangeRateMetaKey: 'exchange_rate' } });
    const order = ctx.stack.woo.orders.checkout({
      paymentMethod: 'sandbox_card',
      billing,
      lineItems,
      currency: 'USD',
      metaData: [{ key: 'exchange_rate', value: '0.6125' }],
    });
    await settledIn(ctx.stack, order.id, 'paid');
    const invoice = invoiceOf(ctx.stack, order.number);
    expect(invoice).toMatchObject({ CurrencyCode: 'USD', Status: 'PAID' });
    expect(paymentsOn(ctx.stack, invoice.InvoiceID)).toMatchObject([
      { Amount: Number(order.total), CurrencyRate: 0.6125 },
    ]);
    await saveSettings(ctx.stack, { payments: { record: true } });
  });

  it('a bank transfer order: no payment while on-hold, then one payment once the merchant marks it paid', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    const invoice = invoiceOf(ctx.stack, order.number);
    expect(invoice).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 0 });
    expect(paymentsOn(ctx.stack, invoice.InvoiceID)).toEqual([]);

    ctx.stack.woo.orders.markPaid(order.id);
    expect(await settledIn(ctx.stack, order.id, 'paid')).toBe('paid');
    expect(paymentsOn(ctx.stack, invoice.InvoiceID)).toHaveLength(1);
    expect(invoiceOf(ctx.stack, order.number)).toMatchObject({ Status: 'PAID', AmountDue: 0 });
  });

  it('a partial refund of a paid order: one credit note for exactly the refund, paid out in cash, the invoice left paid', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'sandbox_card', billing, lineItems });
    await settledIn(ctx.stack, order.id, 'paid');
    const kete = order.line_items.find((line) => line.sku === 'KETE-1');
    const refund = ctx.stack.woo.orders.refund(order.id, {
      lines: [{ lineId: Number(kete?.id), quantity: 1 }],
      reason: 'Damaged',
    });
    expect(await settledIn(ctx.stack, order.id, 'part-refunded')).toBe('part-refunded');

    const invoice = invoiceOf(ctx.stack, order.number);
    const notes = creditNotesOf(ctx.stack, String(invoice.InvoiceNumber));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      Status: 'PAID',
      Total: Number(refund.amount),
      RemainingCredit: 0,
      Contact: expect.objectContaining({ ContactID: (invoice.Contact as Json).ContactID }),
    });
    expect(invoice).toMatchObject({ Status: 'PAID', AmountDue: 0 });
    const view = await orderView(ctx.stack, order.id);
    expect((view.effects as Json[]).map((effect) => [effect.kind, effect.amount])).toEqual([
      ['payment', order.total],
      ['credit-note', refund.amount],
      ['cash-refund', refund.amount],
    ]);
  });

  it('a refund of an unpaid order is allocated to its invoice, which then owes exactly what WooCommerce still expects', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    const pounamu = order.line_items.find((line) => line.sku === 'POUNAMU-1');
    const refund = ctx.stack.woo.orders.refund(order.id, { lines: [{ lineId: Number(pounamu?.id), quantity: 1 }] });
    await settledIn(ctx.stack, order.id, 'part-refunded');
    const owed = (Number(order.total) * 100 - Number(refund.amount) * 100) / 100;
    expect(invoiceOf(ctx.stack, order.number)).toMatchObject({
      Status: 'AUTHORISED',
      AmountCredited: Number(refund.amount),
      AmountDue: owed,
    });
  });

  it('a refund deleted in WooCommerce takes its credit note back: allocation removed, credit note voided', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    const refund = ctx.stack.woo.orders.refund(order.id, { amount: 20, reason: 'Goodwill' });
    await settledIn(ctx.stack, order.id, 'part-refunded');
    expect(invoiceOf(ctx.stack, order.number)).toMatchObject({ AmountCredited: 20 });

    ctx.stack.woo.orders.deleteRefund(refund.id);
    await settledIn(ctx.stack, order.id, 'synced');
    expect(invoiceOf(ctx.stack, order.number)).toMatchObject({
      Status: 'AUTHORISED',
      AmountCredited: 0,
      AmountDue: Number(order.total),
    });
    expect(creditNotesOf(ctx.stack, `WC-${order.number}`)).toMatchObject([{ Status: 'VOIDED' }]);
  });

  it('a refund of a paid order deleted in WooCommerce: its cash refund deleted and its credit note voided', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'sandbox_card', billing, lineItems });
    await settledIn(ctx.stack, order.id, 'paid');
    const refund = ctx.stack.woo.orders.refund(order.id, { amount: 15, reason: 'Late', apiRefund: false });
    await settledIn(ctx.stack, order.id, 'part-refunded');
    ctx.stack.woo.orders.deleteRefund(refund.id);
    await settledIn(ctx.stack, order.id, 'paid');
    const [note] = creditNotesOf(ctx.stack, `WC-${order.number}`);
    expect(note).toMatchObject({ Status: 'VOIDED' });
    const refundPayments = ctx.stack.xero.state
      .payments()
      .filter(
        (p) =>
          (p.CreditNote as Json | undefined)?.CreditNoteID === note?.CreditNoteID ||
          p.Reference === `Refund #${refund.id} of WooCommerce order #${order.number}`,
      );
    expect(refundPayments.map((p) => p.Status)).toEqual(['DELETED']);
    expect(invoiceOf(ctx.stack, order.number)).toMatchObject({ Status: 'PAID', AmountDue: 0 });
  });

  it('an unpaid order refunded in full has its invoice voided, with no credit note', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    ctx.stack.woo.orders.refund(order.id, { amount: Number(order.total), reason: 'Order never sent' });
    expect(ctx.stack.woo.orders.get(order.id)?.status).toBe('refunded');
    expect(await settledIn(ctx.stack, order.id, 'voided')).toBe('voided');
    expect(invoicesForOrder(ctx.stack, order.number)).toEqual([]);
    expect(creditNotesOf(ctx.stack, `WC-${order.number}`)).toEqual([]);
  });

  it('a cancelled unpaid order voids its invoice; a refund afterwards makes no credit note', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    ctx.stack.woo.orders.update(order.id, { status: 'cancelled' });
    expect(await settledIn(ctx.stack, order.id, 'voided')).toBe('voided');
    expect(invoicesForOrder(ctx.stack, order.number)).toEqual([]);
    const voided = ctx.stack.xero.state.invoices().filter((invoice) => invoice.InvoiceNumber === `WC-${order.number}`);
    expect(voided).toMatchObject([{ Status: 'VOIDED' }]);

    const before = (await ctx.stack.services.repos.ledger.get(ctx.stack.store.storeId, order.id))?.updatedAt;
    ctx.stack.woo.orders.refund(order.id, { amount: 10, reason: 'Goodwill' });
    await eventually(
      async () => {
        const entry = await ctx.stack.services.repos.ledger.get(ctx.stack.store.storeId, order.id);
        return entry && before && entry.updatedAt > before ? true : undefined;
      },
      60_000,
      'the refund to be looked at',
    );
    expect(await settledIn(ctx.stack, order.id, 'voided')).toBe('voided');
    expect(creditNotesOf(ctx.stack, `WC-${order.number}`)).toEqual([]);
  });

  it('an unpaid order cancelled after a partial refund: credit taken back, credit note and invoice voided', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    ctx.stack.woo.orders.refund(order.id, { amount: 25, reason: 'Damaged' });
    await settledIn(ctx.stack, order.id, 'part-refunded');
    ctx.stack.woo.orders.update(order.id, { status: 'cancelled' });
    expect(await settledIn(ctx.stack, order.id, 'voided')).toBe('voided');
    expect(invoicesForOrder(ctx.stack, order.number)).toEqual([]);
    expect(creditNotesOf(ctx.stack, `WC-${order.number}`)).toMatchObject([{ Status: 'VOIDED' }]);
  });

  it('a trashed order (order.deleted) has its unpaid invoice voided, as the default setting says', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    ctx.stack.woo.orders.trash(order.id);
    expect(await settledIn(ctx.stack, order.id, 'voided')).toBe('voided');
  });
});
