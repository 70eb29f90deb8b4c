import { Runtime } from '@temporalio/worker';
import { createActivities, workerActivityDeps } from '../activities';
import type { Logger } from '../api/logger';
import { createApiServer } from '../api/main';
import { ConfigError, loadConfig, type AppConfig } from '../lib/config';
import { wooSandboxEnvironment } from '../sandbox/service-environment';
import { openServices, type Services } from '../lib/runtime/services';
import { stopOnSignal } from '../lib/runtime/shutdown';
import { ensureTemporalCli } from '../lib/temporal/cli';
import { DEFAULT_TEMPORAL_ADDRESS } from '../lib/temporal/connection';
import { startCodecServer, type RunningCodecServer } from '../lib/temporal/codec-server-process';
import { loadDataConverter } from '../lib/temporal/data-converter';
import { startTemporalDevServer, type DevServer } from '../lib/temporal/dev-server';
import { connectTemporalWorker } from '../lib/temporal/native-connection';
import { createSyncWorker } from '../worker/create-worker';

/** A running local stack: Temporal (embedded unless TEMPORAL_ADDRESS is set), the API and a worker in one process. */
export interface DevStack {
  config: AppConfig;
  services: Services;
  apiUrl: string;
  temporalUiUrl: string;
  /** The codec server the embedded Web UI uses, when the stack started Temporal itself. */
  codecServerUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole service on the embedded defaults: the Temporal CLI dev server with a SQLite file in the data
 * folder, PGlite in the data folder, the API and a worker. One process, because embedded PGlite serves one.
 */
export async function startDevStack(config: AppConfig, options: { apiLogger?: Logger } = {}): Promise<DevStack> {
  let temporalServer: DevServer | undefined;
  let codecServer: RunningCodecServer | undefined;
  if (!config.temporal.address) {
    // The embedded Web UI shows histories decrypted through the codec server (payloads are encrypted in Temporal).
    codecServer = await startCodecServer(config);
    temporalServer = await startTemporalDevServer({
      cli: ensureTemporalCli(),
      dataDir: config.dataDir,
      namespace: config.temporal.namespace,
      uiCodecEndpoint: codecServer.url,
    });
  }
  const address = config.temporal.address ?? temporalServer?.address ?? DEFAULT_TEMPORAL_ADDRESS;
  const resolved: AppConfig = { ...config, temporal: { ...config.temporal, address } };
  const services = await openServices(resolved);
  const connection = await connectTemporalWorker(resolved.temporal);
  const worker = await createSyncWorker({
    connection,
    namespace: resolved.temporal.namespace,
    taskQueue: resolved.temporal.taskQueue,
    activities: createActivities(workerActivityDeps(services, config)),
    dataConverter: await loadDataConverter(resolved),
    maxCachedWorkflows: resolved.worker.maxCachedWorkflows,
  });
  const running = worker.run();
  const api = await createApiServer(resolved, { services, logger: options.apiLogger });
  const apiUrl = await api.listen();
  return {
    config: resolved,
    services,
    apiUrl,
    temporalUiUrl: temporalServer?.uiUrl ?? resolved.temporal.uiUrl,
    codecServerUrl: codecServer?.url,
    stop: async () => {
      await api.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await services.close();
      await temporalServer?.stop();
      await codecServer?.close();
    },
  };
}

/** `npm start`: runs the stack until SIGINT/SIGTERM and prints where everything is. */
async function main(): Promise<void> {
  // The local stack talks to the sandbox store on loopback unless DEV_STORE_HOSTS says otherwise.
  const config = loadConfig({ ...wooSandboxEnvironment(), ...process.env });
  Runtime.install({ shutdownSignals: [] });
  const stack = await startDevStack(config);
  console.log(
    [
      'WooCommerce → Xero sync is running:',
      `  API                ${stack.apiUrl}  (public URL ${config.publicUrl})`,
      `  Temporal Web UI    ${stack.temporalUiUrl}${stack.codecServerUrl ? ` (decodes through ${stack.codecServerUrl})` : ''}`,
      `  Temporal frontend  ${stack.config.temporal.address}`,
      `  Data folder        ${config.dataDir}`,
      `  Dev store hosts    ${config.woo.devHosts.join(', ') || '(none: https and public addresses only)'}`,
      config.operatorToken ? '' : `  Operator token     in ${config.dataDir}/operator-token`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  stopOnSignal('the stack', () => stack.stop());
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
