import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { SyncActivities } from '../activities/types';

/** Where the worker's workflow code lives: the bundle entry registering every workflow. */
export const WORKFLOWS_PATH = require.resolve('../workflows');

/** What the order-sync worker needs: a connection, its queue and the activity implementations. */
export interface SyncWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: SyncActivities;
  /** The service's data converter (payload encryption); the same one its clients use. */
  dataConverter: DataConverter;
  /** A pre-built bundle (tests share one); when absent the worker bundles `workflows/` itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
}

/** Creates the worker that runs the order sync workflows and activities on one task queue. */
export function createSyncWorker(opts: SyncWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: opts.activities,
    dataConverter: opts.dataConverter,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    ...(opts.identity ? { identity: opts.identity } : {}),
    // Let in-flight activities finish their Xero call on shutdown; Temporal retries anything cut short.
    shutdownGraceTime: '10s',
  });
}
