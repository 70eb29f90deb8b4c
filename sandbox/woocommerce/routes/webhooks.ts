import { Router } from 'express';
import { requireCaller } from '../auth';
import { bodyOf, route, routeId, type StoreContext } from '../context';
import { ParamReader } from '../params';
import { pageOf, paginationHeaders, sendRest } from '../respond';
import { invalidId, missingParams, noRoute, RestError } from '../rest-errors';
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
      const offset = p.int('offset', { min: 0 });
      const status = p.oneOf('status', ['all', ...STATUSES] as const, 'all');
      const order = p.oneOf('order', ['asc', 'desc'] as const, 'desc');
      const orderby = p.oneOf('orderby', ['date', 'id', 'title'] as const, 'date');
      const include = p.ids('include');
      const exclude = p.ids('exclude') ?? [];
      const search = p.text('search')?.trim().toLowerCase();
      p.done();
      const matching = webhooks
        .list(status)
        .filter((w) => include === undefined || include.length === 0 || include.includes(w.id))
        .filter((w) => !exclude.includes(w.id))
        .filter((w) => search === undefined || search === '' || w.name.toLowerCase().includes(search))
        .sort((a, b) => (order === 'asc' ? 1 : -1) * compareWebhooks(a, b, orderby));
      const body = pageOf(matching, page, perPage, offset).map((w) => webhookToRest(w, settings));
      sendRest(res, 200, body, paginationHeaders(req, settings.url, matching.length, perPage, page));
    }),
  );

  router.post(
    '/webhooks',
    route(async (req, res, caller) => {
      requireCaller(caller, 'create');
      const body = bodyOf(req);
      const missing = ['topic', 'delivery_url'].filter((param) => body[param] === undefined || body[param] === null);
      if (missing.length > 0) throw missingParams(missing);
      const p = new ParamReader(body);
      p.string('topic');
      p.string('delivery_url');
      if (body.status !== undefined) p.oneOf('status', STATUSES, 'active');
      p.done();
      if (body.id !== undefined && body.id !== 0 && body.id !== '' && body.id !== '0') {
        throw new RestError(400, 'woocommerce_rest_shop_webhook_exists', 'Cannot create existing shop_webhook.');
      }
      const topic = validTopic(body.topic, TOPIC_REQUIRED) as string;
      const deliveryUrl = validDeliveryUrl(body.delivery_url, true) as string;
      const name =
        typeof body.name === 'string' && body.name !== ''
          ? body.name
          : `Webhook created on ${webhookNameDate(settings.now(), settings.utcOffsetMinutes)}`;
      const webhook = webhooks.insert({
        name,
        topic,
        deliveryUrl,
        secret: nonEmpty(body.secret),
      });
      const response = webhookToRest(webhook, settings);
      await dispatcher.ping(webhook);
      sendRest(res, 201, response, { Location: `${settings.url}/wp-json/wc/v3/webhooks/${webhook.id}` });
    }),
  );

  router.get(
    '/webhooks/:id',
    route((req, res, caller) => {
      requireCaller(caller, 'view');
      const webhook = webhookOf(req.params.id);
      sendRest(res, 200, webhookToRest(webhook, settings));
    }),
  );

  const update = route(async (req, res, caller) => {
    requireCaller(caller, 'edit');
    const body = bodyOf(req);
    const p = new ParamReader(body);
    const status = body.status === undefined ? undefined : p.oneOf('status', STATUSES, 'active');
    p.done();
    const webhook = webhookOf(req.params.id);
    // `update_item` takes only non-empty values (PHP `empty`), and says "must be valid" without "is required".
    const changes: WebhookChanges = {
      name: nonEmpty(body.name),
      topic: validTopic(nonEmpty(body.topic), TOPIC_OPTIONAL),
      deliveryUrl: validDeliveryUrl(nonEmpty(body.delivery_url), false),
      secret: nonEmpty(body.secret),
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
      requireCaller(caller, 'delete');
      const p = new ParamReader(req.query);
      const force = p.bool('force', false);
      p.done();
      // `delete_item` refuses to trash before it looks the webhook up, so an unknown id without force is a 501 too.
      if (!force) {
        throw new RestError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.');
      }
      const id = routeId(req.params.id);
      if (id === undefined) throw noRoute();
      const webhook = webhooks.get(id);
      if (webhook === undefined) throw invalidId('shop_webhook');
      const previous = webhookToRest(webhook, settings);
      webhooks.delete(webhook.id);
      sendRest(res, 200, previous);
    }),
  );

  /** `prepare_item_for_response`'s lookup: an unknown id is 400 "ID is invalid." (id 0 is `get_item`'s 404). */
  function webhookOf(value: unknown): WebhookState {
    const id = routeId(value);
    if (id === undefined) throw noRoute();
    if (id === 0) throw invalidId('shop_webhook');
    const webhook = webhooks.get(id);
    if (webhook === undefined) throw new RestError(400, 'woocommerce_rest_shop_webhook_invalid_id', 'ID is invalid.');
    return webhook;
  }

  return router;
}

const TOPIC_REQUIRED = 'Webhook topic is required and must be valid.';
const TOPIC_OPTIONAL = 'Webhook topic must be valid.';

/** `wc_is_webhook_valid_topic( strtolower( topic ) )`; absent is fine on update (the message tells which). */
function validTopic(value: unknown, message: string): string | undefined {
  if (value === undefined && message === TOPIC_OPTIONAL) return undefined;
  if (typeof value !== 'string' || value === '' || !isValidTopic(value.toLowerCase())) {
    throw new RestError(400, 'woocommerce_rest_shop_webhook_invalid_topic', message);
  }
  return value.toLowerCase();
}

/** A string value that PHP's `empty` would not skip, else undefined. */
function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== '0' ? value : undefined;
}

/** Sort order of `search_webhooks`: date (created, GMT), id or title (the name), with the id breaking ties. */
function compareWebhooks(a: WebhookState, b: WebhookState, orderby: 'date' | 'id' | 'title'): number {
  if (orderby === 'title' && a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (orderby === 'date' && a.dateCreated.getTime() !== b.dateCreated.getTime()) {
    return a.dateCreated.getTime() - b.dateCreated.getTime();
  }
  return a.id - b.id;
}

/** `wc_is_valid_url`: starts with `http://` or `https://` (case-sensitive) and passes `FILTER_VALIDATE_URL`. */
function validDeliveryUrl(value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  const valid =
    typeof value === 'string' &&
    (value.startsWith('http://') || value.startsWith('https://')) &&
    URL.canParse(value) &&
    new URL(value).hostname !== '' &&
    !/\s/.test(value);
  if (!valid) {
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
