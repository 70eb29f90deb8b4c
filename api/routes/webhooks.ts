import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { StoreRepository } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { bodyReader } from '../json-body';
import { describeError, type Logger } from '../logger';
import { orderSyncWorkflowId } from '../../workflows/definitions';
import type { WebhookIntake } from '../webhook-intake';
import { addLogFields } from '../request-log';
import { storeParamsSchema } from '../schemas';
import { parseInput } from '../validation';
import { verifyWooWebhookSignature } from '../../lib/woocommerce/webhook-signature';

/** The WooCommerce topics that start or signal an order's sync workflow. */
export const ORDER_TOPICS: ReadonlySet<string> = new Set([
  'order.created',
  'order.updated',
  'order.deleted',
  'order.restored',
]);

const deliveryHeadersSchema = z.object({
  'x-wc-webhook-topic': z.string().regex(/^[a-z0-9_.]{1,100}$/, 'must be a WooCommerce topic such as order.updated'),
  'x-wc-webhook-delivery-id': z.string().max(100).optional(),
});

/** A WooCommerce order payload: only the id is needed (the workflow fetches the order itself). */
const orderPayloadSchema = z.object({
  id: z.union(
    [
      z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      z
        .string()
        .regex(/^[1-9]\d{0,14}$/)
        .transform(Number),
    ],
    {
      error: 'must be a positive integer order id',
    },
  ),
  // The merchant-facing order number (may be customised by plugins); dropped rather than rejected when odd.
  number: z.string().min(1).max(64).optional().catch(undefined),
});

/** What WooCommerce delivers when the resource could not be read at delivery time. */
const wooErrorPayloadSchema = z.object({
  code: z.string().max(200),
  message: z.string(),
  data: z.object({ status: z.number() }).optional(),
});

/** True for WooCommerce's creation ping: form body `webhook_id=N` and no X-WC-Webhook-* delivery headers. */
function isPing(req: Request, rawBody: Buffer): boolean {
  return (
    req.get('x-wc-webhook-signature') === undefined &&
    req.get('x-wc-webhook-topic') === undefined &&
    /^webhook_id=\d+$/.test(rawBody.toString('latin1').trim())
  );
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The webhook body is not valid JSON.');
  }
}

/** Dependencies of the webhook endpoint: reads the store secret, records deliveries, nothing else. */
export interface WebhookRouteDeps {
  stores: Pick<StoreRepository, 'getCredentials'>;
  intake: WebhookIntake;
  bodyLimit: string;
  logger: Logger;
}

/**
 * `POST /webhooks/woocommerce/:storeId`: verifies a delivery over its raw bytes and records it in the inbox; the
 * relay starts the order's sync, so the answer never waits for Temporal.
 */
export function webhookRoutes({ stores, intake, bodyLimit, logger }: WebhookRouteDeps): Router {
  const router = Router();
  const readRawBody = bodyReader(express.raw({ type: () => true, limit: bodyLimit }));

  router
    .route('/webhooks/woocommerce/:storeId')
    .post(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      addLogFields(res, { storeId });
      const credentials = await stores.getCredentials(storeId);
      if (!credentials) throw new ApiError(404, 'unknown_store', 'No store is registered under this webhook URL.');

      // Read only for a known store; parsed as JSON only once the signature over these bytes checks out.
      const raw = await readRawBody(req, res);
      const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
      if (isPing(req, body)) {
        addLogFields(res, { ping: true });
        res.status(200).json({ ok: true });
        return;
      }

      const signature = req.get('x-wc-webhook-signature');
      if (signature === undefined || signature === '') {
        throw new ApiError(401, 'missing_signature', 'The X-WC-Webhook-Signature header is missing.');
      }
      if (!verifyWooWebhookSignature(body, credentials.webhookSecret, signature)) {
        throw new ApiError(401, 'invalid_signature', 'The webhook signature does not match the store webhook secret.');
      }

      const headers = parseInput(deliveryHeadersSchema, req.headers, 'headers');
      const topic = headers['x-wc-webhook-topic'];
      const deliveryId = headers['x-wc-webhook-delivery-id'];
      const payload = parseJson(body);

      if (!ORDER_TOPICS.has(topic)) {
        addLogFields(res, { topic, deliveryId, ignored: 'topic' });
        res.status(202).json({ ignored: true });
        return;
      }
      const wooError = wooErrorPayloadSchema.safeParse(payload);
      if (wooError.success && (payload as { id?: unknown }).id === undefined) {
        logger.warn('webhook ignored', {
          storeId,
          topic,
          deliveryId,
          reason: 'woocommerce error payload',
          wooCode: wooError.data.code,
        });
        res.status(202).json({ ignored: true });
        return;
      }

      const order = parseInput(orderPayloadSchema, payload, 'body');
      try {
        await intake.record({ storeId, orderId: order.id, orderNumber: order.number, topic, deliveryId });
      } catch (error) {
        logger.error('recording the webhook delivery failed', {
          storeId,
          orderId: order.id,
          error: describeError(error),
        });
        throw new ApiError(503, 'sync_unavailable', 'The order could not be queued for sync; try again later.');
      }
      const workflowId = orderSyncWorkflowId(storeId, order.id);
      addLogFields(res, { topic, deliveryId, workflowId });
      res.status(202).json({ workflowId });
    })
    .all(methodNotAllowed('POST'));

  return router;
}
