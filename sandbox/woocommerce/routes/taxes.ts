import { Router } from 'express';
import { requireCaller } from '../auth';
import { route, routeId, type StoreContext } from '../context';
import { ParamReader } from '../params';
import { pageOf, paginationHeaders, sendRest } from '../respond';
import { noRoute, RestError } from '../rest-errors';
import type { TaxRate } from '../tax-rates';

/** A tax rate as `GET /taxes` shows it: `rate` a 4-decimal string, the standard class as `"standard"`. */
export function taxRateToRest(rate: TaxRate) {
  return {
    id: rate.id,
    country: rate.country,
    state: rate.state,
    postcode: '',
    city: '',
    postcodes: [],
    cities: [],
    rate: rate.rate.toFixed(4),
    name: rate.name,
    priority: rate.priority,
    compound: rate.compound,
    shipping: rate.shipping,
    order: rate.order,
    class: rate.taxClass === '' ? 'standard' : rate.taxClass,
  };
}

/** `/taxes` (paged, with `class`, `order`, `orderby`, `offset`) and `/taxes/{id}`: the store's tax rate table. */
export function taxRoutes(ctx: StoreContext): Router {
  const router = Router();
  const { settings } = ctx;

  router.get(
    '/taxes',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const p = new ParamReader(req.query);
      const page = p.int('page', { default: 1, min: 1 }) ?? 1;
      const perPage = p.int('per_page', { default: 10, min: 1, max: 100 }) ?? 10;
      const offset = p.int('offset');
      const order = p.oneOf('order', ['asc', 'desc'] as const, 'asc');
      const orderby = p.oneOf('orderby', ['id', 'order', 'priority'] as const, 'order');
      const taxClass = p.oneOf('class', ['standard', ...settings.taxClasses], 'standard');
      const filtered = req.query.class !== undefined;
      p.done();
      const slug = taxClass === 'standard' ? '' : taxClass;
      const matching = settings.taxRates
        .filter((rate) => !filtered || rate.taxClass === slug)
        .sort((a, b) => (order === 'asc' ? 1 : -1) * (a[orderby] - b[orderby] || a.id - b.id));
      const body = pageOf(matching, page, perPage, offset).map(taxRateToRest);
      sendRest(res, 200, body, paginationHeaders(req, settings.url, matching.length, perPage, page));
    }),
  );

  router.get(
    '/taxes/:id',
    route((req, res, caller) => {
      const id = routeId(req.params.id);
      if (id === undefined) throw noRoute();
      requireCaller(caller, 'view');
      const rate = settings.taxRates.find((candidate) => candidate.id === id);
      if (rate === undefined) throw new RestError(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
      sendRest(res, 200, taxRateToRest(rate));
    }),
  );

  return router;
}
