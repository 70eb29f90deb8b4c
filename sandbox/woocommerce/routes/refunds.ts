import { Router, type Request } from 'express';
import { requireCaller } from '../auth';
import { bodyOf, route, routeId, type StoreContext } from '../context';
import type { StoredRefund } from '../order-model';
import { ParamReader } from '../params';
import { RefundFailure } from '../payment-gateways';
import { pageOf, paginationHeaders, sendRest } from '../respond';
import { invalidId, noRoute, RestError } from '../rest-errors';
import { restRefundRequest } from './refund-body';

/**
 * `/orders/{order_id}/refunds` and `/orders/{order_id}/refunds/{id}` (WC_REST_Order_Refunds_Controller): a list
 * paginated like orders, create (201), read, and delete (`force` defaults to true; refunds cannot be trashed).
 */
export function refundRoutes(ctx: StoreContext): Router {
  const router = Router();
  const { orders, settings } = ctx;
  const orderIdOf = (req: Request) => {
    const id = routeId(req.params.orderId);
    if (id === undefined) throw noRoute();
    return id;
  };
  const invalidOrder = () => new RestError(404, 'woocommerce_rest_invalid_order_id', 'Invalid order ID.');

  /** `get_object` then the order checks of `prepare_object_for_response`. */
  const refundOf = (req: Request): StoredRefund => {
    const orderId = orderIdOf(req);
    const id = routeId(req.params.id);
    if (id === undefined) throw noRoute();
    const refund = orders.findRefund(id);
    if (refund === undefined && orders.stored(id) === undefined) throw invalidId('shop_order_refund');
    if (orders.stored(orderId) === undefined) throw invalidOrder();
    if (refund === undefined || refund.orderId !== orderId) {
      throw new RestError(404, 'woocommerce_rest_invalid_order_refund_id', 'Invalid order refund ID.');
    }
    return refund;
  };

  router.get(
    '/orders/:orderId/refunds',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const orderId = orderIdOf(req);
      const p = new ParamReader(req.query);
      const page = p.int('page', { default: 1, min: 1 }) ?? 1;
      const perPage = p.int('per_page', { default: 10, min: 1, max: 100 }) ?? 10;
      const offset = p.int('offset', { min: 0 });
      const order = p.oneOf('order', ['asc', 'desc'] as const, 'desc');
      const orderby = p.oneOf('orderby', ['date', 'id', 'include', 'title', 'slug', 'modified'] as const, 'date');
      const include = p.ids('include');
      const exclude = p.ids('exclude');
      const dp = p.int('dp', { min: 0 });
      p.done();
      const sign = order === 'asc' ? 1 : -1;
      const byDate = orderby === 'date' || orderby === 'modified';
      const matching = (orders.stored(orderId)?.refunds ?? [])
        .filter((refund) => include === undefined || include.includes(refund.id))
        .filter((refund) => exclude === undefined || !exclude.includes(refund.id))
        .sort((a, b) => sign * ((byDate ? a.dateCreated.getTime() - b.dateCreated.getTime() : 0) || a.id - b.id));
      const body = pageOf(matching, page, perPage, offset).map((refund) => orders.refundToRest(refund, { dp }));
      sendRest(res, 200, body, paginationHeaders(req, settings.url, matching.length, perPage, page));
    }),
  );

  router.post(
    '/orders/:orderId/refunds',
    route((req, res, caller) => {
      requireCaller(caller, 'create');
      const orderId = orderIdOf(req);
      const body = bodyOf(req);
      if (body.id !== undefined && body.id !== null && body.id !== 0 && body.id !== '') {
        throw new RestError(
          400,
          'woocommerce_rest_shop_order_refund_exists',
          'Cannot create existing shop_order_refund.',
        );
      }
      if (orders.stored(orderId) === undefined) throw invalidOrder();
      const request = restRefundRequest(body);
      let refund: StoredRefund;
      try {
        refund = orders.createRefund(orderId, request);
      } catch (error) {
        if (error instanceof RefundFailure) {
          throw new RestError(500, 'woocommerce_rest_cannot_create_order_refund', error.message);
        }
        throw error;
      }
      // CRUD create_item builds Location from the route pattern itself, so the order id stays a regex group.
      sendRest(res, 201, orders.refundToRest(refund, { context: 'edit' }), {
        Location: `${settings.url}/wp-json/wc/v3/orders/(?P<order_id>[\\d]+)/refunds/${refund.id}`,
      });
    }),
  );

  router.get(
    '/orders/:orderId/refunds/:id',
    route((req, res, caller) => {
      requireCaller(caller, 'view');
      const refund = refundOf(req);
      const p = new ParamReader(req.query);
      const dp = p.int('dp', { min: 0 });
      p.done();
      sendRest(res, 200, orders.refundToRest(refund, { dp }));
    }),
  );

  router.delete(
    '/orders/:orderId/refunds/:id',
    route((req, res, caller) => {
      requireCaller(caller, 'delete');
      const p = new ParamReader(req.query);
      const force = p.bool('force', true);
      p.done();
      if (!force) {
        const id = routeId(req.params.id);
        if (id !== undefined && orders.findRefund(id) === undefined && orders.stored(id) === undefined) {
          throw invalidId('shop_order_refund');
        }
        throw new RestError(
          501,
          'woocommerce_rest_trash_not_supported',
          'The shop_order_refund does not support trashing.',
        );
      }
      // WooCommerce deletes even when the refund belongs to another order (then answers 404); the sandbox only answers.
      const refund = refundOf(req);
      const previous = orders.refundToRest(refund, { context: 'edit' });
      orders.deleteRefund(refund.id);
      sendRest(res, 200, previous);
    }),
  );

  return router;
}
