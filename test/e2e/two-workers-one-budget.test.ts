import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApiServer, type ApiServer } from '../../api/main';
import { silentLogger } from '../../api/logger';
import { loadConfig } from '../../lib/config';
import { openServices, type Services } from '../../lib/runtime/services';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { onboardStore, type OnboardedStore } from '../../scripts/support/onboard-store';
import { busiestMinute } from '../support/busiest-minute';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/database';
import { eventually, freePort } from '../support/ports';
import { sandboxEnvironment, STACK_OPERATOR_TOKEN } from '../support/stack';
import { startTestTemporal } from '../support/temporal';
import { exited, startWorkerProcess, workerPolling } from '../support/worker-process';

/** The organisation's minute in this test: small, so that a little more than a minute of real time proves it. */
const PER_MINUTE = 20;
const ORDERS = 16;

// Two processes share a database only on PostgreSQL (embedded PGlite serves one process): the PostgreSQL pass
// of `npm test` runs this file.
const describeOnPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

describeOnPostgres('two worker processes sharing one organisation’s Xero budget (PostgreSQL)', () => {
  let temporal: TestWorkflowEnvironment;
  let woo: WooSandbox;
  let xero: XeroSandbox;
  let database: TestDatabaseLocation;
  let dataDir: string;
  let services: Services;
  let api: ApiServer;
  let store: OnboardedStore;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    temporal = await startTestTemporal();
    [woo, xero, dataDir] = await Promise.all([
      startWooSandbox(),
      // Xero's real rules on a real-time clock, with a smaller minute.
      startXeroSandbox({ realTime: true, rateLimits: { perMinute: PER_MINUTE } }),
      mkdtemp(path.join(tmpdir(), 'woo-xero-two-workers-')),
    ]);
    database = await createTestDatabaseLocation(dataDir);
    const env = {
      ...sandboxEnvironment({
        xeroUrl: xero.url,
        temporalAddress: temporal.address,
        taskQueue: `two-workers-${process.pid}`,
        port: await freePort(),
        dataDir,
        encryptionKey: randomBytes(32).toString('base64'),
      }),
      ...database.env,
      XERO_CALLS_PER_MINUTE: String(PER_MINUTE),
      XERO_MINUTE_HEADROOM: '0',
    };
    const config = loadConfig(env);
    services = await openServices(config);
    api = await createApiServer(config, { services, logger: silentLogger });
    store = await onboardStore(await api.listen(), STACK_OPERATOR_TOKEN, {
      url: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    workers.push(startWorkerProcess(env), startWorkerProcess(env));
    await Promise.all(workers.map(workerPolling));
  }, 240_000);

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map(exited));
    await api?.close();
    await services?.close();
    await Promise.all([woo?.close(), xero?.close()]);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await temporal?.teardown();
  });

  it('book every order, both doing the work, and Xero never answers 429', async () => {
    const orders = Array.from({ length: ORDERS }, (_, i) =>
      woo.orders.create({
        status: 'processing',
        billing: { first_name: 'Aroha', last_name: 'Two', email: `aroha.${i % 4}@example.co.nz`, country: 'NZ' },
        lineItems: [{ name: 'Flax kete', sku: 'KETE-TWO', quantity: 1 + (i % 3), price: 45 }],
      }),
    );
    const entries = await Promise.all(
      orders.map((order) =>
        eventually(
          async () => {
            const entry = await services.repos.ledger.get(store.storeId, order.id);
            return entry && entry.state !== 'pending' ? entry : undefined;
          },
          300_000,
          `order ${order.id}`,
        ),
      ),
    );
    expect(entries.map((entry) => entry.lastError ?? entry.state)).toEqual(orders.map(() => 'synced'));
    for (const order of orders) {
      const live = xero.state
        .invoices()
        .filter((invoice) => String(invoice.Reference).endsWith(`#${order.number}`) && invoice.Status !== 'DELETED');
      expect(live).toHaveLength(1);
    }

    const calls = xero.state.requests(/^\/api\.xro\/2\.0\//);
    expect(calls.filter((call) => call.status === 429)).toEqual([]);
    // More than one minute's budget was spent, so the two processes had to share it…
    expect(calls.length).toBeGreaterThan(PER_MINUTE);
    expect(busiestMinute(calls.map((call) => call.at))).toBeLessThanOrEqual(PER_MINUTE);
    // …and both processes ran the orders' Xero steps (the worker identity of each started activity).
    const identities = new Set<string>();
    for (const entry of entries) {
      const history = await temporal.client.workflow.getHandle(entry.workflowId as string).fetchHistory();
      for (const event of history.events ?? []) {
        const identity = event.activityTaskStartedEventAttributes?.identity;
        if (identity) identities.add(identity);
      }
    }
    expect(identities.size).toBe(2);
  }, 360_000);
});
