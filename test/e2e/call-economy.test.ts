import type { CreateOrderInput } from '../../sandbox/woocommerce';
import { eventually } from '../support/ports';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForLedger } from './support';

const REPEAT_ORDERS = 5;
const SEVEN_MINUTES = 7 * 60_000;

function orderOf(email: string, skus: string[], lastName = 'Tane'): CreateOrderInput {
  return {
    status: 'processing',
    billing: { first_name: 'Mere', last_name: lastName, email, country: 'NZ' },
    lineItems: skus.map((sku, i) => ({ name: `Woven item ${sku}`, sku, quantity: 1, price: 20 + i })),
    shippingLines: [{ methodTitle: 'Courier', total: 5 }],
  };
}

describe('the Xero calls an order costs, counted by the sandbox', () => {
  const ctx = useTestStack();
  /** The Accounting API requests the sandbox received since the last reset, as "METHOD /Resource". */
  const accountingCalls = () =>
    ctx.stack.xero.state
      .requests(/^\/api\.xro\/2\.0\//)
      .map((entry) => `${entry.method} ${entry.path.replace('/api.xro/2.0', '')}`);

  async function book(order: CreateOrderInput): Promise<{ id: number; number: string; contactId: unknown }> {
    const created = ctx.stack.woo.orders.create(order);
    const entry = await waitForLedger(ctx.stack, created.id);
    expect(entry.lastError ?? entry.state).toBe('synced');
    const invoices = invoicesForOrder(ctx.stack, created.number);
    expect(invoices).toHaveLength(1);
    return {
      id: created.id,
      number: created.number,
      contactId: (invoices[0]?.Contact as { ContactID?: string }).ContactID,
    };
  }

  beforeAll(async () => {
    // An earlier order reads the organisation's reference data (4 calls, then cached for 10 minutes).
    await book(orderOf('first@example.co.nz', ['WARM-UP-1'], 'Warm-up'));
  }, 120_000);

  /** The active contacts in the sandbox holding this email. */
  const contactsOf = (email: string) =>
    ctx.stack.xero.state.contacts().filter((c) => c.EmailAddress === email && c.ContactStatus === 'ACTIVE');

  it('a new customer with new items: one lookup, the items in one batch, the invoice creating the contact', async () => {
    ctx.stack.xero.state.clearRequests();
    const booked = await book(orderOf('mere@example.co.nz', ['NEW-SKU-1', 'NEW-SKU-2']));
    expect(accountingCalls()).toEqual(['GET /Contacts', 'PUT /Items', 'PUT /Invoices']);
    expect(contactsOf('mere@example.co.nz')).toEqual([
      expect.objectContaining({ ContactID: booked.contactId, Name: 'Mere Tane', FirstName: 'Mere', LastName: 'Tane' }),
    ]);
  }, 120_000);

  it('a repeat customer with known items: only the invoice create (1.0 call per order)', async () => {
    ctx.stack.xero.state.clearRequests();
    for (let i = 0; i < REPEAT_ORDERS; i += 1) await book(orderOf('mere@example.co.nz', ['NEW-SKU-1', 'new-sku-2']));
    expect(accountingCalls()).toEqual(Array.from({ length: REPEAT_ORDERS }, () => 'PUT /Invoices'));
  }, 180_000);

  it('a retry after a 429 repeats only the refused call', async () => {
    ctx.stack.xero.faults.add({
      method: 'PUT',
      path: /\/Invoices$/,
      fault: { status: 429, headers: { 'Retry-After': '1', 'X-Rate-Limit-Problem': 'minute' } },
    });
    ctx.stack.xero.state.clearRequests();
    await book(orderOf('mere@example.co.nz', ['NEW-SKU-1']));
    expect(accountingCalls()).toEqual(['PUT /Invoices', 'PUT /Invoices']);
  }, 120_000);

  it('a remembered contact archived in Xero: the order still books, against a new active contact', async () => {
    const known = await book(orderOf('mere@example.co.nz', ['NEW-SKU-1']));
    const archived = ctx.stack.xero.state.tenant().contacts.get(String(known.contactId));
    if (!archived) throw new Error('the remembered contact is not in the sandbox');
    archived.ContactStatus = 'ARCHIVED';
    const rebooked = await book(orderOf('mere@example.co.nz', ['NEW-SKU-1']));
    expect(rebooked.contactId).not.toBe(known.contactId);
    const active = ctx.stack.xero.state
      .contacts()
      .filter((c) => c.EmailAddress === 'mere@example.co.nz' && c.ContactStatus === 'ACTIVE');
    expect(active.map((c) => c.ContactID)).toEqual([rebooked.contactId]);
    ctx.stack.xero.state.clearRequests();
    expect((await book(orderOf('mere@example.co.nz', ['NEW-SKU-1']))).contactId).toBe(rebooked.contactId);
    expect(accountingCalls()).toEqual(['PUT /Invoices']);
  }, 180_000);

  it('two new customers of the same name at once: the second never sends the name the first is creating', async () => {
    // The first invoice is held in Xero until the second order has looked the name up (seeing it free) and booked.
    let release = (): void => undefined;
    const until = new Promise<void>((resolve) => (release = resolve));
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'hold', until } });
    const first = ctx.stack.woo.orders.create(orderOf('mere.a@example.co.nz', ['NEW-SKU-1'], 'Namesake'));
    await eventually(
      async () => (ctx.stack.xero.state.requests(/\/Invoices$/).some((r) => r.status === undefined) ? true : undefined),
      60_000,
      'the first invoice to reach Xero',
    );
    expect(ctx.stack.xero.state.contacts().filter((c) => c.Name === 'Mere Namesake')).toHaveLength(0);
    const second = await book(orderOf('mere.b@example.co.nz', ['NEW-SKU-1'], 'Namesake'));
    release();
    expect((await waitForLedger(ctx.stack, first.id)).state).toBe('synced');
    const [firstInvoice] = invoicesForOrder(ctx.stack, first.number);
    expect(contactsOf('mere.a@example.co.nz')).toEqual([
      expect.objectContaining({
        Name: 'Mere Namesake',
        ContactID: (firstInvoice?.Contact as { ContactID: string }).ContactID,
      }),
    ]);
    expect(contactsOf('mere.b@example.co.nz')).toEqual([
      expect.objectContaining({ Name: 'Mere Namesake (mere.b@example.co.nz)', ContactID: second.contactId }),
    ]);
  }, 180_000);

  it.each([
    ['Xero still remembers the Idempotency-Key: the replay answers', 0],
    ['Xero forgot the Idempotency-Key: the invoice is found by number', SEVEN_MINUTES],
  ])(
    'a lost invoice answer (%s): one contact, one invoice, the contact remembered',
    async (_, advanceMs) => {
      const email = `lost.${advanceMs}@example.co.nz`;
      ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
      ctx.stack.xero.state.clearRequests();
      const order = ctx.stack.woo.orders.create(orderOf(email, ['NEW-SKU-1'], `Lost ${advanceMs}`));
      await eventually(async () => (invoicesForOrder(ctx.stack, order.number).length > 0 ? true : undefined), 60_000);
      ctx.stack.xero.clock.advance(advanceMs);
      expect((await waitForLedger(ctx.stack, order.id)).state).toBe('synced');
      expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
      const [contact] = contactsOf(email);
      expect(contactsOf(email)).toHaveLength(1);
      expect((invoicesForOrder(ctx.stack, order.number)[0]?.Contact as { ContactID: string }).ContactID).toBe(
        contact?.ContactID,
      );
      expect(accountingCalls().filter((call) => call === 'PUT /Contacts')).toEqual([]);
      ctx.stack.xero.state.clearRequests();
      expect((await book(orderOf(email, ['NEW-SKU-1'], `Lost ${advanceMs}`))).contactId).toBe(contact?.ContactID);
      expect(accountingCalls()).toEqual(['PUT /Invoices']);
    },
    180_000,
  );

  it('a remembered item deleted in Xero: the order still books, and the item exists again once', async () => {
    const items = ctx.stack.xero.state.tenant().items;
    const [id] = [...items.entries()].find(([, item]) => item.Code === 'NEW-SKU-2') ?? [];
    if (!id) throw new Error('NEW-SKU-2 is not in the sandbox');
    items.delete(id);
    await book(orderOf('mere@example.co.nz', ['NEW-SKU-2']));
    expect(ctx.stack.xero.state.items().filter((item) => item.Code === 'NEW-SKU-2')).toHaveLength(1);
  }, 120_000);
});
