import { NativeConnection } from '@temporalio/worker';
import { connectWith } from './connection';
import type { TemporalSettings } from './connection-settings';

/** The worker's native connection, under the same options as the client's (see temporalConnectionOptions). */
export function connectTemporalWorker(temporal: TemporalSettings): Promise<NativeConnection> {
  return connectWith(temporal, (options) => NativeConnection.connect(options));
}
