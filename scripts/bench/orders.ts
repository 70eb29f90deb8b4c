import type { CreateOrderInput } from '../../sandbox/woocommerce';
import type { BenchStack } from './stack';
import { waitUntil } from './service-process';

/** The catalogue items every "known items" order buys (booked once before the measured orders). */
export const KNOWN_SKUS = ['BENCH-KETE', 'BENCH-BALM'];

/** An order of `email` for one of each SKU, with shipping, as a shop would place it. */
export function orderOf(email: string, skus: readonly string[]): CreateOrderInput {
  return {
    status: 'processing',
    billing: { first_name: 'Bench', last_name: 'Customer', email, country: 'NZ' },
    lineItems: skus.map((sku, i) => ({ name: `Item ${sku}`, sku, quantity: 1 + (i % 3), price: 12.5 + i })),
    shippingLines: [{ methodTitle: 'Courier', total: 6 }],
  };
}

/** The e-mail address of customer `n` of a benchmark (sandbox customers, no one's personal data). */
export function customerEmail(bench: string, n: number): string {
  return `${bench}-customer-${n}@example.co.nz`;
}

/** Where the service says an order's sync stands (GET /api/stores/:id/orders/:orderId), or undefined if unseen. */
export async function orderState(stack: BenchStack, orderId: number): Promise<string | undefined> {
  const response = await fetch(`${stack.apiUrl}/api/stores/${stack.store.storeId}/orders/${orderId}`, {
    headers: { authorization: `Bearer ${stack.store.apiToken}` },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET order ${orderId} answered HTTP ${response.status}`);
  return ((await response.json()) as { state: string }).state;
}

/**
 * Places the order in the sandbox store (its webhooks reach the service) and waits until it is synced, or in the
 * state its life ends in (`paid` when payments are recorded).
 */
export async function bookOrder(
  stack: BenchStack,
  order: CreateOrderInput,
  opts: { timeoutMs?: number; state?: string } = {},
): Promise<number> {
  const created = stack.woo.orders.create(order);
  const expected = opts.state ?? 'synced';
  let state: string | undefined;
  await waitUntil(
    `order ${created.id} to be ${expected}`,
    async () => {
      state = await orderState(stack, created.id);
      return state === expected || state === 'failed' || state === 'skipped';
    },
    { timeoutMs: opts.timeoutMs ?? 180_000, process: stack.worker, pollMs: 200 },
  );
  if (state !== expected) throw new Error(`order ${created.id} ended ${state}, not ${expected}`);
  return created.id;
}

/** Turns on recording WooCommerce payments in Xero for the bench store (to the default bank account). */
export async function recordPayments(stack: BenchStack): Promise<void> {
  const response = await fetch(`${stack.apiUrl}/api/stores/${stack.store.storeId}/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.store.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ payments: { record: true } }),
  });
  if (!response.ok) throw new Error(`PUT settings answered HTTP ${response.status}`);
}

/** The Accounting API requests the sandbox Xero has received so far. */
export function accountingRequests(stack: BenchStack): ReturnType<BenchStack['xero']['state']['requests']> {
  return stack.xero.state.requests(/^\/api\.xro\/2\.0\//);
}

/** Live invoices in the sandbox Xero: the orders booked so far. */
export function bookedInvoices(stack: BenchStack): number {
  return stack.xero.state.invoices().filter((invoice) => !['DELETED', 'VOIDED'].includes(String(invoice.Status)))
    .length;
}
