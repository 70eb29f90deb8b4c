import path from 'node:path';
import { z } from 'zod';
import {
  temporalConnectionEnv,
  temporalConnectionProblems,
  temporalSecurity,
  type TemporalSettings,
} from './temporal/connection-settings';
import { parsePayloadKeys, type ConfiguredPayloadKey } from './temporal/payload-keys';
import type { DefaultCallLimits } from './xero/call-budget';

const durationMs = z
  .string()
  .regex(/^\d+(ms|s|m)?$/, 'expected a duration such as 500ms, 3s or 2m')
  .transform((text) => {
    const value = Number.parseInt(text, 10);
    if (text.endsWith('ms')) return value;
    if (text.endsWith('m')) return value * 60_000;
    return text.endsWith('s') ? value * 1000 : value;
  });

/**
 * Runs a worker keeps cached by default: bounds its memory when many orders wait at once (BENCHMARKS.md); an evicted
 * run is replayed from its short history when its next task comes.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 100;

const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: httpUrl.optional(),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  OPERATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  BILLING_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('woo-xero-sync'),
  TEMPORAL_UI_URL: httpUrl.default('http://localhost:8233'),
  ...temporalConnectionEnv,
  TEMPORAL_PAYLOAD_KEYS: z
    .string()
    .transform((value, ctx) => {
      const { keys, problems } = parsePayloadKeys(value);
      problems.forEach((message) => ctx.addIssue({ code: 'custom', message }));
      return keys;
    })
    .optional(),
  CODEC_SERVER_PORT: z.coerce.number().int().min(0).max(65535).default(8888),
  CODEC_SERVER_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  XERO_CLIENT_ID: z.string().min(1).optional(),
  XERO_CLIENT_SECRET: z.string().min(1).optional(),
  XERO_API_URL: httpUrl.default('https://api.xero.com/api.xro/2.0'),
  XERO_CONNECTIONS_URL: httpUrl.default('https://api.xero.com/connections'),
  XERO_IDENTITY_URL: httpUrl.default('https://identity.xero.com'),
  XERO_AUTHORIZE_URL: httpUrl.default('https://login.xero.com/identity/connect/authorize'),
  // Granular scopes: Xero refuses accounting.transactions to apps created on or after 2 March 2026.
  XERO_SCOPES: z
    .string()
    .default(
      'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings',
    ),
  XERO_CALLS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  XERO_MINUTE_HEADROOM: z.coerce.number().int().min(0).default(10),
  XERO_CALLS_PER_DAY: z.coerce.number().int().min(1).default(5000),
  XERO_CONCURRENT_CALLS: z.coerce.number().int().min(1).default(5),
  XERO_APP_CALLS_PER_MINUTE: z.coerce.number().int().min(1).default(10_000),
  XERO_MAX_CAPACITY_WAIT: durationMs.default(180_000),
  SYNC_SETTLE_DELAY: durationMs.default(3000),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(DEFAULT_MAX_CACHED_WORKFLOWS),
  DEV_STORE_HOSTS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  API_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 512kb or 1mb')
    .default('1mb'),
});

/** The validated settings every process reads from its environment. */
export interface AppConfig {
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  encryptionKey?: string;
  operatorToken?: string;
  /** The billing provider's webhook secret (docs/subscriptions.md); unset: POST /api/billing/events answers 503. */
  billing: { webhookSecret?: string };
  bodyLimit: string;
  /** Temporal connection settings, plus the payload encryption keys (the first encrypts; absent: one key generated into the data folder). */
  temporal: TemporalSettings & { payloadKeys?: ConfiguredPayloadKey[] };
  codecServer: { port: number; token?: string };
  xero: {
    clientId?: string;
    clientSecret?: string;
    apiUrl: string;
    connectionsUrl: string;
    identityUrl: string;
    authorizeUrl: string;
    scopes: string;
    redirectUri: string;
    /** The governor's defaults for every organisation (docs/xero-governor.md); the operator may override them per organisation. */
    limits: DefaultCallLimits;
    /** Longest a call waits for capacity inside one activity attempt before the attempt is retried later. */
    maxCapacityWaitMs: number;
  };
  sync: { settleDelayMs: number };
  /** Order runs a worker keeps in memory between their tasks; others are replayed from history when they next run. */
  worker: { maxCachedWorkflows: number };
  /** Development only: store hosts that may use http and private or loopback addresses (sandboxes on 127.0.0.1). */
  woo: { devHosts: string[] };
}

/** Raised when the environment holds a missing or invalid setting; the message names every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad setting (never their values). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ...temporalConnectionProblems(blanksRemoved),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    publicUrl,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    encryptionKey: e.ENCRYPTION_KEY,
    operatorToken: e.OPERATOR_TOKEN,
    billing: { webhookSecret: e.BILLING_WEBHOOK_SECRET },
    bodyLimit: e.API_BODY_LIMIT,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiUrl: e.TEMPORAL_UI_URL,
      ...temporalSecurity(e),
      payloadKeys: e.TEMPORAL_PAYLOAD_KEYS,
    },
    codecServer: { port: e.CODEC_SERVER_PORT, token: e.CODEC_SERVER_TOKEN },
    worker: { maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS },
    xero: {
      clientId: e.XERO_CLIENT_ID,
      clientSecret: e.XERO_CLIENT_SECRET,
      apiUrl: e.XERO_API_URL,
      connectionsUrl: e.XERO_CONNECTIONS_URL,
      identityUrl: e.XERO_IDENTITY_URL,
      authorizeUrl: e.XERO_AUTHORIZE_URL,
      scopes: e.XERO_SCOPES,
      redirectUri: `${publicUrl}/oauth/xero/callback`,
      limits: {
        callsPerMinute: e.XERO_CALLS_PER_MINUTE,
        minuteHeadroom: e.XERO_MINUTE_HEADROOM,
        callsPerDay: e.XERO_CALLS_PER_DAY,
        concurrentCalls: e.XERO_CONCURRENT_CALLS,
        appCallsPerMinute: e.XERO_APP_CALLS_PER_MINUTE,
      },
      maxCapacityWaitMs: e.XERO_MAX_CAPACITY_WAIT,
    },
    sync: { settleDelayMs: e.SYNC_SETTLE_DELAY },
    woo: { devHosts: e.DEV_STORE_HOSTS },
  };
}
