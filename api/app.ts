import express from 'express';
import { createOrgContextCache } from '../lib/xero/org-context-cache';
import { createAuthenticator } from './auth';
import type { AppDependencies } from './dependencies';
import { errorHandler, notFound } from './errors';
import { createConsoleLogger } from './logger';
import { requestLogger } from './request-log';
import { createSourceRateLimit } from './source-rate-limit';
import { announceSyncMayResume } from './store-event-starter';
import { activationRoutes } from './routes/activations';
import { healthRoutes } from './routes/health';
import { orderRoutes } from './routes/orders';
import { previewRoutes } from './routes/preview';
import { settingsRoutes } from './routes/settings';
import { storeLifecycleRoutes } from './routes/store-lifecycle';
import { subscriptionRoutes } from './routes/subscriptions';
import { storeRoutes } from './routes/stores';
import { taxMappingRoutes } from './routes/tax-mapping';
import { webhookRoutes } from './routes/webhooks';
import { xeroBudgetRoutes } from './routes/xero-budgets';
import { xeroConnectFlowRoutes } from './routes/xero-connect-flow';
import { xeroRequestDeadline } from './xero-request-deadline';
import { xeroOAuthRoutes } from './routes/xero-oauth';

/** Activations one source address may make per hour (a plugin activates once; a retry or two are fine). */
const ACTIVATIONS_PER_HOUR = 20;

/** Builds the Express app from its dependencies; nothing global, so tests and the dev stack wire their own. */
export function createApp(deps: AppDependencies): express.Express {
  const { config, repos, intake, xeroIdentity, oauthState, health, xero, createWooClient, storeEvents } = deps;
  const logger = deps.logger ?? createConsoleLogger({ component: 'api' });
  const auth = createAuthenticator(config.operatorToken, repos.stores);
  const app = express();

  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.use(xeroRequestDeadline());
  app.use(healthRoutes(health));
  // No global body parser: each route reads its body (with a limit that fits it) once it knows the caller.
  app.use(webhookRoutes({ stores: repos.stores, intake, bodyLimit: config.bodyLimit, logger }));
  app.use(storeRoutes({ config, repos, auth, resolveHost: deps.resolveHost }));
  app.use(
    activationRoutes({
      config,
      repos,
      storeEvents,
      wcAuth: deps.wcAuth,
      activationLimit: deps.activationLimit ?? createSourceRateLimit(ACTIVATIONS_PER_HOUR, 3_600_000),
      resolveHost: deps.resolveHost,
    }),
  );
  app.use(storeLifecycleRoutes({ repos, storeEvents, auth }));
  app.use(xeroOAuthRoutes({ config, repos, xeroIdentity, oauthState, auth, logger, storeEvents }));
  app.use(xeroConnectFlowRoutes({ config, repos, xeroIdentity, oauthState, storeEvents }));
  app.use(orderRoutes({ config, ledger: repos.ledger, effects: repos.ledgerEffects, auth }));
  app.use(settingsRoutes({ repos, auth }));
  app.use(previewRoutes({ repos, xero, orgContext: createOrgContextCache(xero), createWooClient, auth }));
  app.use(taxMappingRoutes({ repos, xero, createWooClient, auth }));
  app.use(xeroBudgetRoutes({ config, repos, auth }));
  app.use(
    subscriptionRoutes({
      subscriptions: repos.subscriptions,
      stores: repos.stores,
      auth,
      billingWebhookSecret: config.billing.webhookSecret,
      onSubscriptionChanged: (storeId) => announceSyncMayResume(storeEvents, storeId),
    }),
  );
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
