import type { CreateOrderInput } from '../../sandbox/woocommerce';
import { eventually } from '../support/ports';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForLedger } from './support';

const SEVEN_MINUTES = 7 * 60_000;
const THIRTY_ONE_MINUTES = 31 * 60_000;

function anOrder(email: string): CreateOrderInput {
  return {
    status: 'processing',
    billing: { first_name: 'Wiremu', last_name: 'Tane', email, country: 'NZ' },
    lineItems: [{ name: 'Pounamu pendant', sku: 'POUNAMU-1', quantity: 1, price: 129.95 }],
    shippingLines: [{ methodTitle: 'Courier', total: 9 }],
  };
}

describe('uncertain Xero outcomes never book an order twice', () => {
  const ctx = useTestStack();

  const invoicePuts = (orderNumber: string) =>
    ctx.stack.xero.state
      .requests(/\/api\.xro\/2\.0\/Invoices$/)
      .filter((r) => r.method === 'PUT' && r.rawBody.includes(`#${orderNumber}"`));

  it('adopts the invoice when Xero committed it but the response was lost', async () => {
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    const order = ctx.stack.woo.orders.create(anOrder('wiremu@example.co.nz'));
    const entry = await waitForLedger(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
    expect(invoicePuts(order.number)[0]?.status).toBeUndefined(); // the first answer really was lost
  });

  it('still books exactly one invoice when the retry comes after Xero forgot the idempotency key (6 minutes)', async () => {
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    const order = ctx.stack.woo.orders.create(anOrder('wiremu.tane@example.co.nz'));
    await eventually(async () => (invoicesForOrder(ctx.stack, order.number).length > 0 ? true : undefined), 60_000);
    ctx.stack.xero.clock.advance(SEVEN_MINUTES);
    const entry = await waitForLedger(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
    expect(entry.xeroDocumentNumber).toBe(invoicesForOrder(ctx.stack, order.number)[0]?.InvoiceNumber);
  });

  it('retries through Xero outages (503) and books once', async () => {
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, count: 2, fault: { status: 503 } });
    const order = ctx.stack.woo.orders.create(anOrder('moana@example.co.nz'));
    const entry = await waitForLedger(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
    expect(invoicePuts(order.number).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it.each([
    { status: 500, cached: false },
    { status: 502, cached: false },
    { status: 504, cached: false },
    { status: 500, cached: true },
  ] as const)('books exactly one invoice when Xero commits and then answers $status (cached: $cached)', async (f) => {
    ctx.stack.xero.faults.add({
      method: 'PUT',
      path: /\/Invoices$/,
      fault: { kind: 'commit-then-status', status: f.status, cached: f.cached },
    });
    const order = ctx.stack.woo.orders.create(anOrder(`rangi.${f.status}.${String(f.cached)}@example.co.nz`));
    const entry = await waitForLedger(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
    const puts = invoicePuts(order.number);
    // The retry replays the same key first: Xero answers the committed invoice, or its cached error (then lookup).
    expect(puts.map((r) => r.status)).toEqual([f.status, f.cached ? 500 : 200]);
    expect(new Set(puts.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('books exactly one invoice when Xero is still processing the first request as the activity retries', async () => {
    let release = () => undefined as void;
    const until = new Promise<void>((resolve) => (release = resolve));
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'hold', until } });
    const order = ctx.stack.woo.orders.create(anOrder('aroha@example.co.nz'));
    // The worker gives up on the held request and retries with the same key while Xero is still on it.
    await eventually(
      async () => (invoicePuts(order.number).length >= 2 ? true : undefined),
      60_000,
      'an overlapping retry',
    );
    expect(invoicePuts(order.number)[1]?.status).toBe(409);
    release();
    const entry = await waitForLedger(ctx.stack, order.id);
    expect(entry.state).toBe('synced');
    expect(invoicesForOrder(ctx.stack, order.number)).toHaveLength(1);
    expect(new Set(invoicePuts(order.number).map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('refreshes an access token that expired mid-run, once for concurrent syncs, and stores the rotated token', async () => {
    const before = await ctx.stack.services.repos.xeroConnections.get(ctx.stack.store.storeId);
    ctx.stack.xero.clock.advance(THIRTY_ONE_MINUTES);
    ctx.stack.xero.state.clearRequests();
    const orders = [anOrder('hemi@example.co.nz'), anOrder('kiri@example.co.nz')].map((o) =>
      ctx.stack.woo.orders.create(o),
    );
    const entries = await Promise.all(orders.map((order) => waitForLedger(ctx.stack, order.id)));
    expect(entries.map((entry) => entry.state)).toEqual(['synced', 'synced']);

    const after = await ctx.stack.services.repos.xeroConnections.get(ctx.stack.store.storeId);
    expect(after?.status).toBe('connected');
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    const refreshes = ctx.stack.xero.state
      .requests(/\/connect\/token$/)
      .filter((r) => r.rawBody.includes('grant_type=refresh_token'));
    expect(refreshes).toHaveLength(1);
  });
});
