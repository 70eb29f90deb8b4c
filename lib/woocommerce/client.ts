import { z } from 'zod';
import { wooOrderNoteSchema, type WooOrderNote } from './note-schema';
import { wooOrderSchema, type WooOrder } from './order-schema';
import { wooProductSchema, type WooProduct } from './product-schema';
import { wooRefundSchema, type WooRefund } from './refund-schema';
import { wooTaxRateSchema, type WooTaxRate } from './tax-rate-schema';
import { WooApiError } from './errors';
import { createWooTransport, parseWooBody, type WooTransportOptions } from './rest-transport';

/** Filters for `listOrders`; `modifiedAfter` is a UTC instant (ISO 8601, with or without `Z`). */
export interface WooOrderListQuery {
  page?: number;
  perPage?: number;
  status?: string[];
  modifiedAfter?: string;
}

/** One page of orders plus the totals from `X-WP-Total` / `X-WP-TotalPages`. */
export interface WooOrderPage {
  orders: WooOrder[];
  total: number;
  totalPages: number;
}

/** One page of the tax rate table plus the totals from `X-WP-Total` / `X-WP-TotalPages`. */
export interface WooTaxRatePage {
  rates: WooTaxRate[];
  total: number;
  totalPages: number;
}

/** The typed WooCommerce REST v3 operations the sync uses; every failure is a WooApiError. */
export interface WooClient {
  getOrder(id: number): Promise<WooOrder>;
  /** `GET /orders/{id}`; null when the store has no such order (deleted for good, or never created). */
  findOrder(id: number): Promise<WooOrder | null>;
  /** `GET /orders/{id}/refunds`, every page: the order's refunds, newest first as WooCommerce lists them. */
  listOrderRefunds(orderId: number): Promise<WooRefund[]>;
  listOrders(q: WooOrderListQuery): Promise<WooOrderPage>;
  addOrderNote(orderId: number, note: string, opts?: { customerNote?: boolean }): Promise<WooOrderNote>;
  listOrderNotes(orderId: number): Promise<WooOrderNote[]>;
  getProductBySku(sku: string): Promise<WooProduct | null>;
  /** `GET /products/{id}`; null when the store has no such product (deleted), any other failure throws. */
  getProduct(id: number): Promise<WooProduct | null>;
  /** `GET /taxes`: one page of the store's tax rates (every class), in the store's order. */
  listTaxRates(q: { page?: number; perPage?: number }): Promise<WooTaxRatePage>;
}

