import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** TLS towards the Temporal frontend; present means TLS is on. Buffers hold the PEM files' contents. */
export interface TemporalTlsSettings {
  serverName?: string;
  serverCaCert?: Buffer;
  clientCert?: Buffer;
  clientKey?: Buffer;
}

/** Where and how every process connects to Temporal (TEMPORAL_* variables, validated). */
export interface TemporalSettings {
  address?: string;
  namespace: string;
  taskQueue: string;
  uiUrl: string;
  /** Temporal Cloud API key, sent as `Authorization: Bearer …`; only over TLS. */
  apiKey?: string;
  tls?: TemporalTlsSettings;
}

/** A PEM file named by path, read at start-up; problems name the variable, never the path or the contents. */
const pemFile = z.string().transform((file, ctx) => {
  let contents: Buffer;
  try {
    contents = readFileSync(file);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'cannot read the file' });
    return z.NEVER;
  }
  if (!contents.toString('utf8').includes('-----BEGIN ')) {
    ctx.addIssue({ code: 'custom', message: 'the file is not PEM (no "-----BEGIN" line)' });
    return z.NEVER;
  }
  return contents;
});

/** The environment variables of the Temporal connection beyond the address (Temporal's own names). */
export const temporalConnectionEnv = {
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false'], { message: 'expected true or false' }).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: pemFile.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: pemFile.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: pemFile.optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
};

const TLS_DETAILS = [
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_SERVER_NAME',
] as const;

/** Problems between the Temporal variables (checked on the raw environment, so they add to the per-field ones). */
export function temporalConnectionProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const cert = 'TEMPORAL_TLS_CLIENT_CERT_PATH';
  const key = 'TEMPORAL_TLS_CLIENT_KEY_PATH';
  if (env[cert] && !env[key]) problems.push(`${key}: required with ${cert} (a client certificate needs its key)`);
  if (env[key] && !env[cert]) problems.push(`${cert}: required with ${key} (a client key needs its certificate)`);
  const details = TLS_DETAILS.filter((name) => env[name]);
  if (env.TEMPORAL_TLS === 'false' && env.TEMPORAL_API_KEY) {
    problems.push('TEMPORAL_TLS: cannot be false with TEMPORAL_API_KEY (the key would travel unencrypted)');
  } else if (env.TEMPORAL_TLS === 'false' && details.length > 0) {
    problems.push(`TEMPORAL_TLS: cannot be false with ${details.join(', ')}`);
  }
  const secured = env.TEMPORAL_API_KEY || env.TEMPORAL_TLS === 'true' || details.length > 0;
  if (secured && !env.TEMPORAL_ADDRESS) {
    problems.push('TEMPORAL_ADDRESS: required with TEMPORAL_API_KEY or TLS (the embedded dev server has neither)');
  }
  return problems;
}

/** The API key and TLS settings from the validated variables: TLS is on when asked for or implied by the others. */
export function temporalSecurity(e: {
  [name in keyof typeof temporalConnectionEnv]?: z.output<(typeof temporalConnectionEnv)[name]>;
}): Pick<TemporalSettings, 'apiKey' | 'tls'> {
  const implied =
    e.TEMPORAL_API_KEY !== undefined ||
    e.TEMPORAL_TLS_SERVER_CA_CERT_PATH !== undefined ||
    e.TEMPORAL_TLS_CLIENT_CERT_PATH !== undefined ||
    e.TEMPORAL_TLS_SERVER_NAME !== undefined;
  const on = e.TEMPORAL_TLS === 'true' || (e.TEMPORAL_TLS === undefined && implied);
  const tls: TemporalTlsSettings = {
    serverName: e.TEMPORAL_TLS_SERVER_NAME,
    serverCaCert: e.TEMPORAL_TLS_SERVER_CA_CERT_PATH,
    clientCert: e.TEMPORAL_TLS_CLIENT_CERT_PATH,
    clientKey: e.TEMPORAL_TLS_CLIENT_KEY_PATH,
  };
  return { apiKey: e.TEMPORAL_API_KEY, tls: on ? tls : undefined };
}
