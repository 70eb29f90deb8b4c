import { Connection, type TLSConfig } from '@temporalio/client';
import { describeError } from '../runtime/describe-error';
import type { TemporalSettings } from './connection-settings';

/** The default frontend when TEMPORAL_ADDRESS is unset (the embedded dev server). */
export const DEFAULT_TEMPORAL_ADDRESS = 'localhost:7233';

/** What both SDK connections (client Connection, worker NativeConnection) take: address, TLS and API key. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/** Builds the SDK connection options from the settings; the one place TLS and the API key are put together. */
export function temporalConnectionOptions(temporal: TemporalSettings): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: temporal.address ?? DEFAULT_TEMPORAL_ADDRESS };
  if (temporal.apiKey !== undefined) options.apiKey = temporal.apiKey;
  if (temporal.tls) {
    const { serverName, serverCaCert, clientCert, clientKey } = temporal.tls;
    const tls: TLSConfig = {};
    if (serverName !== undefined) tls.serverNameOverride = serverName;
    if (serverCaCert !== undefined) tls.serverRootCACertificate = serverCaCert;
    if (clientCert !== undefined && clientKey !== undefined) tls.clientCertPair = { crt: clientCert, key: clientKey };
    options.tls = tls;
  }
  return options;
}

/** Connects with `connect` under the built options; a failure names the address, never the key or certificates. */
export async function connectWith<T>(
  temporal: TemporalSettings,
  connect: (options: TemporalConnectionOptions) => Promise<T>,
): Promise<T> {
  const options = temporalConnectionOptions(temporal);
  try {
    return await connect(options);
  } catch (error) {
    const security = [options.tls ? 'TLS' : 'plain text', options.apiKey ? 'API key' : ''].filter(Boolean).join(', ');
    throw new Error(
      `Cannot connect to Temporal at ${options.address} (TEMPORAL_ADDRESS, ${security}): ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** The Temporal client connection (API, scripts). */
export function connectTemporalClient(temporal: TemporalSettings): Promise<Connection> {
  return connectWith(temporal, (options) => Connection.connect(options));
}
