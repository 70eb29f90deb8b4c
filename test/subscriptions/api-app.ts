import express from 'express';
import request from 'supertest';
import { createAuthenticator } from '../../api/auth';
import { billingSignatureHeader } from '../../api/billing-signature';
import { errorHandler, notFound } from '../../api/errors';
import { requestLogger } from '../../api/request-log';
import { subscriptionRoutes } from '../../api/routes/subscriptions';
import { createSubscriptionsRepository, type SubscriptionsRepository } from '../../lib/db/repositories/subscriptions';
import { buildTestApi, OPERATOR_TOKEN, type TestApi } from '../api/harness';

/** The billing webhook secret the test apps are configured with. */
export const BILLING_SECRET = 'bwsec_test_0123456789abcdef0123456789abcdef';

/** The subscription routes mounted on an app of their own, over the harness's database, with a settable clock. */
export interface SubscriptionTestApp {
  api: TestApi;
  app: express.Express;
  subscriptions: SubscriptionsRepository;
  clock: { now: Date };
  /** POSTs `body` (serialised once, signed over those bytes) to the billing webhook. */
  postEvent(body: unknown, options?: { secret?: string; timestamp?: number; header?: string }): request.Test;
}

/** Builds the test API (for stores and tokens) and an app with only the subscription routes, as app.ts would mount them. */
export async function buildSubscriptionApp(
  options: { secret?: string } = { secret: BILLING_SECRET },
): Promise<SubscriptionTestApp> {
  const api = await buildTestApi();
  const subscriptions = createSubscriptionsRepository(api.db);
  const clock = { now: new Date('2026-12-03T10:00:00Z') };
  const app = express();
  app.use(requestLogger(api.logger));
  app.use(
    subscriptionRoutes({
      subscriptions,
      stores: api.repos.stores,
      auth: createAuthenticator(OPERATOR_TOKEN, api.repos.stores),
      billingWebhookSecret: options.secret,
      now: () => clock.now,
    }),
  );
  app.use(notFound);
  app.use(errorHandler(api.logger));
  const postEvent: SubscriptionTestApp['postEvent'] = (body, options = {}) => {
    const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const timestamp = options.timestamp ?? Math.floor(clock.now.getTime() / 1000);
    const header = options.header ?? billingSignatureHeader(options.secret ?? BILLING_SECRET, raw, timestamp);
    return request(app)
      .post('/api/billing/events')
      .set('Content-Type', 'application/json')
      .set('Billing-Signature', header)
      .send(raw.toString('utf8')); // a string goes out as is; superagent would re-serialise a Buffer
  };
  return { api, app, subscriptions, clock, postEvent };
}
