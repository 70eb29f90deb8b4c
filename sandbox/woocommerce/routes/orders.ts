import { Router } from 'express';
import { requireCaller } from '../auth';
import { bodyOf, route, routeId, type StoreContext } from '../context';
import { ORDER_STATUSES, type StoredOrder } from '../order-model';
import type { WooOrderJson } from '../order-serializer';
import type { CreateOrderInput, OrderChanges } from '../order-store';
import { ParamReader } from '../params';
import { pageOf, paginationHeaders, sendRest } from '../respond';
import { invalidId, noRoute, RestError } from '../rest-errors';
import { wooDate } from '../settings';

const LIST_STATUSES = ['any', 'trash', 'auto-draft', ...Object.keys(ORDER_STATUSES)];

/** `/orders` and `/orders/{id}`: list with WooCommerce's filters and pagination, read, create, update, delete. */
export function orderRoutes(ctx: StoreContext): Router {
  const router = Router();
  const { orders, settings } = ctx;

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
      const created = orders.create(createInput(bodyOf(req)));
      sendRest(res, 201, editContext(created), {
        Location: `${settings.url}/wp-json/wc/v3/orders/${created.id}`,
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
    const updated = orders.update(id, updateChanges(bodyOf(req)));
    sendRest(res, 200, editContext(updated));
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
        orders.deletePermanently(id);
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

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function records(value: unknown): Array<Record<string, unknown>> | undefined {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : undefined;
}

function statusOf(body: Record<string, unknown>): string | undefined {
  if (body.status === undefined) return undefined;
  const p = new ParamReader({ status: body.status });
  const status = p.oneOf('status', Object.keys(ORDER_STATUSES), 'pending');
  p.done();
  return status;
}

function updateChanges(body: Record<string, unknown>): OrderChanges {
  const status = statusOf(body);
  const meta = records(body.meta_data)?.map((entry) => ({
    id: num(entry.id),
    key: str(entry.key) ?? '',
    value: entry.value,
  }));
  return {
    status: body.set_paid === true && status === undefined ? 'processing' : status,
    customerNote: str(body.customer_note),
    transactionId: str(body.transaction_id),
    paymentMethod: str(body.payment_method),
    paymentMethodTitle: str(body.payment_method_title),
    billing:
      typeof body.billing === 'object' && body.billing !== null ? (body.billing as OrderChanges['billing']) : undefined,
    shipping:
      typeof body.shipping === 'object' && body.shipping !== null
        ? (body.shipping as OrderChanges['shipping'])
        : undefined,
    metaData: meta,
  };
}

function createInput(body: Record<string, unknown>): CreateOrderInput {
  if (records(body.coupon_lines)?.length) {
    const code = str(records(body.coupon_lines)?.[0]?.code) ?? '';
    throw new RestError(400, 'woocommerce_rest_invalid_coupon', `Coupon "${code}" does not exist!`);
  }
  const changes = updateChanges(body);
  return {
    status: changes.status ?? (body.set_paid === true ? 'processing' : 'pending'),
    customerId: num(body.customer_id) ?? 0,
    billing: changes.billing,
    shipping: changes.shipping,
    customerNote: changes.customerNote,
    transactionId: changes.transactionId,
    paymentMethod: changes.paymentMethod,
    paymentMethodTitle: changes.paymentMethodTitle,
    currency: str(body.currency),
    metaData: changes.metaData,
    lineItems: (records(body.line_items) ?? []).map((line) => ({
      productId: num(line.product_id),
      variationId: num(line.variation_id) || undefined,
      quantity: num(line.quantity) ?? 1,
      name: str(line.name),
      sku: str(line.sku),
      price: num(line.price),
    })),
    shippingLines: (records(body.shipping_lines) ?? []).map((line) => ({
      methodId: str(line.method_id),
      methodTitle: str(line.method_title),
      instanceId: str(line.instance_id),
      total: num(line.total) ?? 0,
    })),
    feeLines: (records(body.fee_lines) ?? []).map((fee) => ({
      name: str(fee.name) ?? 'Fee',
      total: num(fee.total) ?? 0,
      taxable: str(fee.tax_status) !== 'none',
      taxClass: str(fee.tax_class),
    })),
    createdVia: 'rest-api',
  };
}
