import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { WorkerActivities } from '../activities';
import { bundleWorkflowsApart } from './workflow-bundle';

/** What the order-sync worker needs: a connection, its queue and the activity implementations. */
export interface SyncWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: WorkerActivities;
  /** The service's data converter (payload encryption); the same one its clients use. */
  dataConverter: DataConverter;
  /** A pre-built bundle (tests share one); when absent `workflows/` is bundled in a child process. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** Runs kept in memory between tasks (config.worker.maxCachedWorkflows); absent: the SDK's default, sized by the heap. */
  maxCachedWorkflows?: number;
}

/** Creates the worker that runs the order sync workflows and activities on one task queue. */
export async function createSyncWorker(opts: SyncWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: opts.activities,
    dataConverter: opts.dataConverter,
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflowsApart()),
    ...(opts.identity ? { identity: opts.identity } : {}),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    // Let in-flight activities finish their Xero call on shutdown; Temporal retries anything cut short.
    shutdownGraceTime: '10s',
  });
}
