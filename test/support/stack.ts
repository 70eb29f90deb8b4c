import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, workerActivityDeps, type WorkerActivities } from '../../activities';
import { createApiServer, type ApiServer } from '../../api/main';
import { silentLogger } from '../../api/logger';
import { loadConfig, type AppConfig } from '../../lib/config';
import type { Db } from '../../lib/db';
import type { XeroCallGate } from '../../lib/xero/call-gate';
import { openServices, type Services } from '../../lib/runtime/services';
import { wooSandboxEnvironment, xeroSandboxEnvironment } from '../../sandbox/service-environment';
import { startWooSandbox, type WooSandbox, type WooSandboxOptions } from '../../sandbox/woocommerce';
import { startXeroSandbox, type XeroSandbox, type XeroSandboxOptions } from '../../sandbox/xero';
import { onboardStore, type OnboardedStore } from '../../scripts/support/onboard-store';
import { createSyncWorker } from '../../worker/create-worker';
import { openTestDatabase } from './database';
import { freePort } from './ports';
import { TEST_PAYLOAD_KEYS, testDataConverter } from './payload-keys';
import { getWorkflowBundle, startTestTemporal } from './temporal';

/** The operator token of every test stack. */
export const STACK_OPERATOR_TOKEN = 'op_stack_operator_token_0123456789';

/** The environment that points the service at the two sandboxes and a Temporal server. */
export function sandboxEnvironment(opts: {
  xeroUrl: string;
  temporalAddress: string;
  taskQueue: string;
  port: number;
  dataDir: string;
  encryptionKey: string;
}): NodeJS.ProcessEnv {
  return {
    PORT: String(opts.port),
    PUBLIC_URL: `http://127.0.0.1:${opts.port}`,
    DATA_DIR: opts.dataDir,
    ENCRYPTION_KEY: opts.encryptionKey,
    OPERATOR_TOKEN: STACK_OPERATOR_TOKEN,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_TASK_QUEUE: opts.taskQueue,
    TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    ...xeroSandboxEnvironment(opts.xeroUrl),
    ...wooSandboxEnvironment(),
    SYNC_SETTLE_DELAY: '300ms',
  };
}

/** A whole service (API + worker) on a real Temporal server and database, against both sandboxes. */
export interface TestStack {
  config: AppConfig;
  env: NodeJS.ProcessEnv;
  db: Db;
  services: Services;
  woo: WooSandbox;
  xero: XeroSandbox;
  api: ApiServer;
  apiUrl: string;
  worker: Worker;
  store: OnboardedStore;
  /** The Temporal client of the test server. */
  temporal: TestWorkflowEnvironment['client'];
  /** Stops the in-process worker (for tests that run their own). */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

let stackCount = 0;

/** Starts sandboxes, database, API and worker, then onboards a store (registration, Xero OAuth, webhooks). */
export async function startTestStack(
  temporal: TestWorkflowEnvironment,
  opts: {
    woo?: WooSandboxOptions;
    xero?: XeroSandboxOptions;
    runWorker?: boolean;
    /** Wraps the worker's activities (e.g. to act at a given step of a run). */
    wrapActivities?: (activities: WorkerActivities) => WorkerActivities;
    /**
     * The Xero governor reads the Xero sandbox's clock, which the test moves `speed` times faster than real time
     * (default: the governor keeps real time).
     */
    governorOnSandboxClock?: { speed: number };
    /** Extra environment for the service's configuration (e.g. XERO_MAX_CAPACITY_WAIT). */
    env?: NodeJS.ProcessEnv;
    /** The Xero call gate of the service, instead of the governor (e.g. test/support/held-gate.ts). */
    gate?: XeroCallGate;
  } = {},
): Promise<TestStack> {
  const [woo, xero, db, port, dataDir] = await Promise.all([
    startWooSandbox(opts.woo),
    startXeroSandbox(opts.xero),
    openTestDatabase(),
    freePort(),
    mkdtemp(path.join(tmpdir(), 'woo-xero-stack-')),
  ]);
  const env = sandboxEnvironment({
    xeroUrl: xero.url,
    temporalAddress: temporal.address,
    taskQueue: `stack-${process.pid}-${++stackCount}`,
    port,
    dataDir,
    encryptionKey: randomBytes(32).toString('base64'),
  });
  Object.assign(env, opts.env);
  const config = loadConfig(env);
  const services = await openServices(config, {
    db,
    gate: opts.gate,
    ...(opts.governorOnSandboxClock && {
      xeroClock: () => xero.clock.now(),
      xeroClockSpeed: opts.governorOnSandboxClock.speed,
    }),
  });
  const api = await createApiServer(config, { services, logger: silentLogger });
  const apiUrl = await api.listen();
  const worker = await createSyncWorker({
    connection: temporal.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: (opts.wrapActivities ?? ((activities) => activities))(
      createActivities(workerActivityDeps(services, config)),
    ),
    dataConverter: await testDataConverter(),
    workflowBundle: await getWorkflowBundle(),
  });
  const running = opts.runWorker === false ? undefined : worker.run();
  const stopWorker = async (): Promise<void> => {
    if (running && worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
  const store = await onboardStore(apiUrl, STACK_OPERATOR_TOKEN, {
    url: woo.url,
    consumerKey: woo.consumerKey,
    consumerSecret: woo.consumerSecret,
  });
  return {
    config,
    env,
    db,
    services,
    woo,
    xero,
    api,
    apiUrl,
    worker,
    store,
    temporal: temporal.client,
    stopWorker,
    close: async () => {
      await stopWorker();
      await api.close();
      await Promise.all([woo.close(), xero.close()]);
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** What useTestStack fills in before the file's tests run. */
export interface TestStackContext {
  temporal: TestWorkflowEnvironment;
  stack: TestStack;
}

/** Starts a Temporal dev server and a whole test stack before the file's tests, and stops both after them. */
export function useTestStack(
  opts: { woo?: WooSandboxOptions; xero?: XeroSandboxOptions; gate?: XeroCallGate; beforeStart?: () => void } = {},
): TestStackContext {
  const context = {} as TestStackContext;
  beforeAll(async () => {
    opts.beforeStart?.();
    context.temporal = await startTestTemporal();
    context.stack = await startTestStack(context.temporal, { woo: opts.woo, xero: opts.xero, gate: opts.gate });
  }, 180_000);
  afterAll(async () => {
    await context.stack?.close();
    await context.temporal?.teardown();
  });
  return context;
}
