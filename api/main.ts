import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, type Connection } from '@temporalio/client';
import type express from 'express';
import { loadConfig, type AppConfig } from '../lib/config';
import { openServices, type Services } from '../lib/runtime/services';
import { stopOnSignal } from '../lib/runtime/shutdown';
import { connectTemporalClient } from '../lib/temporal/connection';
import { loadDataConverter } from '../lib/temporal/data-converter';
import { createApp } from './app';
import { createConsoleLogger, describeError, type Logger } from './logger';
import { createOAuthStateSigner, deriveOAuthStateKey } from './oauth-state';
import { resolveOperatorToken } from './operator-token';
import { createOrderSyncStarter } from './order-sync-starter';
import { createStoreEventStarter } from './store-event-starter';
import { createWcAuthLinks } from './wc-auth-link';
import { ensureTokenKeeperSchedule } from '../lib/temporal/token-keeper-schedule';
import { createWebhookIntake } from './webhook-intake';
import { createWebhookRelay, type WebhookRelayOptions } from './webhook-relay';

/** How long close() waits for in-flight requests before cutting the remaining connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Parts an in-process caller (the dev stack, end-to-end tests) may share; shared parts are not closed. */
export interface ApiServerOptions {
  services?: Services;
  temporalConnection?: Connection;
  logger?: Logger;
  /** Tuning of the webhook relay (tests shorten its retry delays). */
  relay?: WebhookRelayOptions;
}

/** A built API: the Express app plus listen/close for its HTTP server and the resources it opened. */
export interface ApiServer {
  app: express.Express;
  /** Starts listening on config.port (0 picks a free port) and starts the relay; resolves with the local base URL. */
  listen(): Promise<string>;
  /** Stops accepting, lets in-flight requests finish (up to 10 s), stops the relay, closes what this server opened. */
  close(): Promise<void>;
}

/**
 * Wires the API from configuration: database, cipher, repositories, Temporal client, Xero identity, OAuth state, and
 * the webhook relay that hands recorded deliveries to Temporal while the server listens.
 */
export async function createApiServer(config: AppConfig, options: ApiServerOptions = {}): Promise<ApiServer> {
  const logger = options.logger ?? createConsoleLogger({ component: 'api' });
  const operator = await resolveOperatorToken(config.operatorToken, config.dataDir);
  if (operator.origin === 'created') logger.info('generated the operator token', { file: operator.file });
  const dataConverter = await loadDataConverter(config);
  const services = options.services ?? (await openServices(config));
  let connection: Connection;
  try {
    connection = options.temporalConnection ?? (await connectTemporalClient(config.temporal));
  } catch (error) {
    if (!options.services) await services.close();
    throw error;
  }
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter,
  });
  const relay = createWebhookRelay({
    inbox: services.repos.webhookInbox,
    orderSync: createOrderSyncStarter(client, config),
    logger,
    options: options.relay,
  });

  const app = createApp({
    config: { ...config, operatorToken: operator.token },
    repos: services.repos,
    intake: createWebhookIntake(services.repos.webhookInbox, () => relay.wake()),
    xeroIdentity: services.xeroIdentity,
    xero: services.xero,
    createWooClient: services.createWooClient,
    oauthState: createOAuthStateSigner(deriveOAuthStateKey(services.encryptionKey)),
    storeEvents: createStoreEventStarter(client, config, services.repos.storeLifecycle),
    wcAuth: createWcAuthLinks(services.encryptionKey, config.publicUrl),
    health: {
      checkDatabase: async () => void (await services.db.query('SELECT 1')),
      checkTemporal: async () =>
        void (await connection.workflowService.describeNamespace({ namespace: config.temporal.namespace })),
    },
    logger,
  });

  let server: Server | undefined;
  let closing: Promise<void> | undefined;

  async function shutdown(): Promise<void> {
    if (server) {
      const open = server;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => open.closeAllConnections(), SHUTDOWN_GRACE_MS);
        open.close(() => {
          clearTimeout(force);
          resolve();
        });
        open.closeIdleConnections();
      });
    }
    // Deliveries not handed over yet stay in the inbox for the next start.
    await relay.stop();
    if (!options.temporalConnection) await connection.close();
    if (!options.services) await services.close();
  }

  return {
    app,
    listen: () =>
      new Promise((resolve, reject) => {
        const listening = app.listen(config.port, (error?: Error) => {
          if (error) {
            reject(error);
            return;
          }
          server = listening;
          relay.start();
          // Best effort: the API serves webhooks whether or not Temporal answers now; the next start tries again.
          ensureTokenKeeperSchedule(client, config.temporal.taskQueue).catch((err: unknown) =>
            logger.warn('could not create the Xero token keeper schedule', { error: describeError(err) }),
          );
          resolve(`http://localhost:${(listening.address() as AddressInfo).port}`);
        });
      }),
    close: () => (closing ??= shutdown()),
  };
}

/** `npm run start:api`: serves until SIGTERM or SIGINT, then shuts down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const api = await createApiServer(config);
  const url = await api.listen();
  console.log(`API listening on ${url} (public URL ${config.publicUrl})`);
  if (!config.operatorToken)
    console.log(`Operator token: see ${config.dataDir}/operator-token (or set OPERATOR_TOKEN)`);
  stopOnSignal('the API', () => api.close());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
