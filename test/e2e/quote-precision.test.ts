import { STACK_OPERATOR_TOKEN, useTestStack } from '../support/stack';
import { waitForSyncToFinish } from './support';

// Xero's Quotes endpoints take no `unitdp`, so a quote keeps unit amounts to 2 decimals: prices with more decimals
// must be sent so that 2-decimal unit amounts still reproduce every line total.
describe('an on-hold order booked as a quote with prices of more than 2 decimals', () => {
  const ctx = useTestStack();

  it('gets a quote whose total equals the order total', async () => {
    const saved = await fetch(`${ctx.stack.apiUrl}/api/stores/${ctx.stack.store.storeId}/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STACK_OPERATOR_TOKEN}` },
      body: JSON.stringify({ documentRules: [{ statuses: ['on-hold'], documentType: 'quote' }] }),
    });
    expect(saved.status).toBe(200);

    const order = ctx.stack.woo.orders.create({
      status: 'on-hold',
      billing: { first_name: 'Ana', last_name: 'Quote', email: 'ana.quote@example.com' },
      lineItems: [
        { name: 'Third of a widget', sku: 'THIRD', quantity: 3, price: 3.3333 },
        { name: 'Eighth of a gadget', sku: 'EIGHTH', quantity: 8, price: 0.125 },
        { name: 'Seventh of a gizmo', sku: 'SEVENTH', quantity: 7, price: 1.4286 },
      ],
    });
    const entry = await waitForSyncToFinish(ctx.stack, order.id);

    expect(entry).toMatchObject({ state: 'synced', documentKind: 'quote', xeroTotal: order.total });
    const [quote] = ctx.stack.xero.state.quotes().filter((q) => String(q.Reference).endsWith(`#${order.number}`));
    expect(quote?.Total).toBe(Number(order.total));
    // The request itself carries 2-decimal unit amounts: nothing is left for Xero to round away.
    const [put] = ctx.stack.xero.state
      .requests(/\/Quotes$/)
      .filter((call) => call.method === 'PUT' && call.rawBody.includes(`#${order.number}"`));
    const sent = (JSON.parse(put?.rawBody ?? '{}') as { Quotes: Array<{ LineItems: Array<{ UnitAmount: number }> }> })
      .Quotes[0]?.LineItems;
    expect(sent?.length).toBeGreaterThanOrEqual(3);
    for (const line of sent ?? []) expect(String(line.UnitAmount)).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });
});
