import { TRACKED_ITEM_CODE } from '../../sandbox/xero';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, replayDeliveries, waitForLedger, waitForSyncToFinish } from './support';

const customer = {
  first_name: 'Aroha',
  last_name: 'Ngata',
  email: 'aroha@example.co.nz',
  phone: '021 555 0101',
  address_1: '12 Cuba Street',
  city: 'Wellington',
  postcode: '6011',
  country: 'NZ',
};

describe('a signed WooCommerce webhook becomes exactly one Xero invoice', () => {
  const ctx = useTestStack();

  it('creates the contact, the items and one invoice equal to the order total, and notes it on the order', async () => {
    const order = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: customer,
      shipping: customer,
      lineItems: [
        { name: 'Kawakawa balm', sku: 'KAWA-BALM-50', quantity: 2, price: 18.5 },
        { name: 'Mānuka honey & lemon soap', sku: 'SOAP-MANUKA', quantity: 3, price: 7.99 },
      ],
      shippingLines: [{ methodTitle: 'Flat rate', total: 6.5 }],
    });

    const entry = await waitForSyncToFinish(ctx.stack, order.id);
    expect(entry).toMatchObject({ state: 'synced', documentKind: 'invoice', orderTotal: order.total });

    const invoices = invoicesForOrder(ctx.stack, order.number);
    expect(invoices).toHaveLength(1);
    const [invoice] = invoices;
    expect(invoice).toMatchObject({ Type: 'ACCREC', InvoiceNumber: entry.xeroDocumentNumber, Status: 'AUTHORISED' });
    expect(Number(invoice?.Total)).toBeCloseTo(Number(order.total), 10);
    expect(Number(entry.xeroTotal)).toBeCloseTo(Number(order.total), 10);

    const contacts = ctx.stack.xero.state.contacts().filter((c) => c.EmailAddress === customer.email);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.Name).toBe('Aroha Ngata');
    const codes = ctx.stack.xero.state.items().map((item) => item.Code);
    expect(codes).toEqual(expect.arrayContaining(['KAWA-BALM-50', 'SOAP-MANUKA']));

    const notes = ctx.stack.woo.notes(order.id).map((note) => note.note);
    expect(notes.filter((note) => note.includes(String(entry.xeroDocumentNumber)))).toHaveLength(1);
  });

  it('books a second order of the same customer against the same contact and existing items', async () => {
    const order = ctx.stack.woo.orders.create({
      status: 'completed',
      billing: customer,
      shipping: customer,
      lineItems: [{ name: 'Kawakawa balm', sku: 'KAWA-BALM-50', quantity: 1, price: 18.5 }],
    });
    const entry = await waitForLedger(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    expect(ctx.stack.xero.state.contacts().filter((c) => c.EmailAddress === customer.email)).toHaveLength(1);
    expect(ctx.stack.xero.state.items().filter((item) => item.Code === 'KAWA-BALM-50')).toHaveLength(1);
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
  });

  it('coalesces ten deliveries for one order (created, updated and repeats) into one invoice', async () => {
    const order = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: { ...customer, email: 'tama@example.co.nz', first_name: 'Tama' },
      lineItems: [{ name: 'Harakeke kete', sku: 'KETE-01', quantity: 1, price: 45 }],
    });
    ctx.stack.woo.orders.update(order.id, { customerNote: 'Please gift wrap' });
    await ctx.stack.woo.deliveries.waitForIdle();
    const topics = ctx.stack.woo.deliveries
      .deliveries()
      .filter((d) => d.resourceId === order.id)
      .map((d) => d.topic);
    expect(topics).toEqual(expect.arrayContaining(['order.created', 'order.updated']));
    // WooCommerce repeats itself; bring the burst to ten deliveries of the same signed bytes.
    const statuses = await replayDeliveries(ctx.stack, order.id, 10 - topics.length);
    expect(statuses.every((status) => status === 202)).toBe(true);

    const entry = await waitForSyncToFinish(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
    const puts = ctx.stack.xero.state
      .requests(/\/Invoices$/)
      .filter((r) => r.method === 'PUT' && r.rawBody.includes(`#${order.number}"`));
    expect(puts).toHaveLength(1);
    const runs = await ctx.stack.temporal.workflow.count(`WorkflowId = '${entry.workflowId}'`);
    expect(runs.count).toBe(1);
  });

  it('sells an inventory-tracked item as it is in Xero, never changing the item', async () => {
    const tracked = () => ctx.stack.xero.state.items().find((item) => item.Code === TRACKED_ITEM_CODE);
    const before = tracked();
    expect(before).toMatchObject({ IsTrackedAsInventory: true });
    const order = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: customer,
      lineItems: [{ name: 'Tracked widget', sku: TRACKED_ITEM_CODE, quantity: 2, price: 50 }],
    });
    const entry = await waitForSyncToFinish(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    const [invoice] = invoicesForOrder(ctx.stack, order.number);
    expect((invoice?.LineItems as Array<{ ItemCode?: string }>).map((line) => line.ItemCode)).toContain(
      TRACKED_ITEM_CODE,
    );
    expect(tracked()).toEqual(before);
    // The only write naming it is the create-only PUT that learns it exists (Xero answers "already exists").
    const itemWrites = ctx.stack.xero.state.requests(/\/Items/).filter((r) => r.method !== 'GET');
    const naming = itemWrites.filter((r) => r.rawBody.includes(TRACKED_ITEM_CODE));
    expect(naming.map((r) => [r.method, r.path, r.query.summarizeErrors])).toEqual([
      ['PUT', '/api.xro/2.0/Items', 'false'],
    ]);
  });

  it('does not book an order whose status is not a sale (pending payment)', async () => {
    const order = ctx.stack.woo.orders.create({
      status: 'pending',
      billing: customer,
      lineItems: [{ name: 'Kawakawa balm', sku: 'KAWA-BALM-50', quantity: 1, price: 18.5 }],
    });
    const entry = await waitForLedger(ctx.stack, order.id);
    expect(entry.state).toBe('skipped');
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(0);
  });
});
