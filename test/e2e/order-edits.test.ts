import { useTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/ports';
import { invoiceOf, orderView, paymentsOn, saveSettings, settledIn, type Json } from './order-life-support';
import { invoicesForOrder, replayDeliveries, waitForSyncToFinish } from './support';

const billing = { first_name: 'Aroha', last_name: 'Edits', email: 'aroha@example.co.nz' };
const lineItems = [
  { name: 'Kete', sku: 'KETE-1', quantity: 2, price: 40 },
  { name: 'Pounamu', sku: 'POUNAMU-1', quantity: 1, price: 120 },
];
/** The same order with one more kete and a new line. */
const editedLines = [
  { name: 'Kete', sku: 'KETE-1', quantity: 3, price: 40 },
  { name: 'Pounamu', sku: 'POUNAMU-1', quantity: 1, price: 120 },
  { name: 'Harakeke mat', sku: 'MAT-1', quantity: 1, price: 55.5 },
];

/** Every invoice of the order in the Xero sandbox, voided ones included, by number. */
const allInvoicesOf = (stack: TestStack, orderNumber: string): Json[] =>
  stack.xero.state
    .invoices()
    .filter((invoice) => String(invoice.Reference ?? '').endsWith(`#${orderNumber}`))
    .sort((a, b) => String(a.InvoiceNumber).localeCompare(String(b.InvoiceNumber)));

/** Waits until the order's ledger entry changed after `since` and its run ended in `state`. */
async function settledAfter(stack: TestStack, orderId: number, since: Date, state: string): Promise<void> {
  await eventually(
    async () => {
      const entry = await stack.services.repos.ledger.get(stack.store.storeId, orderId);
      return entry && entry.updatedAt > since ? true : undefined;
    },
    60_000,
    `order ${orderId} to be looked at again`,
  );
  await settledIn(stack, orderId, state);
}

const lastUpdate = async (stack: TestStack, orderId: number): Promise<Date> =>
  (await stack.services.repos.ledger.get(stack.store.storeId, orderId))?.updatedAt ?? new Date(0);

describe('edits, restores and quotes that become invoices, against both sandboxes', () => {
  const ctx = useTestStack();
  beforeEach(() => saveSettings(ctx.stack, { payments: { record: true } }));

  it('an edit of an unpaid order updates its approved invoice in place: same invoice, the new lines and total', async () => {
    const { stack } = ctx;
    const order = stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(stack, order.id);
    const before = invoiceOf(stack, order.number);
    const since = await lastUpdate(stack, order.id);

    const edited = stack.woo.orders.update(order.id, { lineItems: editedLines });
    await settledAfter(stack, order.id, since, 'synced');
    const after = invoiceOf(stack, order.number);
    expect(after).toMatchObject({
      InvoiceID: before.InvoiceID,
      InvoiceNumber: before.InvoiceNumber,
      Status: 'AUTHORISED',
      Total: Number(edited.total),
      AmountDue: Number(edited.total),
    });
    expect((after.LineItems as Json[]).map((line) => [line.ItemCode, line.Quantity])).toEqual([
      ['KETE-1', 3],
      ['POUNAMU-1', 1],
      ['MAT-1', 1],
    ]);
    const view = await orderView(stack, order.id);
    expect(view).toMatchObject({ xeroTotal: edited.total, orderTotal: edited.total, difference: null });
    expect(view.effects).toEqual([expect.objectContaining({ kind: 'update', amount: edited.total })]);

    // Paid afterwards: the payment is for the edited total.
    stack.woo.orders.markPaid(order.id);
    await settledIn(stack, order.id, 'paid');
    expect(paymentsOn(stack, before.InvoiceID)).toMatchObject([{ Amount: Number(edited.total) }]);
  });

  it('an edit of a paid order changes nothing in Xero and is reported on the order', async () => {
    const { stack } = ctx;
    const order = stack.woo.orders.checkout({ paymentMethod: 'sandbox_card', billing, lineItems });
    await settledIn(stack, order.id, 'paid');
    const since = await lastUpdate(stack, order.id);
    const edited = stack.woo.orders.update(order.id, { lineItems: editedLines });
    await settledAfter(stack, order.id, since, 'paid');
    expect(invoiceOf(stack, order.number)).toMatchObject({ Total: Number(order.total), Status: 'PAID' });
    const view = await orderView(stack, order.id);
    expect(view.difference).toBe(
      `The order was edited (its total is now ${edited.total}) but invoice WC-${order.number} has payments or ` +
        'credits, so Xero does not allow editing it; it stays as booked.',
    );
  });

  it('under "void-and-reissue", an edit voids the approved invoice and reissues it as WC-<n>-2, both in the ledger', async () => {
    const { stack } = ctx;
    await saveSettings(stack, { payments: { record: true }, lifecycle: { approvedEdits: 'void-and-reissue' } });
    const order = stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(stack, order.id);
    const first = invoiceOf(stack, order.number);
    const since = await lastUpdate(stack, order.id);

    const edited = stack.woo.orders.update(order.id, { lineItems: editedLines });
    await settledAfter(stack, order.id, since, 'synced');
    expect(allInvoicesOf(stack, order.number).map((i) => [i.InvoiceNumber, i.Status, i.Total])).toEqual([
      [`WC-${order.number}`, 'VOIDED', Number(order.total)],
      [`WC-${order.number}-2`, 'AUTHORISED', Number(edited.total)],
    ]);
    const reissued = invoiceOf(stack, order.number);
    expect((reissued.Contact as Json).ContactID).toBe((first.Contact as Json).ContactID);
    const view = await orderView(stack, order.id);
    expect(view).toMatchObject({ documentNumber: `WC-${order.number}-2`, xeroTotal: edited.total, difference: null });
    expect((view.effects as Json[]).map((effect) => [effect.kind, effect.xeroId])).toEqual([
      ['void', first.InvoiceID],
      ['reissue', reissued.InvoiceID],
    ]);
    expect((view.documents as Json[]).map((d) => [d.xeroId, d.number, d.total, d.state])).toEqual([
      [first.InvoiceID, `WC-${order.number}`, order.total, 'voided'],
      [reissued.InvoiceID, `WC-${order.number}-2`, edited.total, 'synced'],
    ]);
  });

  it('a trashed order restored gets its invoice back as WC-<n>-2; paid later, the payment goes on the new one', async () => {
    const { stack } = ctx;
    const order = stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(stack, order.id);
    stack.woo.orders.trash(order.id);
    await settledIn(stack, order.id, 'voided');
    const since = await lastUpdate(stack, order.id);

    stack.woo.orders.restore(order.id);
    await settledAfter(stack, order.id, since, 'synced');
    const reissued = invoiceOf(stack, order.number);
    expect(reissued).toMatchObject({
      InvoiceNumber: `WC-${order.number}-2`,
      Status: 'AUTHORISED',
      Total: Number(order.total),
    });
    stack.woo.orders.markPaid(order.id);
    await settledIn(stack, order.id, 'paid');
    expect(paymentsOn(stack, reissued.InvoiceID)).toMatchObject([{ Amount: Number(order.total) }]);
    expect(allInvoicesOf(stack, order.number).map((i) => i.Status)).toEqual(['VOIDED', 'PAID']);
  });

  it('an order deleted for good (WooCommerce answers 404) has its unpaid invoice voided on the next look', async () => {
    const { stack } = ctx;
    const order = stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(stack, order.id);
    stack.woo.orders.delete(order.id);
    // Any later delivery is only a hint: the pass reads the order, finds it gone, and voids its invoice.
    await replayDeliveries(stack, order.id, 1);
    await settledIn(stack, order.id, 'voided');
    expect(invoicesForOrder(stack, order.number)).toEqual([]);
    expect(allInvoicesOf(stack, order.number)).toMatchObject([{ Status: 'VOIDED' }]);
  });

  it('a quote becomes an invoice when the order reaches an invoiced status, and the quote is marked INVOICED', async () => {
    const { stack } = ctx;
    await saveSettings(stack, {
      payments: { record: true },
      documentRules: [{ statuses: ['on-hold'], documentType: 'quote' }],
    });
    const order = stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(stack, order.id);
    const quotes = () =>
      stack.xero.state.quotes().filter((q) => String(q.Reference ?? '').endsWith(`#${order.number}`));
    expect(quotes()).toMatchObject([{ Status: 'DRAFT', Total: Number(order.total) }]);
    expect(invoicesForOrder(stack, order.number)).toEqual([]);

    stack.woo.orders.markPaid(order.id);
    await settledIn(stack, order.id, 'paid');
    const invoice = invoiceOf(stack, order.number);
    expect(invoice).toMatchObject({ Status: 'PAID', Total: Number(order.total) });
    expect(quotes()).toMatchObject([{ Status: 'INVOICED' }]);
    expect((invoice.Contact as Json).ContactID).toBe((quotes()[0]?.Contact as Json).ContactID);
    const view = await orderView(stack, order.id);
    expect(view).toMatchObject({ documentKind: 'invoice', documentNumber: invoice.InvoiceNumber });
    expect((view.effects as Json[]).map((effect) => effect.kind)).toEqual(['quote-to-invoice', 'payment']);
    expect((view.documents as Json[]).map((d) => [d.kind, d.xeroId, d.state])).toEqual([
      ['quote', quotes()[0]?.QuoteID, 'invoiced'],
      ['invoice', invoice.InvoiceID, 'paid'],
    ]);
  });
});