/** Creates a client for one store (HTTP Basic auth with the consumer key and secret). */
export function createWooClient(opts: WooTransportOptions): WooClient {
  const request = createWooTransport(opts);
  const client: WooClient = {
    async getOrder(id) {
      const path = `/orders/${positiveInt(id, 'order id')}`;
      const { body } = await request('GET', path);
      return parseWooBody(wooOrderSchema, body, `WooCommerce GET ${path}`);
    },

    async findOrder(id) {
      try {
        return await client.getOrder(id);
      } catch (err) {
        if (err instanceof WooApiError && err.status === 404 && err.code === ORDER_NOT_FOUND) return null;
        throw err;
      }
    },

    async listOrderRefunds(orderId) {
      const path = `/orders/${positiveInt(orderId, 'order id')}/refunds`;
      const refunds: WooRefund[] = [];
      for (let page = 1; page <= MAX_REFUND_PAGES; page += 1) {
        const { headers, body } = await request('GET', path, { query: { page, per_page: REFUNDS_PER_PAGE } });
        refunds.push(...parseWooBody(z.array(wooRefundSchema), body, `WooCommerce GET ${path}`));
        if (page >= pageTotals(headers, refunds.length).totalPages) return refunds;
      }
      throw new WooApiError({
        status: 200,
        code: 'too_many_refunds',
        message: `WooCommerce GET ${path}: more than ${MAX_REFUND_PAGES * REFUNDS_PER_PAGE} refunds`,
        retryable: false,
      });
    },

    async listOrders(q) {
      const { headers, body } = await request('GET', '/orders', {
        query: {
          page: q.page,
          per_page: q.perPage,
          status: q.status && q.status.length > 0 ? q.status.join(',') : undefined,
          modified_after: q.modifiedAfter === undefined ? undefined : toGmtWallClock(q.modifiedAfter),
          dates_are_gmt: q.modifiedAfter === undefined ? undefined : 'true',
        },
      });
      const orders = parseWooBody(z.array(wooOrderSchema), body, 'WooCommerce GET /orders');
      return { orders, ...pageTotals(headers, orders.length) };
    },

    async listTaxRates(q) {
      const { headers, body } = await request('GET', '/taxes', { query: { page: q.page, per_page: q.perPage } });
      const rates = parseWooBody(z.array(wooTaxRateSchema), body, 'WooCommerce GET /taxes');
      return { rates, ...pageTotals(headers, rates.length) };
    },

    async addOrderNote(orderId, note, noteOpts = {}) {
      const path = `/orders/${positiveInt(orderId, 'order id')}/notes`;
      const { body } = await request('POST', path, { body: { note, customer_note: noteOpts.customerNote ?? false } });
      return parseWooBody(wooOrderNoteSchema, body, `WooCommerce POST ${path}`);
    },

    async listOrderNotes(orderId) {
      const path = `/orders/${positiveInt(orderId, 'order id')}/notes`;
      const { body } = await request('GET', path);
      return parseWooBody(z.array(wooOrderNoteSchema), body, `WooCommerce GET ${path}`);
    },

    async getProductBySku(sku) {
      if (sku === '') return null;
      const { body } = await request('GET', '/products', { query: { sku } });
      const products = parseWooBody(z.array(wooProductSchema), body, 'WooCommerce GET /products');
      return products.find((product) => product.sku === sku) ?? null;
    },

    async getProduct(id) {
      const path = `/products/${positiveInt(id, 'product id')}`;
      try {
        const { body } = await request('GET', path);
        return parseWooBody(wooProductSchema, body, `WooCommerce GET ${path}`);
      } catch (err) {
        if (err instanceof WooApiError && err.status === 404 && err.code === PRODUCT_NOT_FOUND) return null;
        throw err;
      }
    },
  };
  return client;
}

/** WooCommerce's error code for an order id that names no order (never created, or deleted for good). */
const ORDER_NOT_FOUND = 'woocommerce_rest_shop_order_invalid_id';
/** WooCommerce's largest page, and how many pages of refunds an order may have before the read gives up. */
const REFUNDS_PER_PAGE = 100;
const MAX_REFUND_PAGES = 10;

/** WooCommerce's error code for a product id that names no product (never created, or deleted for good). */
const PRODUCT_NOT_FOUND = 'woocommerce_rest_product_invalid_id';

function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${what} must be a positive integer`);
  return value;
}

/** `X-WP-Total` and `X-WP-TotalPages` of a collection page (a proxy may strip them: then this page is all). */
function pageTotals(headers: Headers, count: number): { total: number; totalPages: number } {
  return {
    total: headerInt(headers, 'x-wp-total', count),
    totalPages: headerInt(headers, 'x-wp-totalpages', count > 0 ? 1 : 0),
  };
}

function headerInt(headers: Headers, name: string, fallback: number): number {
  const value = Number.parseInt(headers.get(name) ?? '', 10);
  return Number.isNaN(value) ? fallback : value;
}

/**
 * WordPress converts a date that carries an offset into *site-local* time even when comparing against the
 * `_gmt` columns, so the filter is sent as a UTC wall-clock time without offset, with `dates_are_gmt=true`.
 */
function toGmtWallClock(value: string): string {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const instant = new Date(hasOffset ? value : `${value}Z`);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`modifiedAfter is not an ISO 8601 date-time: ${value}`);
  return instant.toISOString().slice(0, 19);
}
