import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, workerActivityDeps } from '../../activities';
import { silentLogger } from '../../api/logger';
import { createApiServer, type ApiServer } from '../../api/main';
import { loadConfig } from '../../lib/config';
import type { Db } from '../../lib/db';
import { openServices, type Services } from '../../lib/runtime/services';
import { ensureTemporalCli } from '../../lib/temporal/cli';
import { startTemporalDevServer, type DevServer } from '../../lib/temporal/dev-server';
import { connectTemporalWorker } from '../../lib/temporal/native-connection';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { onboardStore, type OnboardedStore } from '../../scripts/support/onboard-store';
import { createSyncWorker } from '../../worker/create-worker';
import { openTestDatabase } from '../support/database';
import { eventually, freePort } from '../support/ports';
import { sandboxEnvironment, STACK_OPERATOR_TOKEN } from '../support/stack';
import { testDataConverter } from '../support/payload-keys';
import { getWorkflowBundle, quietRuntime } from '../support/temporal';

const ORDERS = 50;
/** How long Temporal stays away (real time: the relay's backoff and the gRPC reconnects run on the wall clock). */
const OUTAGE_MS = 30_000;

describe('the Temporal server stopped while signed deliveries arrive', () => {
  const cli = ensureTemporalCli();
  let temporalDir: string;
  let temporalPorts: { port: number; uiPort: number };
  let temporal: DevServer | undefined;
  let woo: WooSandbox;
  let xero: XeroSandbox;
  let db: Db;
  let services: Services;
  let api: ApiServer;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let store: OnboardedStore;

  const startTemporal = () => startTemporalDevServer({ cli, dataDir: temporalDir, ...temporalPorts });

  beforeAll(async () => {
    quietRuntime();
    temporalDir = await mkdtemp(path.join(tmpdir(), 'woo-xero-outage-'));
    temporalPorts = { port: await freePort(), uiPort: await freePort() };
    // The governor of Xero's limits is tested elsewhere; here Xero must not be the bottleneck of 50 orders.
    const generous = { perMinute: 100_000, perDay: 1_000_000, concurrent: 100, appPerMinute: 1_000_000 };
    [temporal, woo, xero, db] = await Promise.all([
      startTemporal(),
      startWooSandbox(),
      startXeroSandbox({ rateLimits: generous }),
      openTestDatabase(),
    ]);
    const config = loadConfig(
      sandboxEnvironment({
        xeroUrl: xero.url,
        temporalAddress: temporal.address,
        taskQueue: `outage-${process.pid}`,
        port: await freePort(),
        dataDir: temporalDir,
        encryptionKey: randomBytes(32).toString('base64'),
      }),
    );
    services = await openServices(config, { db });
    api = await createApiServer(config, { services, logger: silentLogger });
    const apiUrl = await api.listen();
    workerConnection = await connectTemporalWorker(config.temporal);
    worker = await createSyncWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      activities: createActivities(workerActivityDeps(services, config)),
      workflowBundle: await getWorkflowBundle(),
      dataConverter: await testDataConverter(),
    });
    running = worker.run();
    store = await onboardStore(apiUrl, STACK_OPERATOR_TOKEN, {
      url: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
  }, 180_000);

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await workerConnection?.close();
    await api?.close();
    await Promise.all([woo?.close(), xero?.close()]);
    await db?.close();
    await temporal?.stop();
    await rm(temporalDir, { recursive: true, force: true });
  });

  it('acknowledges every delivery, and books every order once Temporal is back', async () => {
    await temporal?.stop();
    temporal = undefined;
    const stoppedAt = Date.now();

    const orders = Array.from({ length: ORDERS }, (_, i) =>
      woo.orders.create({
        status: 'processing',
        billing: { first_name: 'Kiri', last_name: `Outage${i}`, email: `kiri.${i}@example.co.nz` },
        lineItems: [{ name: 'Harakeke kete', sku: 'KETE-1', quantity: 1 + (i % 3), price: 45 }],
      }),
    );
    await woo.deliveries.waitForIdle(120_000);
    const orderIds = new Set(orders.map((order) => order.id));
    const deliveries = woo.deliveries.deliveries().filter((d) => d.resourceId !== null && orderIds.has(d.resourceId));
    expect(new Set(deliveries.map((d) => d.resourceId)).size).toBe(ORDERS);
    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 202));

    // Keep Temporal away for the whole outage even when the deliveries were quick, then bring it back on the same
    // port and SQLite file.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
    temporal = await startTemporal();

    for (const order of orders) {
      const entry = await eventually(
        async () => {
          const found = await services.repos.ledger.get(store.storeId, order.id);
          return found && found.state !== 'pending' ? found : undefined;
        },
        240_000,
        `order ${order.id} to be booked`,
      );
      expect(entry).toMatchObject({ state: 'synced' });
    }
    for (const order of orders) {
      const live = xero.state
        .invoices()
        .filter((invoice) => String(invoice.Reference ?? '').endsWith(`#${order.number}`))
        .filter((invoice) => !['DELETED', 'VOIDED'].includes(String(invoice.Status)));
      expect(live).toHaveLength(1);
    }
  }, 600_000);
});
