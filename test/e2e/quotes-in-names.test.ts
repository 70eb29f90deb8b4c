import type { LedgerEntry } from '../../lib/db';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForLedger } from './support';

/** A phone order typed in by the shop: a company whose name holds quotes, and no email to match on. */
const customer = {
  first_name: 'Bob',
  last_name: 'Smith',
  company: 'Bob "Bobby" Ltd',
  email: '',
  city: 'Wellington',
  country: 'NZ',
};
const SKU = 'PIPE-1/2"';

describe('a customer name and a SKU holding a double quote', () => {
  const ctx = useTestStack();

  /** Places an order of the customer for `quantity` pipes and waits until it is synced; returns its invoice. */
  async function syncedOrder(quantity: number): Promise<Record<string, unknown> | undefined> {
    const order = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: customer,
      lineItems: [{ name: 'Half-inch pipe', sku: SKU, quantity, price: 3.5 }],
    });
    const entry: LedgerEntry = await waitForLedger(ctx.stack, order.id);
    expect({ state: entry.state, lastError: entry.lastError }).toMatchObject({ state: 'synced' });
    const invoices = invoicesForOrder(ctx.stack, order.number);
    expect(invoices).toHaveLength(1);
    return invoices[0];
  }
  const contactsNamedBob = () => ctx.stack.xero.state.contacts().filter((c) => String(c.Name).startsWith('Bob "'));
  const pipes = () => ctx.stack.xero.state.items().filter((item) => item.Code === SKU);

  it('sync: the contact and the item are created under their exact names', async () => {
    await syncedOrder(4);
    expect(contactsNamedBob().map((c) => c.Name)).toEqual(['Bob "Bobby" Ltd']);
    expect(pipes()).toHaveLength(1);
  });

  it('a second order of the same customer is booked to the same contact and the existing item', async () => {
    const [contact] = contactsNamedBob();
    const invoice = await syncedOrder(1);
    expect((invoice?.Contact as { ContactID?: string } | undefined)?.ContactID).toBe(contact?.ContactID);
    expect(contactsNamedBob()).toHaveLength(1);
    expect(pipes()).toHaveLength(1);
  });
});
