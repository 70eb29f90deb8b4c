import { Router } from 'express';
import { requireCaller } from '../auth';
import { bodyOf, route, routeId, type StoreContext } from '../context';
import { ORDER_STATUSES, type StoredOrder } from '../order-model';
import type { WooOrderJson } from '../order-serializer';
import { needsPayment } from '../order-status';
import { ParamReader } from '../params';
import { pageOf, paginationHeaders, sendRest } from '../respond';
import { invalidId, noRoute, RestError } from '../rest-errors';
import { wooDate } from '../settings';
import { createInput, updateChanges } from './order-body';

const LIST_STATUSES = ['any', 'trash', 'auto-draft', ...Object.keys(ORDER_STATUSES)];

/** `/orders` and `/orders/{id}`: list with WooCommerce's filters and pagination, read, create, update, delete. */
export function orderRoutes(ctx: StoreContext): Router {
  const router = Router();
  const { orders, products, settings } = ctx;

  router.get(
    '/orders',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const p = new ParamReader(req.query);
      const page = p.int('page', { default: 1, min: 1 }) ?? 1;
      const perPage = p.int('per_page', { default: 10, min: 1, max: 100 }) ?? 10;
      const offset = p.int('offset', { min: 0 });
      const statuses = p.list('status', LIST_STATUSES) ?? ['any'];
      const datesAreGmt = p.bool('dates_are_gmt', false);
      const after = p.dateTime('after');
      const before = p.dateTime('before');
      const modifiedAfter = p.dateTime('modified_after');
      const modifiedBefore = p.dateTime('modified_before');
      const order = p.oneOf('order', ['asc', 'desc'] as const, 'desc');
      const orderby = p.oneOf('orderby', ['date', 'id', 'include', 'title', 'slug', 'modified'] as const, 'date');
      const customer = p.int('customer', { min: 0 });
      const include = p.ids('include');
      const exclude = p.ids('exclude');
      const search = p.text('search')?.toLowerCase();
      const dp = p.int('dp', { min: 0 });
      p.done();

      const column = (date: Date) => wooDate(date, datesAreGmt ? 0 : settings.utcOffsetMinutes);
      const bound = (value: string) => siteWallClock(value, settings.utcOffsetMinutes);
      const wanted = (o: StoredOrder) =>
        (statuses.includes('any') ? o.status !== 'trash' : statuses.includes(o.status)) &&
        (after === undefined || column(o.dateCreated) > bound(after)) &&
        (before === undefined || column(o.dateCreated) < bound(before)) &&
        (modifiedAfter === undefined || column(o.dateModified) > bound(modifiedAfter)) &&
        (modifiedBefore === undefined || column(o.dateModified) < bound(modifiedBefore)) &&
        (customer === undefined || o.customerId === customer) &&
        (include === undefined || include.includes(o.id)) &&
        (exclude === undefined || !exclude.includes(o.id)) &&
        (search === undefined || JSON.stringify([o.billing, o.shipping]).toLowerCase().includes(search));

      const sign = order === 'asc' ? 1 : -1;
      const key = (o: StoredOrder) =>
        orderby === 'modified' ? o.dateModified.getTime() : orderby === 'date' ? o.dateCreated.getTime() : o.id;
      const matching = orders
        .all()
        .filter(wanted)
        .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
      const body = pageOf(matching, page, perPage, offset).map((o) => orders.toRest(o.id, dp));
      sendRest(res, 200, body, paginationHeaders(req, settings.url, matching.length, perPage, page));
    }),
  );

  router.post(
    '/orders',
    route((req, res, caller) => {
      requireCaller(caller, 'create');
      const { setPaid, ...input } = createInput(bodyOf(req), products);
      const { id } = orders.create(input);
      if (setPaid) orders.markPaid(id, { transactionId: input.transactionId });
      sendRest(res, 201, editContext(orders.toRest(id)), {
        Location: `${settings.url}/wp-json/wc/v3/orders/${id}`,
      });
    }),
  );

  router.get(
    '/orders/:id',
    route((req, res, caller) => {
      const id = routeId(req.params.id);
      if (id === undefined) throw noRoute();
      if (orders.stored(id) === undefined) throw invalidId('shop_order');
      requireCaller(caller, 'view');
      const p = new ParamReader(req.query);
      const dp = p.int('dp', { min: 0 });
      p.done();
      sendRest(res, 200, orders.toRest(id, dp));
    }),
  );

  const update = route((req, res, caller) => {
    const id = routeId(req.params.id);
    if (id === undefined) throw noRoute();
    if (orders.stored(id) === undefined) throw invalidId('shop_order', 400);
    requireCaller(caller, 'edit');
    const { setPaid, ...changes } = updateChanges(bodyOf(req));
    orders.update(id, changes);
    const stored = orders.stored(id);
    if (setPaid && stored && needsPayment(stored)) orders.markPaid(id, { transactionId: changes.transactionId });
    sendRest(res, 200, editContext(orders.toRest(id)));
  });
  router.put('/orders/:id', update);
  router.post('/orders/:id', update);
  router.patch('/orders/:id', update);

  router.delete(
    '/orders/:id',
    route((req, res, caller) => {
      const id = routeId(req.params.id);
      if (id === undefined) throw noRoute();
      const stored = orders.stored(id);
      if (stored === undefined) throw invalidId('shop_order');
      requireCaller(caller, 'delete');
      const p = new ParamReader(req.query);
      const force = p.bool('force', false);
      p.done();
      if (force) {
        const previous = editContext(orders.toRest(id));
        orders.delete(id);
        sendRest(res, 200, previous);
        return;
      }
      if (stored.status === 'trash') {
        throw new RestError(410, 'woocommerce_rest_already_trashed', 'The shop_order has already been deleted.');
      }
      sendRest(res, 200, editContext(orders.trash(id)));
    }),
  );

  return router;
}

/** WordPress turns a date with an offset into site-local time before comparing, even against the `_gmt` column. */
function siteWallClock(value: string, offsetMinutes: number): string {
  const normalised = value.replace(/[tT ]/, 'T');
  const hasOffset = /(Z|z|[+-]\d{2}(:?\d{2})?)$/.test(normalised);
  return hasOffset ? wooDate(new Date(normalised), offsetMinutes) : normalised.slice(0, 19);
}

/** Create/update responses use `context=edit`, which leaves out the view-only coupon fields. */
function editContext(order: WooOrderJson) {
  return {
    ...order,
    coupon_lines: order.coupon_lines.map((line) => ({
      id: line.id,
      code: line.code,
      discount: line.discount,
      discount_tax: line.discount_tax,
      meta_data: line.meta_data,
    })),
  };
}
