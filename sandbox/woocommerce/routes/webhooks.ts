import { Router } from 'express';
import { requireCaller } from '../auth';
import { bodyOf, route, routeId, type StoreContext } from '../context';
import { ParamReader } from '../params';
import { pageOf, paginationHeaders, sendRest } from '../respond';
import { invalidId, noRoute, RestError } from '../rest-errors';
import { wooDate, wooDatePair, type StoreSettings } from '../settings';
import { isValidTopic, splitTopic, topicHooks } from '../topics';
import type { WebhookChanges, WebhookState } from '../webhook-registry';

const STATUSES = ['active', 'paused', 'disabled'] as const;

/** `/webhooks`: create (forced active, synchronous ping before the 201), list, read, update, force-delete. */
export function webhookRoutes(ctx: StoreContext): Router {
  const router = Router();
  const { webhooks, dispatcher, settings } = ctx;

  router.get(
    '/webhooks',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const p = new ParamReader(req.query);
      const page = p.int('page', { default: 1, min: 1 }) ?? 1;
      const perPage = p.int('per_page', { default: 10, min: 1, max: 100 }) ?? 10;
      const status = p.oneOf('status', ['all', ...STATUSES] as const, 'all');
      p.done();
      const matching = webhooks.list(status).sort((a, b) => b.id - a.id);
      const body = pageOf(matching, page, perPage).map((w) => webhookToRest(w, settings));
      sendRest(res, 200, body, paginationHeaders(req, settings.url, matching.length, perPage, page));
    }),
  );

  router.post(
    '/webhooks',
    route(async (req, res, caller) => {
      requireCaller(caller, 'create');
      const body = bodyOf(req);
      const topic = validTopic(body.topic, true) as string;
      const deliveryUrl = validDeliveryUrl(body.delivery_url, true) as string;
      const name =
        typeof body.name === 'string' && body.name !== ''
          ? body.name
          : `Webhook created on ${webhookNameDate(settings.now(), settings.utcOffsetMinutes)}`;
      const webhook = webhooks.insert({
        name,
        topic,
        deliveryUrl,
        secret: typeof body.secret === 'string' ? body.secret : undefined,
      });
      const response = webhookToRest(webhook, settings);
      await dispatcher.ping(webhook);
      sendRest(res, 201, response, { Location: `${settings.url}/wp-json/wc/v3/webhooks/${webhook.id}` });
    }),
  );

  router.get(
    '/webhooks/:id',
    route((req, res, caller) => {
      const webhook = webhookOf(req.params.id, 404);
      requireCaller(caller, 'view');
      sendRest(res, 200, webhookToRest(webhook, settings));
    }),
  );

  const update = route(async (req, res, caller) => {
    const webhook = webhookOf(req.params.id, 400);
    requireCaller(caller, 'edit');
    const body = bodyOf(req);
    const p = new ParamReader(body);
    const status = body.status === undefined ? undefined : p.oneOf('status', STATUSES, 'active');
    p.done();
    const changes: WebhookChanges = {
      name: typeof body.name === 'string' ? body.name : undefined,
      topic: validTopic(body.topic, false),
      deliveryUrl: validDeliveryUrl(body.delivery_url, false),
      secret: typeof body.secret === 'string' ? body.secret : undefined,
      status,
    };
    const updated = await webhooks.update(webhook.id, changes);
    sendRest(res, 200, webhookToRest(updated, settings));
  });
  router.put('/webhooks/:id', update);
  router.post('/webhooks/:id', update);
  router.patch('/webhooks/:id', update);

  router.delete(
    '/webhooks/:id',
    route((req, res, caller) => {
      const webhook = webhookOf(req.params.id, 404);
      requireCaller(caller, 'delete');
      const p = new ParamReader(req.query);
      const force = p.bool('force', false);
      p.done();
      if (!force) {
        throw new RestError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.');
      }
      const previous = webhookToRest(webhook, settings);
      webhooks.delete(webhook.id);
      sendRest(res, 200, previous);
    }),
  );

  function webhookOf(value: unknown, missingStatus: number): WebhookState {
    const id = routeId(value);
    if (id === undefined) throw noRoute();
    const webhook = webhooks.get(id);
    if (webhook === undefined) throw invalidId('shop_webhook', missingStatus);
    return webhook;
  }

  return router;
}

function validTopic(value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '' || !isValidTopic(value.toLowerCase())) {
    throw new RestError(
      400,
      'woocommerce_rest_shop_webhook_invalid_topic',
      'Webhook topic is required and must be valid.',
    );
  }
  return value.toLowerCase();
}

function validDeliveryUrl(value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/i.test(value)) {
    throw new RestError(
      400,
      'woocommerce_rest_shop_webhook_invalid_delivery_url',
      'Webhook delivery URL must be a valid URL starting with http:// or https://.',
    );
  }
  return value;
}

/** The REST shape of a webhook; the secret is never included. */
export function webhookToRest(webhook: WebhookState, settings: StoreSettings) {
  const [created, createdGmt] = wooDatePair(webhook.dateCreated, settings.utcOffsetMinutes);
  const [modified, modifiedGmt] = wooDatePair(webhook.dateModified, settings.utcOffsetMinutes);
  const { resource, event } = splitTopic(webhook.topic);
  const api = `${settings.url}/wp-json/wc/v3`;
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource,
    event,
    hooks: topicHooks(webhook.topic),
    delivery_url: webhook.deliveryUrl,
    date_created: created,
    date_created_gmt: createdGmt,
    date_modified: modified,
    date_modified_gmt: modifiedGmt,
    _links: { self: [{ href: `${api}/webhooks/${webhook.id}` }], collection: [{ href: `${api}/webhooks` }] },
  };
}

/** `M d, Y @ h:i A` in site time, e.g. "Mar 22, 2017 @ 04:28 PM". */
function webhookNameDate(instant: Date, offsetMinutes: number): string {
  const [date, time] = wooDate(instant, offsetMinutes).split('T');
  const [year, month, day] = date.split('-');
  const [hour, minute] = time.split(':').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const hour12 = String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, '0');
  return `${months[Number(month) - 1]} ${day}, ${year} @ ${hour12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}
