import { STACK_OPERATOR_TOKEN, useTestStack } from '../support/stack';
import { invoicesForOrder, waitForSyncToFinish } from './support';

const billing = { first_name: 'Tama', last_name: 'Noteless', email: 'tama@example.co.nz' };
const lineItems = [{ name: 'Harakeke basket', sku: 'BASKET-HK', quantity: 1, price: 42 }];

// The order note is written after the document is booked: it is best effort and never turns a booked order into a
// failure.
describe('the WooCommerce order note after booking', () => {
  const ctx = useTestStack();

  async function orderView(orderId: number): Promise<Record<string, unknown>> {
    const res = await fetch(`${ctx.stack.apiUrl}/api/stores/${ctx.stack.store.storeId}/orders/${orderId}`, {
      headers: { authorization: `Bearer ${STACK_OPERATOR_TOKEN}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('leaves the order synced with a warning when the notes endpoint answers 404 for good', async () => {
    ctx.stack.woo.faults.add({ path: /\/orders\/\d+\/notes$/, count: Infinity, fault: { status: 404 } });
    const order = ctx.stack.woo.orders.create({ status: 'processing', billing, lineItems });
    const entry = await waitForSyncToFinish(ctx.stack, order.id);
    ctx.stack.woo.faults.clear();

    expect(entry).toMatchObject({ state: 'synced', lastError: null, warning: expect.stringMatching(/order note/) });
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
    expect(ctx.stack.woo.notes(order.id).filter((note) => note.note.includes('Xero'))).toEqual([]);
    expect(await orderView(order.id)).toMatchObject({ state: 'synced', warning: entry.warning });

    const handle = ctx.stack.temporal.workflow.getHandle(String(entry.workflowId));
    expect(await handle.result()).toMatchObject({ state: 'synced', warning: entry.warning });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    // The warning names the problem, never the customer.
    expect(entry.warning).not.toContain(billing.email);
    expect(entry.warning).not.toContain(billing.last_name);
  });

  it('retries a transient note failure and then writes the note, with no warning', async () => {
    ctx.stack.woo.faults.add({ method: 'POST', path: /\/orders\/\d+\/notes$/, count: 2, fault: { status: 503 } });
    const order = ctx.stack.woo.orders.create({ status: 'processing', billing, lineItems });
    const entry = await waitForSyncToFinish(ctx.stack, order.id);

    expect(entry).toMatchObject({ state: 'synced', warning: null });
    expect(
      ctx.stack.woo.notes(order.id).filter((note) => note.note.includes(String(entry.xeroDocumentNumber))),
    ).toHaveLength(1);
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
  });
});
