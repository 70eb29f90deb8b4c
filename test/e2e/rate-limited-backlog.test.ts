import type { CreateOrderInput } from '../../sandbox/woocommerce';
import { startTestStack, type TestStack } from '../support/stack';
import { startTestTemporal } from '../support/temporal';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eventually } from '../support/ports';
import { sampleCapacityWaits } from './capacity-wait-sampler';
import { invoicesForOrder, waitForLedger } from './support';
import { busiestMinute } from '../support/busiest-minute';
import { SYNC_STATE } from '../../lib/temporal/search-attributes';

/** The sandbox's clock (Xero's limits) runs this many times faster than real time; the governor knows it. */
const SPEED = 8;
const TICK_MS = 50;
const ORDERS = 100;
const CUSTOMERS = 70;
const SKUS = ['KETE-1', 'KORU-2', 'PUTIPUTI-3', 'HARAKEKE-4', 'PIKO-5'];

function orderOf(i: number): CreateOrderInput {
  const customer = i % CUSTOMERS;
  return {
    status: 'processing',
    billing: {
      first_name: 'Hine',
      last_name: `Backlog${customer}`,
      email: `hine.${customer}@example.co.nz`,
      country: 'NZ',
    },
    lineItems: [0, 1].map((k) => {
      const sku = SKUS[(i + k) % SKUS.length] as string;
      return { name: `Woven ${sku}`, sku, quantity: 1 + k, price: 20 + k };
    }),
    shippingLines: [{ methodTitle: 'Courier', total: 5 }],
  };
}

describe('a backlog of 100 orders under Xero’s real limits (60 a minute, 5 at once), on a clock the test moves', () => {
  let temporal: TestWorkflowEnvironment;
  let stack: TestStack;
  let mover: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    temporal = await startTestTemporal();
    stack = await startTestStack(temporal, { governorOnSandboxClock: { speed: SPEED } });
    mover = setInterval(() => stack.xero.clock.advance(TICK_MS * SPEED), TICK_MS);
  }, 180_000);
  afterAll(async () => {
    clearInterval(mover);
    await stack?.close();
    await temporal?.teardown();
  });

  it('books every order exactly once, and Xero never answers 429', async () => {
    const orders = Array.from({ length: ORDERS }, (_, i) => stack.woo.orders.create(orderOf(i)));
    // Orders taken after the first minute's calls wait (which ones depends on the worker): watch them all as support
    // would, in the API's order view and the Temporal UI.
    const sampler = sampleCapacityWaits(
      stack,
      orders.map((order) => order.id),
    );
    const entries = await Promise.all(orders.map((order) => waitForLedger(stack, order.id, 400_000)));
    expect(entries.map((entry) => entry.lastError ?? entry.state)).toEqual(orders.map(() => 'synced'));
    const seen = await sampler.stop();
    expect(seen.orderView).toEqual({ message: 'waiting for Xero capacity', expectedAt: expect.any(String) });
    expect(seen.heartbeat?.waitingForXeroCapacity).toEqual({
      until: expect.any(String),
      limit: expect.stringMatching(/^(minute|queued|concurrent)$/),
      request: expect.stringMatching(/^(GET|PUT|POST) \//),
    });
    expect(seen.runState).toBe('waiting-for-xero-capacity');
    // Once booked, nothing says it waits any more.
    expect(entries.map((entry) => entry.xeroWaitUntil ?? null)).toEqual(entries.map(() => null));
    const finalStates = await Promise.all(
      orders.slice(-10).map(async (order) => {
        const handle = stack.temporal.workflow.getHandle(`order-sync:${stack.store.storeId}:${order.id}`);
        // The ledger is written by the pass; the run sets its final state just after, as it ends.
        await handle.result();
        return (await handle.describe()).typedSearchAttributes.get(SYNC_STATE);
      }),
    );
    expect(finalStates).toEqual(orders.slice(-10).map(() => 'synced'));

    // No duplicates: one live invoice per order, one contact per customer, one item per code.
    for (const order of orders) expect(invoicesForOrder(stack, order.number)).toHaveLength(1);
    expect(stack.xero.state.invoices()).toHaveLength(ORDERS);
    const contacts = stack.xero.state.contacts().filter((contact) => String(contact.Name).startsWith('Hine Backlog'));
    expect(contacts).toHaveLength(CUSTOMERS);
    for (const sku of SKUS) expect(stack.xero.state.items().filter((item) => item.Code === sku)).toHaveLength(1);

    const calls = stack.xero.state.requests(/^\/api\.xro\/2\.0\//);
    expect(calls.filter((call) => call.status === 429)).toEqual([]);
    // The limit was what paced the work: more than a minute's worth of calls, spread so no minute held over 60.
    expect(calls.length).toBeGreaterThan(60);
    expect(busiestMinute(calls.map((call) => call.at))).toBeLessThanOrEqual(60);
  }, 420_000);

  it('a 429 despite the governor (another app used the minute) holds back every caller for Retry-After, and nothing fails', async () => {
    const accounting = /^\/api\.xro\/2\.0\//;
    const seen = stack.xero.state.requests(accounting).length;
    stack.xero.faults.add({
      path: accounting,
      fault: { status: 429, headers: { 'retry-after': '30', 'x-rate-limit-problem': 'minute' } },
    });
    const first = stack.woo.orders.create(orderOf(1_000));
    const refused = await eventually(
      async () =>
        stack.xero.state
          .requests(accounting)
          .slice(seen)
          .find((call) => call.status === 429),
      60_000,
      'the injected 429',
    );
    const later = Array.from({ length: 9 }, (_, i) => stack.woo.orders.create(orderOf(1_001 + i)));
    const entries = await Promise.all([first, ...later].map((order) => waitForLedger(stack, order.id, 200_000)));
    expect(entries.map((entry) => entry.lastError ?? entry.state)).toEqual(entries.map(() => 'synced'));
    for (const order of [first, ...later]) expect(invoicesForOrder(stack, order.number)).toHaveLength(1);

    const after = stack.xero.state.requests(accounting).slice(seen);
    expect(after.filter((call) => call.status === 429)).toEqual([refused]);
    // Every call after the refusal, the refused order's own retry included, waited Xero's 30 s (the ten invoices
    // may share batches, so there are fewer calls than orders).
    const sentAfter = after.filter((call) => call !== refused && call.at >= refused.at);
    expect(sentAfter.length).toBeGreaterThan(0);
    expect(Math.min(...sentAfter.map((call) => call.at))).toBeGreaterThanOrEqual(refused.at + 30_000);
  }, 300_000);
});
