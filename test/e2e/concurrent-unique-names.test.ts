import type { CreateOrderInput } from '../../sandbox/woocommerce';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForLedger } from './support';

const CUSTOMERS = 10;
const ORDERS_PER_CUSTOMER = 3;
const NEW_SKUS = ['KETE-NEW-1', 'KORU-NEW-2'];

function orderOf(customer: number): CreateOrderInput {
  return {
    status: 'processing',
    billing: { first_name: 'Ana', last_name: 'Smith', email: `ana.smith.${customer}@example.co.nz`, country: 'NZ' },
    // Prices differ per customer, so concurrent item creates differ too (no shared Idempotency-Key to replay).
    lineItems: NEW_SKUS.map((sku, i) => ({ name: `Woven item ${i + 1}`, sku, quantity: 1, price: 20 + i + customer })),
    shippingLines: [{ methodTitle: 'Courier', total: 5 }],
  };
}

describe('concurrent orders racing for Xero’s unique contact names and item codes', () => {
  const ctx = useTestStack();

  it('books all 30 orders: ten distinct "Ana Smith" contacts and one item per new code', async () => {
    // The race is the subject here, not the 60-a-minute quota (5 calls in flight still apply).
    ctx.stack.xero.rateLimits.configure({ perMinute: 100_000 });
    const orders = Array.from({ length: CUSTOMERS * ORDERS_PER_CUSTOMER }, (_, i) =>
      ctx.stack.woo.orders.create(orderOf(i % CUSTOMERS)),
    );
    const entries = await Promise.all(orders.map((order) => waitForLedger(ctx.stack, order.id, 240_000)));
    expect(entries.map((entry) => entry.lastError ?? entry.state)).toEqual(orders.map(() => 'synced'));
    for (const order of orders) expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);

    const anas = ctx.stack.xero.state.contacts().filter((contact) => String(contact.Name).startsWith('Ana Smith'));
    expect(anas).toHaveLength(CUSTOMERS);
    expect(new Set(anas.map((contact) => contact.Name)).size).toBe(CUSTOMERS);
    expect(new Set(anas.map((contact) => String(contact.EmailAddress).toLowerCase())).size).toBe(CUSTOMERS);

    for (const sku of NEW_SKUS) {
      expect(ctx.stack.xero.state.items().filter((item) => item.Code === sku)).toHaveLength(1);
    }
  }, 300_000);
});
