import type { CreateOrderInput } from '../../sandbox/woocommerce';
import type { WireInvoice } from '../../lib/xero/wire-types';
import { createHeldGate } from '../support/held-gate';
import { eventually } from '../support/ports';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForLedger } from './support';

const BATCHED_ORDERS = 5;

function anOrder(email = 'hana@example.co.nz'): CreateOrderInput {
  return {
    status: 'processing',
    billing: { first_name: 'Hana', last_name: 'Rewi', email, country: 'NZ' },
    lineItems: [{ name: 'Harakeke kete', sku: 'KETE-1', quantity: 1, price: 80 }],
    shippingLines: [{ methodTitle: 'Courier', total: 6 }],
  };
}

describe('invoices batched while the organisation has no calls to spare', () => {
  // PUT /Invoices waits for a permit until the test lets it go, as behind a saturated governor.
  const gate = createHeldGate((what) => what === 'PUT /Invoices');
  const ctx = useTestStack({ gate });
  /** Invoices of earlier orders, whose numbers the tests hand to orders Xero must then refuse. */
  const earlier: Array<Record<string, unknown>> = [];

  const invoicePuts = () =>
    ctx.stack.xero.state.requests(/^\/api\.xro\/2\.0\/Invoices$/).filter((request) => request.method === 'PUT');
  const invoicesIn = (put: { rawBody: string }) => (JSON.parse(put.rawBody) as { Invoices: WireInvoice[] }).Invoices;

  /** The invoice the order's pending create sends. */
  async function pendingInvoice(orderId: number): Promise<WireInvoice | undefined> {
    const attempt = await ctx.stack.services.repos.attempts.get(ctx.stack.store.storeId, orderId, 'invoice');
    if (attempt?.lastOutcome !== 'pending') return undefined;
    return (JSON.parse(attempt.requestBody) as { Invoices: WireInvoice[] }).Invoices[0];
  }

  /** Creates orders and waits until each one's invoice create is waiting (one request holds the only permit). */
  async function ordersWaitingForCapacity(
    count: number,
    orderOf: (i: number) => CreateOrderInput = () => anOrder(),
  ): Promise<Array<{ id: number; invoiceNumber: string; contactId: string }>> {
    gate.hold();
    const orders = Array.from({ length: count }, (_, i) => ctx.stack.woo.orders.create(orderOf(i)));
    return eventually(
      async () => {
        const invoices = await Promise.all(orders.map((order) => pendingInvoice(order.id)));
        if (gate.waiting() !== 1 || invoices.some((invoice) => invoice === undefined)) return undefined;
        return orders.map((order, i) => ({
          id: order.id,
          invoiceNumber: invoices[i]?.InvoiceNumber ?? '',
          contactId: invoices[i]?.Contact?.ContactID ?? '',
        }));
      },
      60_000,
      'every order to wait for Xero capacity',
    );
  }

  /** Gives an earlier order's invoice the number `number`: Xero then refuses it as taken. */
  function takeNumber(number: string): string {
    const invoice = earlier.pop();
    const record = ctx.stack.xero.state.tenant().invoices.get(String(invoice?.InvoiceID));
    if (!record) throw new Error('no earlier invoice left');
    record.InvoiceNumber = number;
    return String(invoice?.Reference);
  }

  beforeAll(async () => {
    gate.open();
    // Earlier orders make the contact, the item and the reference data known, so a new order costs one PUT.
    for (let i = 0; i < 3; i += 1) {
      const order = ctx.stack.woo.orders.create(anOrder());
      expect((await waitForLedger(ctx.stack, order.id)).state).toBe('synced');
      earlier.push(...invoicesForOrder(ctx.stack, order.number));
    }
  }, 120_000);

  afterEach(() => {
    gate.open();
    ctx.stack.xero.faults.clear();
  });

  it('books waiting orders with fewer PUT /Invoices than orders; a refused one fails exactly as when sent alone', async () => {
    // Alone: the only order waiting, its number taken meanwhile.
    const [alone] = await ordersWaitingForCapacity(1);
    const aloneReference = takeNumber(alone.invoiceNumber);
    ctx.stack.xero.state.clearRequests();
    gate.open();
    const aloneEntry = await waitForLedger(ctx.stack, alone.id);
    expect(invoicePuts().map((put) => put.query.summarizeErrors)).toEqual(['true']);

    // In a batch: the same refusal for one order of several.
    const waiting = await ordersWaitingForCapacity(BATCHED_ORDERS);
    const refused = waiting[2];
    const refusedReference = takeNumber(refused.invoiceNumber);
    ctx.stack.xero.state.clearRequests();
    gate.open();
    const entries = await Promise.all(waiting.map((order) => waitForLedger(ctx.stack, order.id)));

    const puts = invoicePuts();
    expect(puts.length).toBeLessThan(BATCHED_ORDERS);
    expect(puts[0]?.query.summarizeErrors).toBe('false');
    expect(puts.flatMap((put) => invoicesIn(put).map((invoice) => invoice.InvoiceNumber)).sort()).toEqual(
      waiting.map((order) => order.invoiceNumber).sort(),
    );
    for (const [i, order] of waiting.entries()) {
      if (order === refused) continue;
      expect(entries[i]).toMatchObject({ state: 'synced', xeroDocumentNumber: order.invoiceNumber });
      const booked = ctx.stack.xero.state.invoices().filter((invoice) => invoice.InvoiceNumber === order.invoiceNumber);
      expect(booked).toHaveLength(1);
    }
    const refusedEntry = entries[2];
    expect(aloneEntry.state).toBe('failed');
    expect(refusedEntry.state).toBe('failed');
    const generic = (message: string | null | undefined, number: string, reference: string, orderId: number) =>
      String(message)
        .replaceAll(number, '<number>')
        .replaceAll(reference, '<reference>')
        .replaceAll(String(orderId), '<order>');
    expect(generic(refusedEntry.lastError, refused.invoiceNumber, refusedReference, refused.id)).toBe(
      generic(aloneEntry.lastError, alone.invoiceNumber, aloneReference, alone.id),
    );
    expect(refusedEntry.lastError).toContain(`${refused.invoiceNumber} is already used by another Xero document`);
  }, 180_000);

  it('a lost batch answer: every order is looked up by its number and booked exactly once', async () => {
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    const waiting = await ordersWaitingForCapacity(BATCHED_ORDERS);
    ctx.stack.xero.state.clearRequests();
    gate.open();
    const entries = await Promise.all(waiting.map((order) => waitForLedger(ctx.stack, order.id)));

    const [lost, ...later] = invoicePuts();
    expect(lost?.status).toBeUndefined(); // the batch's answer really was lost
    expect(invoicesIn(lost!).length).toBeGreaterThan(1);
    expect(later).toHaveLength(waiting.length - invoicesIn(lost!).length);
    for (const [i, order] of waiting.entries()) {
      expect(entries[i]).toMatchObject({ state: 'synced', xeroDocumentNumber: order.invoiceNumber });
      const booked = ctx.stack.xero.state.invoices().filter((invoice) => invoice.InvoiceNumber === order.invoiceNumber);
      expect(booked).toHaveLength(1);
      expect(entries[i]?.xeroDocumentId).toBe(booked[0]?.InvoiceID);
    }
  }, 180_000);

  it('a batch whose answer is lost while Xero refused one of it: that order fails as when alone, the rest are booked once', async () => {
    const waiting = await ordersWaitingForCapacity(BATCHED_ORDERS);
    const refused = waiting[3]!;
    takeNumber(refused.invoiceNumber);
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    ctx.stack.xero.state.clearRequests();
    gate.open();
    const entries = await Promise.all(waiting.map((order) => waitForLedger(ctx.stack, order.id)));

    const [lost] = invoicePuts();
    expect(lost?.status).toBeUndefined();
    expect(invoicesIn(lost!).map((invoice) => invoice.InvoiceNumber)).toContain(refused.invoiceNumber);
    for (const [i, order] of waiting.entries()) {
      const booked = ctx.stack.xero.state.invoices().filter((invoice) => invoice.InvoiceNumber === order.invoiceNumber);
      expect(booked).toHaveLength(1);
      if (order === refused) continue;
      expect(entries[i]).toMatchObject({ state: 'synced', xeroDocumentNumber: order.invoiceNumber });
      expect(entries[i]?.xeroDocumentId).toBe(booked[0]?.InvoiceID);
    }
    const refusedEntry = entries[3];
    expect(refusedEntry?.state).toBe('failed');
    expect(refusedEntry?.xeroDocumentId ?? null).toBeNull();
    expect(refusedEntry?.lastError).toContain(`${refused.invoiceNumber} is already used by another Xero document`);
  }, 180_000);

  it('a contact Xero refuses inside the batch is found again and that order booked once, as when alone', async () => {
    // Tama's first invoice creates her contact; her next one, batched, names it by ContactID.
    const first = ctx.stack.woo.orders.create(anOrder('tama@example.co.nz'));
    expect((await waitForLedger(ctx.stack, first.id)).state).toBe('synced');
    const waiting = await ordersWaitingForCapacity(3, (i) => anOrder(i === 1 ? 'tama@example.co.nz' : undefined));
    const moved = waiting[1]!;
    const contact = ctx.stack.xero.state.tenant().contacts.get(moved.contactId);
    if (!contact) throw new Error('the order’s contact is not in the sandbox');
    contact.ContactStatus = 'ARCHIVED';
    ctx.stack.xero.state.clearRequests();
    gate.open();
    const entries = await Promise.all(waiting.map((order) => waitForLedger(ctx.stack, order.id)));

    const puts = invoicePuts();
    const numbersIn = (put: (typeof puts)[number] | undefined) =>
      put ? invoicesIn(put).map((invoice) => invoice.InvoiceNumber) : [];
    expect(numbersIn(puts[0]).length).toBeGreaterThan(1);
    // Refused inside the batch, then (new contact, new generation) sent alone like any retry.
    expect(numbersIn(puts[0])).toContain(moved.invoiceNumber);
    expect(numbersIn(puts.at(-1))).toEqual([moved.invoiceNumber]);
    expect(puts.at(-1)?.query.summarizeErrors).toBe('true');
    for (const [i, order] of waiting.entries()) {
      expect(entries[i]).toMatchObject({ state: 'synced', xeroDocumentNumber: order.invoiceNumber });
      const booked = ctx.stack.xero.state.invoices().filter((invoice) => invoice.InvoiceNumber === order.invoiceNumber);
      expect(booked).toHaveLength(1);
    }
    const rebooked = ctx.stack.xero.state.invoices().find((invoice) => invoice.InvoiceNumber === moved.invoiceNumber);
    const newContact = (rebooked?.Contact as { ContactID?: string } | undefined)?.ContactID;
    expect(newContact).not.toBe(moved.contactId);
    expect(ctx.stack.xero.state.tenant().contacts.get(String(newContact))?.ContactStatus).toBe('ACTIVE');
  }, 180_000);
});
