import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../../lib/config';
import { ensureTemporalCli } from '../../lib/temporal/cli';
import { connectTemporalClient } from '../../lib/temporal/connection';
import { loadDataConverter } from '../../lib/temporal/data-converter';
import { startTemporalDevServer, type DevServer } from '../../lib/temporal/dev-server';
import { wooSandboxEnvironment, xeroSandboxEnvironment } from '../../sandbox/service-environment';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';
import { startXeroSandbox, type RateLimitOptions, type XeroSandbox } from '../../sandbox/xero';
import { onboardStore, type OnboardedStore } from '../support/onboard-store';
import { freePort } from '../../test/support/ports';
import { startServiceProcess, waitForLog, waitUntil, type ServiceProcess } from './service-process';
import { startWorkerEnvironment } from './worker-process-env';
import { createWorkspace, type Workspace } from './workspace';

/** A whole service for one benchmark: Temporal dev server, both sandboxes, the service's processes, a store. */
export interface BenchStack {
  workspace: Workspace;
  woo: WooSandbox;
  /** The sandbox Xero on its real-time clock, with its real (or the given) rate limits. */
  xero: XeroSandbox;
  temporal: DevServer;
  /** A Temporal client of the bench itself (the service's data converter), for counting runs and raw starts. */
  client: Client;
  /** The configuration the service's processes were started with. */
  config: AppConfig;
  apiUrl: string;
  /** The process the API runs in. */
  api: ServiceProcess;
  /** The process the worker runs in (the API's own in the one-process layout); undefined when none was asked for. */
  worker?: ServiceProcess;
  store: OnboardedStore;
  /** One line: which processes, which database. */
  layout: string;
  close(): Promise<void>;
}

/** What a benchmark asks of its stack. */
export interface BenchStackOptions {
  name: string;
  /** Run a worker (default true); without one, only the API runs: workflows are started but nothing runs them. */
  worker?: boolean;
  /** Xero's limits; default the sandbox's real ones (60/minute, 5 concurrent, 5,000/day). */
  xeroRateLimits?: RateLimitOptions;
}

const OPERATOR_TOKEN = `op_bench_${randomBytes(12).toString('hex')}`;

/**
 * Starts everything a benchmark needs. On PostgreSQL (TEST_DATABASE_URL) the API (`api/main.ts`) and the worker
 * (`worker/main.ts`) are separate processes, as for load; on embedded PGlite, which serves one process, both run in
 * `npm start`'s one process (`scripts/start-dev-stack.ts`) against the bench's Temporal server. Without a worker,
 * the API runs alone on either database.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const workspace = await createWorkspace(options.name);
  const [woo, xero, temporalPort, uiPort, apiPort] = await Promise.all([
    startWooSandbox(),
    startXeroSandbox({ realTime: true, rateLimits: options.xeroRateLimits }),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const temporal = await startTemporalDevServer({
    cli: ensureTemporalCli(),
    dataDir: path.join(workspace.dir, 'temporal'),
    port: temporalPort,
    uiPort,
  });
  const env: NodeJS.ProcessEnv = {
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    DATA_DIR: path.join(workspace.dir, 'data'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    OPERATOR_TOKEN,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${options.name}`,
    TEMPORAL_PAYLOAD_KEYS: `bench-1:${randomBytes(32).toString('base64')}`,
    ...xeroSandboxEnvironment(xero.url),
    ...wooSandboxEnvironment(),
    SYNC_SETTLE_DELAY: '300ms',
    ...workspace.databaseEnv,
  };
  const config = loadConfig(env);
  const processes: ServiceProcess[] = [];
  const log = (name: string): string => path.join(workspace.dir, `${name}.log`);
  const wantWorker = options.worker ?? true;
  const databaseName = workspace.sharedDatabase ? 'PostgreSQL' : 'embedded PGlite';
  let api: ServiceProcess;
  let worker: ServiceProcess | undefined;
  let layout: string;
  if (!wantWorker) {
    api = startServiceProcess('the API', 'api/main.ts', env, log('api'));
    processes.push(api);
    layout = `the API alone (api/main.ts, no worker), ${databaseName}`;
  } else if (workspace.sharedDatabase) {
    api = startServiceProcess('the API', 'api/main.ts', env, log('api'));
    // As `npm run start:worker` runs it (its variables: fewer malloc arenas, a small V8 young generation).
    worker = startServiceProcess(
      'the worker',
      'worker/main.ts',
      { ...env, ...startWorkerEnvironment() },
      log('worker'),
    );
    processes.push(api, worker);
    layout = `API and worker as separate processes (api/main.ts, worker/main.ts), ${databaseName}`;
  } else {
    api = startServiceProcess('the service', 'scripts/start-dev-stack.ts', env, log('service'));
    processes.push(api);
    worker = api;
    layout = `API and worker in one process (scripts/start-dev-stack.ts), ${databaseName}`;
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const connection = await connectTemporalClient(config.temporal);
  const close = async (): Promise<void> => {
    for (const p of processes) await p.stop();
    await connection.close();
    await Promise.all([woo.close(), xero.close()]);
    await temporal.stop();
    await workspace.remove();
  };
  try {
    await waitUntil('the API to be ready', async () => (await fetch(`${apiUrl}/readyz`)).ok, {
      timeoutMs: 120_000,
      process: api,
    });
    if (worker && worker !== api) await waitForLog(worker, /Worker polling/, 120_000);
    const store = await onboardStore(apiUrl, OPERATOR_TOKEN, {
      url: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    const client = new Client({
      connection,
      namespace: config.temporal.namespace,
      dataConverter: await loadDataConverter(config),
    });
    return { workspace, woo, xero, temporal, client, config, apiUrl, api, worker, store, layout, close };
  } catch (error) {
    await close();
    throw error;
  }
}
