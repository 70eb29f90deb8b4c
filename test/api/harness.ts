import { randomBytes } from 'node:crypto';
import type express from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import type { AppDependencies, HealthChecks } from '../../api/dependencies';
import type { Logger, LogFields } from '../../api/logger';
import { createOAuthStateSigner, type OAuthStateSigner } from '../../api/oauth-state';
import { createWebhookIntake } from '../../api/webhook-intake';
import { createWebhookRelay, type WebhookRelay } from '../../api/webhook-relay';
import type { OrderChange, OrderSyncStarter } from '../../api/order-sync-starter';
import { loadConfig, type AppConfig } from '../../lib/config';
import { createRepositories, type Db, type Repositories } from '../../lib/db';
import { createSecretCipher } from '../../lib/secrets';
import { createWooClient } from '../../lib/woocommerce';
import { createXeroDoor } from '../../lib/xero/xero-door';
import { orderSyncWorkflowId } from '../../workflows/definitions';
import { storeLifecycleWorkflowId } from '../../workflows/store-definitions';
import type { StoreEventStarter } from '../../api/store-event-starter';
import { createWcAuthLinks } from '../../api/wc-auth-link';
import type { StoreEventKind } from '../../lib/db/repositories/store-lifecycle';
import { openTestDatabase } from '../support/database';

/** The operator token every test app accepts. */
export const OPERATOR_TOKEN = 'op_test_operator_token_0123456789';

/** An OrderSyncStarter that records each call and answers with the real workflow id. */
export function recordingOrderSync(): OrderSyncStarter & { calls: OrderChange[] } {
  const calls: OrderChange[] = [];
  return {
    calls,
    start(change) {
      calls.push(change);
      return Promise.resolve({ workflowId: orderSyncWorkflowId(change.storeId, change.orderId) });
    },
  };
}

/** A StoreEventStarter that records each event in the database (as the real one does) without starting Temporal. */
export function recordingStoreEvents(
  lifecycle: Repositories['storeLifecycle'],
): StoreEventStarter & { calls: Array<{ storeId: string; kind: StoreEventKind }> } {
  const calls: Array<{ storeId: string; kind: StoreEventKind }> = [];
  return {
    calls,
    async record(storeId, kind, keys) {
      calls.push({ storeId, kind });
      return { event: await lifecycle.record(storeId, kind, keys), workflowId: storeLifecycleWorkflowId(storeId) };
    },
  };
}

/** A logger that keeps every line, to assert that no secret is ever logged. */
export function recordingLogger(): Logger & { lines: Array<{ level: string; message: string; fields?: LogFields }> } {
  const lines: Array<{ level: string; message: string; fields?: LogFields }> = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
}

/** The public address every `*.example.test` store host resolves to in tests (no DNS for the reserved name). */
export const TEST_STORE_ADDRESS = '93.184.215.14';

/** A resolver for tests: `*.example.test` → TEST_STORE_ADDRESS, `*.private.test` → a private address. */
export function testResolveHost(hostname: string): Promise<string[]> {
  if (hostname.endsWith('.private.test')) return Promise.resolve(['10.0.0.7', TEST_STORE_ADDRESS]);
  if (hostname.endsWith('.example.test')) return Promise.resolve([TEST_STORE_ADDRESS]);
  return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
}

/** A test API over a real (in-memory or TEST_DATABASE_URL) database, real repositories and a real cipher. */
export interface TestApi {
  app: express.Express;
  db: Db;
  repos: Repositories;
  config: AppConfig;
  orderSync: ReturnType<typeof recordingOrderSync>;
  /** The lifecycle events the app recorded (in the database too); nothing is started in Temporal. */
  storeEvents: ReturnType<typeof recordingStoreEvents>;
  /** The relay over the inbox and `orderSync` (or the starter given in the options); not running, call relayDue(). */
  relay: WebhookRelay;
  /** Hands the recorded deliveries over once and returns every change the recording starter was given so far. */
  handedOver(): Promise<OrderChange[]>;
  logger: ReturnType<typeof recordingLogger>;
  close(): Promise<void>;
}

/** Options of buildTestApi: extra environment and replaced dependencies. */
export interface TestApiOptions {
  env?: NodeJS.ProcessEnv;
  health?: HealthChecks;
  oauthState?: OAuthStateSigner;
  /** The starter the relay hands deliveries to; a recording one by default. */
  orderSync?: OrderSyncStarter;
  deps?: Partial<AppDependencies>;
}

/** Builds the app the way main.ts does, with a recording order-sync starter behind the relay, and a recording logger. */
export async function buildTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const config = loadConfig({
    PUBLIC_URL: 'https://sync.example.test',
    OPERATOR_TOKEN,
    API_BODY_LIMIT: '16kb',
    TEMPORAL_UI_URL: 'http://temporal-ui.test:8233',
    TEMPORAL_NAMESPACE: 'default',
    ...options.env,
  });
  const db = await openTestDatabase();
  const key = randomBytes(32);
  const repos = createRepositories(db, createSecretCipher(key));
  const orderSync = recordingOrderSync();
  const storeEvents = recordingStoreEvents(repos.storeLifecycle);
  const logger = recordingLogger();
  const relay = createWebhookRelay({
    inbox: repos.webhookInbox,
    orderSync: options.orderSync ?? orderSync,
    logger,
    options: { retryInitialMs: 0, retryMaxMs: 0 },
  });
  const door = createXeroDoor({ config: config.xero, connections: repos.xeroConnections });
  const app = createApp({
    config,
    repos,
    intake: createWebhookIntake(repos.webhookInbox),
    xeroIdentity: door.identity,
    xero: door.accounting,
    createWooClient,
    oauthState: options.oauthState ?? createOAuthStateSigner(randomBytes(32)),
    storeEvents,
    wcAuth: createWcAuthLinks(key, config.publicUrl),
    health: options.health ?? {
      checkDatabase: async () => void (await db.query('SELECT 1')),
      checkTemporal: () => Promise.resolve(),
    },
    logger,
    resolveHost: testResolveHost,
    ...options.deps,
  });
  const handedOver = async (): Promise<OrderChange[]> => {
    await relay.relayDue();
    return orderSync.calls;
  };
  return { app, db, repos, config, orderSync, storeEvents, relay, handedOver, logger, close: () => db.close() };
}

/** A store registered through the API, with the one-time token and webhook secret it returned. */
export interface RegisteredStore {
  id: string;
  apiToken: string;
  webhookUrl: string;
  webhookSecret: string;
}

/** Registers a store through `POST /api/stores` as the operator. */
export async function registerStore(api: TestApi, url = 'https://shop.example.test'): Promise<RegisteredStore> {
  const res = await request(api.app)
    .post('/api/stores')
    .set('Authorization', `Bearer ${OPERATOR_TOKEN}`)
    .send({ url, consumerKey: 'ck_test_key', consumerSecret: 'cs_test_secret' })
    .expect(201);
  return res.body as RegisteredStore;
}
