import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createOrderSyncStarter } from '../../api/order-sync-starter';
import { loadConfig } from '../../lib/config';
import { startWooSandbox, type DeliveryRecord, type WooSandbox } from '../../sandbox/woocommerce';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/database';
import { eventually, freePort } from '../support/ports';
import { sandboxEnvironment, startTestStack, type TestStack } from '../support/stack';
import { startTestTemporal } from '../support/temporal';
import { exited, startWorkerProcess } from '../support/worker-process';
import {
  expectedHoldings,
  heldInXero,
  holdingTotals,
  xeroRecords,
  xeroTotals,
  type OrderHoldings,
  type XeroRecords,
} from './order-holdings';
import { liveRandomLives, type LivedOrder } from './random-life-run';
import { planOrders, SCENARIOS } from './random-order-lives';
import { seededRng, seedFromEnv } from './seeded-rng';
import { lastRunStatus, onboardWithoutStaying, turnOnPayments, waitForRunsToEnd } from './support';
import { changeOfDelivery, holdWebhooks, postDelivery, sendAll, type HeldWebhooks } from './webhook-hold';

const ORDERS = 200;
const CRASH_ORDERS = 200;
const ROUNDS = 6;
/** The round in whose deliveries the worker process is killed. */
const CRASH_ROUND = 2;
const SEED = seedFromEnv();

/** Xero's limits are not the subject: the sandbox and the service's governor both allow plenty. */
const GENEROUS_XERO = { perMinute: 1_000_000, perDay: 10_000_000, concurrent: 100, appPerMinute: 10_000_000 };
const GOVERNOR_ENV = {
  XERO_CALLS_PER_MINUTE: '1000000',
  XERO_CALLS_PER_DAY: '10000000',
  XERO_CONCURRENT_CALLS: '10',
  XERO_APP_CALLS_PER_MINUTE: '10000000',
};

/** A finished run: the orders with their histories, and where to read what WooCommerce and Xero hold. */
interface Outcome {
  woo: WooSandbox;
  /** What the sandbox Xero held once every run had ended. */
  xero: XeroRecords;
  lived: LivedOrder[];
  runs: Map<number, string>;
}

/** One order whose Xero holdings differ from what its final state requires, with its life for the report. */
interface Mismatch {
  order: string;
  events: string[];
  finalStatus: string;
  expected: OrderHoldings;
  held: OrderHoldings;
}

const hasStep = (order: LivedOrder, kind: string): boolean => order.planned.steps.some((s) => s.step.kind === kind);
const isEdited = (order: LivedOrder): boolean => hasStep(order, 'edit');
const isRestored = (order: LivedOrder): boolean => hasStep(order, 'restore');

/** Compares, for each order, what Xero holds with what its final WooCommerce state requires. */
function mismatches(outcome: Outcome, orders: readonly LivedOrder[]): Mismatch[] {
  return orders.flatMap((order) => {
    const final = outcome.woo.orders.toRest(order.id);
    const expected = expectedHoldings(final, order.history);
    const held = heldInXero(outcome.xero, order.number, outcome.runs.get(order.id) ?? 'NOT_FOUND');
    if (isDeepStrictEqual(expected, held)) return [];
    const name = `#${order.number} (${order.planned.scenario})`;
    return [{ order: name, events: order.events, finalStatus: final.status, expected, held }];
  });
}

/** The latest run's status of every order's workflow. */
async function runStatuses(
  client: TestWorkflowEnvironment['client'],
  storeId: string,
  lived: readonly LivedOrder[],
): Promise<Map<number, string>> {
  const statuses = await Promise.all(lived.map((order) => lastRunStatus(client, storeId, order.id)));
  return new Map(lived.map((order, i) => [order.id, statuses[i]!]));
}

