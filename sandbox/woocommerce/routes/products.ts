import { Router } from 'express';
import { requireCaller } from '../auth';
import { route, routeId, type StoreContext } from '../context';
import { ParamReader } from '../params';
import { productToRest, variationToRest } from '../product-serializer';
import type { StoredProduct } from '../product-store';
import { pageOf, paginationHeaders, sendRest } from '../respond';
import { invalidId, noRoute } from '../rest-errors';

/** `/products` (with the exact `sku` filter, which also finds variations), `/products/{id}` and variations. */
export function productRoutes(ctx: StoreContext): Router {
  const router = Router();
  const { products, settings } = ctx;

  router.get(
    '/products',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const p = new ParamReader(req.query);
      const page = p.int('page', { default: 1, min: 1 }) ?? 1;
      const perPage = p.int('per_page', { default: 10, min: 1, max: 100 }) ?? 10;
      const sku = p.text('sku');
      const type = p.oneOf('type', ['any', 'simple', 'grouped', 'external', 'variable'] as const, 'any');
      const include = p.ids('include');
      const search = p.text('search')?.toLowerCase();
      const order = p.oneOf('order', ['asc', 'desc'] as const, 'desc');
      p.done();
      const skus = sku === undefined ? undefined : new Set([sku, ...sku.split(',').map((s) => s.trim())]);
      const matching = products
        .all()
        .filter((product) =>
          skus !== undefined ? product.sku !== '' && skus.has(product.sku) : product.type !== 'variation',
        )
        .filter((product) => type === 'any' || product.type === type)
        .filter((product) => include === undefined || include.includes(product.id))
        .filter((product) => search === undefined || product.name.toLowerCase().includes(search))
        .sort(
          (a, b) => (order === 'asc' ? 1 : -1) * (a.dateCreated.getTime() - b.dateCreated.getTime() || a.id - b.id),
        );
      const body = pageOf(matching, page, perPage).map((product) => productToRest(product, products, settings));
      sendRest(res, 200, body, paginationHeaders(req, settings.url, matching.length, perPage, page));
    }),
  );

  router.get(
    '/products/:id',
    route((req, res, caller) => {
      const product = productOf(req.params.id);
      requireCaller(caller, 'view');
      sendRest(res, 200, productToRest(product, products, settings));
    }),
  );

  router.get(
    '/products/:id/variations',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const parent = productOf(req.params.id);
      const p = new ParamReader(req.query);
      const page = p.int('page', { default: 1, min: 1 }) ?? 1;
      const perPage = p.int('per_page', { default: 10, min: 1, max: 100 }) ?? 10;
      const sku = p.text('sku');
      p.done();
      const matching = parent.variationIds
        .map((id) => products.get(id) as StoredProduct)
        .filter((variation) => sku === undefined || variation.sku === sku);
      const body = pageOf(matching, page, perPage).map((variation) => variationToRest(variation, products, settings));
      sendRest(res, 200, body, paginationHeaders(req, settings.url, matching.length, perPage, page));
    }),
  );

  router.get(
    '/products/:id/variations/:variationId',
    route((req, res, caller) => {
      const parentId = routeId(req.params.id);
      const id = routeId(req.params.variationId);
      if (parentId === undefined || id === undefined) throw noRoute();
      const variation = products.get(id);
      if (variation === undefined || variation.type !== 'variation' || variation.parentId !== parentId) {
        throw invalidId('product_variation');
      }
      requireCaller(caller, 'view');
      sendRest(res, 200, variationToRest(variation, products, settings));
    }),
  );

  function productOf(value: unknown): StoredProduct {
    const id = routeId(value);
    if (id === undefined) throw noRoute();
    const product = products.get(id);
    if (product === undefined) throw invalidId('product');
    return product;
  }

  return router;
}
