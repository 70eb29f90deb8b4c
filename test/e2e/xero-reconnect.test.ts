import { connectXero } from '../../scripts/support/onboard-store';
import { SYNC_STATE } from '../../lib/temporal/search-attributes';
import { orderSyncWorkflowId } from '../../workflows/definitions';
import type { CreateOrderInput } from '../../sandbox/woocommerce';
import { eventually } from '../support/ports';
import { useTestStack } from '../support/stack';
import { invoicesForOrder } from './support';

const ORDERS = 20;

function orderInput(i: number): CreateOrderInput {
  return {
    status: 'processing',
    billing: { first_name: 'Tama', last_name: `Revoked${i}`, email: `tama.${i}@example.co.nz`, country: 'NZ' },
    lineItems: [{ name: 'Poi', sku: 'POI-1', quantity: 1 + (i % 3), price: 12.5 }],
  };
}

describe('the merchant revokes the app in Xero while orders are in flight', () => {
  const context = useTestStack();

  it('no order fails: they wait for a reconnect, visibly, and all are booked exactly once after it', async () => {
    const { stack } = context;
    const { storeId, apiToken } = stack.store;
    const orders = Array.from({ length: ORDERS }, (_, i) => stack.woo.orders.create(orderInput(i)));
    // Their webhooks are on the way and their runs about to start: access goes before any of them reaches Xero.
    stack.xero.state.revokeAppAccess();

    const stateOf = async (orderId: number) =>
      (
        await stack.temporal.workflow
          .getHandle(orderSyncWorkflowId(storeId, orderId))
          .describe()
          .catch(() => undefined)
      )?.typedSearchAttributes.get(SYNC_STATE);
    const waiting = await eventually(
      async () => {
        const states = await Promise.all(orders.map((order) => stateOf(order.id)));
        return states.every((state) => state === 'waiting-for-reconnect') ? states : undefined;
      },
      120_000,
      'every order waiting for a reconnect',
    );
    expect(waiting).toHaveLength(ORDERS);
    expect(stack.xero.state.invoices()).toEqual([]);
    const ledger = await Promise.all(orders.map((order) => stack.services.repos.ledger.get(storeId, order.id)));
    expect(ledger.filter((entry) => entry?.state === 'failed')).toEqual([]);

    const health = await fetch(`${stack.apiUrl}/api/stores/${storeId}/xero`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(await health.json()).toMatchObject({ state: 'needs-reconnect', connectUrl: expect.any(String) });

    await connectXero(stack.apiUrl, { id: storeId, apiToken, webhookUrl: '', webhookSecret: '' });
    await eventually(
      async () => {
        const states = await Promise.all(orders.map((order) => stateOf(order.id)));
        return states.every((state) => state === 'synced') ? true : undefined;
      },
      120_000,
      'every order booked after the reconnect',
    );
    for (const order of orders) expect(invoicesForOrder(stack, order.number)).toHaveLength(1);
    expect(stack.xero.state.invoices()).toHaveLength(ORDERS);
  }, 360_000);
});