/** The assertions both runs make, one `it` per group of orders, each failure naming the seed that replays it. */
function itHoldsExactlyWhatEachOrderRequires(outcome: () => Outcome): void {
  const check = (orders: (all: LivedOrder[]) => LivedOrder[]) => {
    const selected = orders(outcome().lived);
    expect(selected.length).toBeGreaterThan(0);
    expect({ seed: SEED, mismatches: mismatches(outcome(), selected) }).toEqual({ seed: SEED, mismatches: [] });
  };

  it('every order neither edited nor restored: exactly its invoice, payment and credit notes, to the cent', () => {
    const { lived } = outcome();
    expect(new Set(lived.map((order) => order.planned.scenario))).toEqual(new Set(SCENARIOS));
    const required = lived.map((order) => expectedHoldings(outcome().woo.orders.toRest(order.id), order.history));
    const some = (holds: (h: OrderHoldings) => boolean): boolean => required.some(holds);
    // The generator made every kind of record Xero is to hold, so the comparison below has something to compare.
    expect({
      paid: some((h) => h.payments.length > 0),
      allocated: some((h) => h.creditNotes.some((note) => note.allocations.length > 0)),
      refundedInCash: some((h) => h.creditNotes.some((note) => note.cashRefunds.length > 0)),
      voided: some((h) => h.invoices.length === 0 && h.dead > 0),
      reissued: some((h) => h.invoices.length > 0 && h.dead > 0),
    }).toEqual({ paid: true, allocated: true, refundedInCash: true, voided: true, reissued: true });
    check((all) => all.filter((order) => !isEdited(order) && !isRestored(order)));
  });

  it('edited unpaid orders: the live invoice totals the edited order, and a later payment is for that total', () => {
    check((all) => all.filter(isEdited));
  });

  it('restored orders: one live invoice again, reissued as WC-n-2 where the trash had voided it', () => {
    check((all) => all.filter(isRestored));
  });

  it('nothing else: no invoice, credit note or payment in Xero that no order requires', () => {
    const { lived, xero, runs } = outcome();
    const held = lived.map((order) => heldInXero(xero, order.number, runs.get(order.id) ?? 'NOT_FOUND'));
    expect({ seed: SEED, totals: xeroTotals(xero) }).toEqual({ seed: SEED, totals: holdingTotals(held) });
    // A credit note taken back is voided with nothing left on it: no allocation, no cash refund.
    const voided = xero.creditNotes.filter((note) => note.Status === 'VOIDED');
    const moneyOnVoided = voided.filter(
      (note) =>
        ((note.Allocations as unknown[] | undefined) ?? []).length > 0 ||
        xero.payments.some(
          (p) =>
            p.Status !== 'DELETED' &&
            (p.Invoice as { InvoiceID?: unknown } | undefined)?.InvoiceID === note.CreditNoteID,
        ),
    );
    expect({ seed: SEED, moneyOnVoided: moneyOnVoided.map((note) => note.CreditNoteNumber) }).toEqual({
      seed: SEED,
      moneyOnVoided: [],
    });
  });
}

