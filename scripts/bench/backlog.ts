import { busiestMinute } from '../../test/support/busiest-minute';
import {
  accountingRequests,
  bookOrder,
  bookedInvoices,
  customerEmail,
  KNOWN_SKUS,
  orderOf,
  orderState,
} from './orders';
import { fixed, type BenchResult } from './report';
import { startBenchStack, type BenchStack } from './stack';

const BACKLOG = 300;
/** Customers whose contact Xero already has (60 % of the backlog's orders are theirs). */
const REPEAT_CUSTOMERS = 10;
/** New products among the new customers' orders (each new customer's order buys a known and a new one). */
const NEW_SKUS = 12;
const TIME_LIMIT_MS = 8 * 60_000;
const TARGET_PER_MINUTE = 60;

const isRepeat = (i: number): boolean => i % 5 < 3;

/** Order `i` of the backlog: 60 % from the repeat customers with known items, the rest new customers. */
function backlogOrder(i: number) {
  if (isRepeat(i)) return orderOf(customerEmail('backlog', i % REPEAT_CUSTOMERS), KNOWN_SKUS);
  return orderOf(customerEmail('backlog-new', i), [
    KNOWN_SKUS[i % KNOWN_SKUS.length] as string,
    `BACKLOG-${i % NEW_SKUS}`,
  ]);
}

/** Waits until `count` invoices exist in the sandbox or the time limit passes; resolves with when the last appeared. */
async function untilBooked(stack: BenchStack, count: number, deadline: number): Promise<number> {
  let seen = bookedInvoices(stack);
  let lastAt = Date.now();
  while (seen < count && Date.now() < deadline) {
    if (!stack.worker?.alive()) throw new Error(`the worker exited; see ${stack.worker?.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = bookedInvoices(stack);
    if (now > seen) lastAt = Date.now();
    seen = now;
  }
  return lastAt;
}

/**
 * Orders booked per organisation-minute for a backlog delivered at once, under the Xero sandbox's real limits (60
 * a minute, 5 at once, on its real-time clock) and the service's default headroom; counts the 429s Xero answered.
 */
export async function benchBacklog(): Promise<BenchResult> {
  const stack = await startBenchStack({ name: 'backlog' });
  try {
    // The repeat customers' first orders make them and the known items known (and read the reference data).
    await Promise.all(
      Array.from({ length: REPEAT_CUSTOMERS }, (_, i) =>
        bookOrder(stack, orderOf(customerEmail('backlog', i), KNOWN_SKUS), { timeoutMs: 300_000 }),
      ),
    );
    // Xero counts calls per rolling minute: let the warm-up's calls age out, so the backlog starts on a full minute.
    await new Promise((resolve) => setTimeout(resolve, 61_000));
    const before = bookedInvoices(stack);
    stack.xero.state.clearRequests();
    const startedAt = Date.now();
    const orders = Array.from({ length: BACKLOG }, (_, i) => stack.woo.orders.create(backlogOrder(i)));
    const lastAt = await untilBooked(stack, before + BACKLOG, startedAt + TIME_LIMIT_MS);
    const booked = bookedInvoices(stack) - before;
    const minutes = (lastAt - startedAt) / 60_000;
    const perMinute = booked / minutes;
    const calls = accountingRequests(stack);
    const refused = calls.filter((call) => call.status === 429).length;
    const states = await Promise.all(orders.map((order) => orderState(stack, order.id)));
    const failed = states.filter((state) => state === 'failed').length;
    const invoicePuts = calls.filter((call) => call.method === 'PUT' && call.path.endsWith('/Invoices')).length;
    return {
      id: 'backlog',
      title: 'A backlog under Xero’s real limits',
      figures: [
        {
          name: 'Orders booked per organisation-minute',
          value: fixed(perMinute, 1),
          target: `≥ ${TARGET_PER_MINUTE}`,
          met: perMinute >= TARGET_PER_MINUTE && booked === BACKLOG,
        },
        { name: '429 answers from Xero', value: String(refused), target: '0', met: refused === 0 },
        { name: 'Orders booked', value: `${booked} of ${BACKLOG}`, target: `${BACKLOG}`, met: booked === BACKLOG },
        { name: 'Orders failed', value: String(failed) },
        { name: 'Minutes until the last was booked', value: fixed(minutes, 2) },
        { name: 'Xero calls (busiest 60 s)', value: `${calls.length} (${busiestMinute(calls.map((c) => c.at))})` },
        { name: 'PUT /Invoices requests (batches)', value: String(invoicePuts) },
      ],
      layout: stack.layout,
      notes: [
        `${BACKLOG} orders placed at once in the WooCommerce sandbox, their webhooks delivered to the service: ` +
          `${(BACKLOG * 3) / 5} from ${REPEAT_CUSTOMERS} repeat customers buying known items, ${(BACKLOG * 2) / 5} ` +
          `from new customers, each buying a known item and one of ${NEW_SKUS} new ones.`,
        'The Xero sandbox enforces Xero’s limits on its real-time clock (60 calls in any minute, 5 at once, 5,000 a ' +
          'day); the service runs with its defaults (at most 50 calls a minute, 10 left for the merchant’s other apps).',
        `Rate: orders booked ÷ minutes from the first order placed to the last invoice created (limit ${TIME_LIMIT_MS / 60_000} minutes). ` +
          'The repeat customers’ warm-up orders are not counted, and the minute after them is left to expire first.',
        'The issue as filed measured about 5 orders a minute, 320 of 883 calls answered 429, for 48 new customers.',
      ],
    };
  } finally {
    await stack.close();
  }
}
