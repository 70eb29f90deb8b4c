import express, { Router, type Request, type Response } from 'express';
import type { SubscriptionsRepository } from '../../lib/db/repositories/subscriptions';
import { billingEventSchema, summarizeSubscription, type SubscriptionSummary } from '../../lib/subscriptions';
import type { Authenticator } from '../auth';
import {
  BILLING_SIGNATURE_HEADER,
  BILLING_SIGNATURE_TOLERANCE_SECONDS,
  billingSignatureMatches,
  checkBillingSignatureHeader,
  type BillingSignatureRefusal,
} from '../billing-signature';
import type { StoreRepository } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { bodyReader } from '../json-body';
import { addLogFields } from '../request-log';
import { storeParamsSchema } from '../schemas';
import { parseInput } from '../validation';

/** `POST /api/billing/events`: one event of a few hundred bytes. */
const BILLING_EVENT_BODY_LIMIT = '16kb';

const REFUSAL_STATUS = { unknown_store: 404, no_paid_plan: 409, event_id_reused: 409 } as const;

/** Dependencies of the subscription routes. */
export interface SubscriptionRouteDeps {
  subscriptions: Pick<SubscriptionsRepository, 'get' | 'usage' | 'applyBillingEvent'>;
  stores: Pick<StoreRepository, 'get'>;
  auth: Authenticator;
  /** BILLING_WEBHOOK_SECRET; without it the billing webhook answers 503 and applies nothing. */
  billingWebhookSecret: string | undefined;
  /** Called once an event changed a store's subscription, so orders waiting for it look again. */
  onSubscriptionChanged?: (storeId: string) => Promise<void>;
  now?: () => Date;
}

const SIGNATURE_REFUSALS = {
  missing: ['missing_signature', `The ${BILLING_SIGNATURE_HEADER} header is missing.`],
  malformed: [
    'invalid_signature',
    `The ${BILLING_SIGNATURE_HEADER} header must be "t=<unix seconds>,v1=<hex HMAC-SHA256>".`,
  ],
  expired: [
    'invalid_signature',
    `The signature's timestamp is more than ${BILLING_SIGNATURE_TOLERANCE_SECONDS / 60} minutes from the server's clock.`,
  ],
  mismatch: ['invalid_signature', 'The signature does not match the body under the billing webhook secret.'],
} as const;

function signatureRefused(refusal: BillingSignatureRefusal): ApiError {
  const [code, message] = SIGNATURE_REFUSALS[refusal];
  return new ApiError(401, code, message);
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The event body is not valid JSON.');
  }
}

/** The JSON of a summary: dates as ISO strings. */
function summaryJson(storeId: string, summary: SubscriptionSummary): unknown {
  return JSON.parse(JSON.stringify({ storeId, ...summary })) as unknown;
}

/**
 * `POST /api/billing/events` (the billing provider's webhook, signed with BILLING_WEBHOOK_SECRET) applies plan and
 * payment events once each; `GET /api/stores/:storeId/subscription` (store or operator) shows the plan, usage and
 * whether the store may sync now.
 */
export function subscriptionRoutes(deps: SubscriptionRouteDeps): Router {
  const { subscriptions, stores, auth, billingWebhookSecret } = deps;
  const now = deps.now ?? (() => new Date());
  const router = Router();
  const readRawBody = bodyReader(express.raw({ type: () => true, limit: BILLING_EVENT_BODY_LIMIT }));

  async function verifiedBody(req: Request, res: Response, secret: string): Promise<Buffer> {
    // Header and timestamp first: a stranger's request is refused before its body is read.
    const checked = checkBillingSignatureHeader(req.get(BILLING_SIGNATURE_HEADER), Math.floor(now().getTime() / 1000));
    if (!checked.ok) throw signatureRefused(checked.refusal);
    const raw = await readRawBody(req, res);
    const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
    if (!billingSignatureMatches(checked.signature, body, secret)) throw signatureRefused('mismatch');
    return body;
  }

  router
    .route('/api/billing/events')
    .post(async (req, res) => {
      if (billingWebhookSecret === undefined) {
        throw new ApiError(
          503,
          'billing_not_configured',
          'Billing events are refused until BILLING_WEBHOOK_SECRET is set.',
        );
      }
      const body = await verifiedBody(req, res, billingWebhookSecret);
      const event = parseInput(billingEventSchema, parseJson(body), 'body');
      addLogFields(res, { storeId: event.storeId, eventId: event.id, eventType: event.type });
      const result = await subscriptions.applyBillingEvent(event);
      if (result.status === 'refused') throw new ApiError(REFUSAL_STATUS[result.code], result.code, result.message);
      addLogFields(res, { outcome: result.outcome, duplicate: result.duplicate });
      if (!result.duplicate) await deps.onSubscriptionChanged?.(event.storeId);
      // A repeat gets the first delivery's answer, so the provider can retry safely.
      res.status(200).json({ eventId: event.id, outcome: result.outcome });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/api/stores/:storeId/subscription')
    .get(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      if (!(await stores.get(storeId))) throw new ApiError(404, 'not_found', 'No store with this id.');
      const at = now();
      const [subscription, usage] = await Promise.all([subscriptions.get(storeId), subscriptions.usage(storeId, at)]);
      const state = subscription && usage ? { subscription, usage } : null;
      res.json(summaryJson(storeId, summarizeSubscription(state, at)));
    })
    .all(methodNotAllowed('GET'));

  return router;
}
