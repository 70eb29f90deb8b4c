import { SYNC_STATE } from '../../lib/temporal/search-attributes';
import { STACK_OPERATOR_TOKEN, useTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/ports';
import { invoicesForOrder, waitForSyncToFinish } from './support';

const billing = { first_name: 'Mere', last_name: 'Lifecycle', email: 'mere@example.co.nz' };
const lineItems = [
  { name: 'Kete', sku: 'KETE-1', quantity: 2, price: 40 },
  { name: 'Pounamu', sku: 'POUNAMU-1', quantity: 1, price: 120 },
];

type Json = Record<string, unknown>;

/** The order's view in the API, as support reads it. */
async function orderView(stack: TestStack, orderId: number): Promise<Json> {
  const res = await fetch(`${stack.apiUrl}/api/stores/${stack.store.storeId}/orders/${orderId}`, {
    headers: { authorization: `Bearer ${STACK_OPERATOR_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

/** Waits until the order's latest run has ended with the ledger in `state`, and returns the run's SyncState. */
async function settledIn(stack: TestStack, orderId: number, state: string): Promise<string | undefined> {
  await eventually(
    async () =>
      (await stack.services.repos.ledger.get(stack.store.storeId, orderId))?.state === state ? true : undefined,
    60_000,
    `order ${orderId} to become ${state}`,
  );
  const entry = await stack.services.repos.ledger.get(stack.store.storeId, orderId);
  const handle = stack.temporal.workflow.getHandle(String(entry?.workflowId));
  await handle.result();
  return (await handle.describe()).typedSearchAttributes.get(SYNC_STATE);
}

const invoiceOf = (stack: TestStack, number: string): Json => {
  const [invoice] = invoicesForOrder(stack, number);
  if (!invoice) throw new Error(`no live invoice for order ${number}`);
  return invoice;
};
const paymentsOn = (stack: TestStack, invoiceId: unknown): Json[] =>
  stack.xero.state
    .payments()
    .filter((p) => (p.Invoice as Json | undefined)?.InvoiceID === invoiceId && p.Status !== 'DELETED');
const creditNotesOf = (stack: TestStack, invoiceNumber: string): Json[] =>
  stack.xero.state.creditNotes().filter((note) => String(note.CreditNoteNumber).startsWith(`${invoiceNumber}-R`));

describe('the whole life of an order, against both sandboxes', () => {
  const ctx = useTestStack();

  beforeAll(async () => {
    const res = await fetch(`${ctx.stack.apiUrl}/api/stores/${ctx.stack.store.storeId}/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ctx.stack.store.apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payments: { record: true } }),
    });
    expect(res.status).toBe(200);
  });

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

  it('a trashed order (order.deleted) has its unpaid invoice voided, as the default setting says', async () => {
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'bacs', billing, lineItems });
    await waitForSyncToFinish(ctx.stack, order.id);
    ctx.stack.woo.orders.trash(order.id);
    expect(await settledIn(ctx.stack, order.id, 'voided')).toBe('voided');
  });
});
