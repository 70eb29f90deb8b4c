import { Runtime } from '@temporalio/worker';
import { createActivities, workerActivityDeps } from '../activities';
import { ConfigError, loadConfig } from '../lib/config';
import { openServices } from '../lib/runtime/services';
import { DEFAULT_TEMPORAL_ADDRESS } from '../lib/temporal/connection';
import { connectTemporalWorker } from '../lib/temporal/native-connection';
import { loadDataConverter } from '../lib/temporal/data-converter';
import { createSyncWorker } from './create-worker';

/** Runs an order-sync worker until SIGINT/SIGTERM, then drains it and closes its connections. */
async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const services = await openServices(config);
  const connection = await connectTemporalWorker(config.temporal);
  try {
    const worker = await createSyncWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      activities: createActivities(workerActivityDeps(services, config)),
      dataConverter: await loadDataConverter(config),
      maxCachedWorkflows: config.worker.maxCachedWorkflows,
    });
    console.log(
      `Worker polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address ?? DEFAULT_TEMPORAL_ADDRESS}`,
    );
    await worker.run();
  } finally {
    await connection.close();
    await services.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