describe(`random order lives, their webhooks shuffled and repeated (SEED=${SEED})`, () => {
  let temporal: TestWorkflowEnvironment;
  beforeAll(async () => {
    temporal = await startTestTemporal();
  }, 180_000);
  afterAll(async () => {
    await temporal?.teardown();
  });

  describe(`${ORDERS} orders, the service in this process`, () => {
    let stack: TestStack;
    let held: HeldWebhooks;
    let outcome: Outcome;

    beforeAll(async () => {
      stack = await startTestStack(temporal, { xero: { rateLimits: GENEROUS_XERO }, env: GOVERNOR_ENV });
      await turnOnPayments(stack.apiUrl, stack.store);
      held = await holdWebhooks(stack.woo, stack.store.webhookIds);
      const rng = seededRng(SEED);
      const { storeId, webhookUrl } = stack.store;
      const lived = await liveRandomLives({
        woo: stack.woo,
        held,
        plan: planOrders(ORDERS, ROUNDS, rng),
        rounds: ROUNDS,
        rng,
        service: {
          deliver: (record) => postDelivery(webhookUrl, record),
          settle: async (ids) => {
            const inbox = stack.services.repos.webhookInbox;
            await eventually(async () => ((await inbox.pending(1)).length === 0 ? true : undefined), 60_000);
            await waitForRunsToEnd(stack.temporal, storeId, ids);
          },
        },
      });
      outcome = {
        woo: stack.woo,
        xero: xeroRecords(stack.xero.state),
        lived,
        runs: await runStatuses(stack.temporal, storeId, lived),
      };
    }, 600_000);

    afterAll(async () => {
      await held?.close();
      await stack?.close();
    });

    itHoldsExactlyWhatEachOrderRequires(() => outcome);
  });

  describe(`${CRASH_ORDERS} orders, the worker a process SIGKILLed in round ${CRASH_ROUND}, then restarted`, () => {
    let woo: WooSandbox;
    let xero: XeroSandbox;
    let database: TestDatabaseLocation;
    let dataDir: string;
    let held: HeldWebhooks;
    let outcome: Outcome;
    const workers: ChildProcess[] = [];
    /** Runs that were open when the worker was killed (the restarted worker had to finish them). */
    let openAtKill: number[] = [];

    /**
     * Sends the crash round's deliveries: half, then kills the worker while Xero calls are under way, sends the rest
     * while no worker runs, and starts another.
     */
    const sendThroughCrash = async (
      records: DeliveryRecord[],
      deliver: (record: DeliveryRecord) => Promise<void>,
      env: NodeJS.ProcessEnv,
      storeId: string,
    ): Promise<void> => {
      const half = Math.ceil(records.length / 2);
      const callsBefore = xero.state.requests().length;
      await sendAll(records.slice(0, half), deliver);
      const busy = Math.max(3, Math.floor(half / 4));
      await eventually(
        async () => (xero.state.requests().length >= callsBefore + busy ? true : undefined),
        60_000,
        'the worker to be busy with Xero',
      );
      const first = workers[workers.length - 1]!;
      first.kill('SIGKILL');
      await exited(first);
      const touched = [...new Set(records.slice(0, half).map((record) => Number(record.resourceId)))];
      const statuses = await Promise.all(touched.map((id) => lastRunStatus(temporal.client, storeId, id)));
      openAtKill = touched.filter((_, i) => statuses[i] === 'RUNNING');
      await sendAll(records.slice(half), deliver);
      workers.push(startWorkerProcess(env));
    };

    beforeAll(async () => {
      [woo, xero, dataDir] = await Promise.all([
        startWooSandbox(),
        startXeroSandbox({ rateLimits: GENEROUS_XERO }),
        mkdtemp(path.join(tmpdir(), 'woo-xero-random-crash-')),
      ]);
      database = await createTestDatabaseLocation(dataDir);
      const env = {
        ...sandboxEnvironment({
          xeroUrl: xero.url,
          temporalAddress: temporal.address,
          taskQueue: `random-crash-${process.pid}`,
          port: await freePort(),
          dataDir,
          encryptionKey: randomBytes(32).toString('base64'),
        }),
        ...database.env,
        ...GOVERNOR_ENV,
      };
      const config = loadConfig(env);
      // Without the API (it lets go of the database for the worker processes), deliveries go to Temporal as the
      // webhook relay hands them over.
      const store = await onboardWithoutStaying(config, woo, turnOnPayments);
      held = await holdWebhooks(woo, store.webhookIds);

      const starter = createOrderSyncStarter(temporal.client, config);
      const deliver = async (record: DeliveryRecord): Promise<void> => {
        await starter.start(changeOfDelivery(store.storeId, record));
      };
      workers.push(startWorkerProcess(env));
      const rng = seededRng(SEED ^ 0x5eed);
      const lived = await liveRandomLives({
        woo,
        held,
        plan: planOrders(CRASH_ORDERS, ROUNDS, rng),
        rounds: ROUNDS,
        rng,
        service: {
          deliver,
          sendRound: (round, records) =>
            round === CRASH_ROUND ? sendThroughCrash(records, deliver, env, store.storeId) : sendAll(records, deliver),
          settle: (ids) => waitForRunsToEnd(temporal.client, store.storeId, ids, 180_000),
        },
      });
      outcome = {
        woo,
        xero: xeroRecords(xero.state),
        lived,
        runs: await runStatuses(temporal.client, store.storeId, lived),
      };
    }, 600_000);

    afterAll(async () => {
      for (const worker of workers) worker.kill('SIGKILL');
      await Promise.all(workers.map(exited));
      await held?.close();
      await Promise.all([woo?.close(), xero?.close()]);
      await database?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('was killed while runs were open, and a second worker process finished them', () => {
      expect(workers).toHaveLength(2);
      expect(openAtKill.length).toBeGreaterThan(0);
      expect(openAtKill.filter((id) => outcome.runs.get(id) !== 'COMPLETED')).toEqual([]);
    });

    itHoldsExactlyWhatEachOrderRequires(() => outcome);
  });
});
