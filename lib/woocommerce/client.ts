import { z } from 'zod';
import { wooOrderNoteSchema, type WooOrderNote } from './note-schema';
import { wooOrderSchema, type WooOrder } from './order-schema';
import { wooProductSchema, type WooProduct } from './product-schema';
import { wooRefundSchema, type WooRefund } from './refund-schema';
import { storeFactsFromSettings, wooSettingOptionSchema, type WooStoreFacts } from './store-facts';
import { wooTaxRateSchema, type WooTaxRate } from './tax-rate-schema';
import { toWooWebhook, wooWebhookSchema, type WooWebhook } from './webhook-schema';
import { WooApiError } from './errors';
import { createWooTransport, parseWooBody, type WooRequest, type WooTransportOptions } from './rest-transport';

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

/** A webhook to create: WooCommerce forces it active and pings `deliveryUrl` (the ping's answer does not matter). */
export interface WooWebhookInput {
  name: string;
  topic: string;
  deliveryUrl: string;
  secret: string;
}

/**
 * The typed WooCommerce REST v3 operations the sync uses; every failure is a WooApiError (`wooAccessRefusal` tells a
 * refused key, 401, from a key whose user is no shop manager, 403).
 */
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
  /** `GET /webhooks`, every page: all the store's webhooks (any status), newest first. */
  listWebhooks(): Promise<WooWebhook[]>;
  /** `POST /webhooks`: the created webhook (always active). */
  createWebhook(input: WooWebhookInput): Promise<WooWebhook>;
  /** `DELETE /webhooks/{id}?force=true`: true when deleted, false when the store had no such webhook. */
  deleteWebhook(id: number): Promise<boolean>;
  /** The store's currency, decimals and tax settings, from `GET /settings/general` and `GET /settings/tax`. */
  readStoreFacts(): Promise<WooStoreFacts>;
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
      return allPages(request, path, wooRefundSchema, 'refunds');
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

    async listWebhooks() {
      return (await allPages(request, '/webhooks', wooWebhookSchema, 'webhooks')).map(toWooWebhook);
    },

    async createWebhook(input) {
      const { body } = await request('POST', '/webhooks', {
        body: { name: input.name, topic: input.topic, delivery_url: input.deliveryUrl, secret: input.secret },
      });
      return toWooWebhook(parseWooBody(wooWebhookSchema, body, 'WooCommerce POST /webhooks'));
    },

    async deleteWebhook(id) {
      const path = `/webhooks/${positiveInt(id, 'webhook id')}`;
      try {
        await request('DELETE', path, { query: { force: 'true' } });
        return true;
      } catch (err) {
        if (err instanceof WooApiError && err.status === 404 && err.code === WEBHOOK_NOT_FOUND) return false;
        throw err;
      }
    },

    // The settings groups, not system_status: two light reads of the merchant's own options, where system_status
    // is heavy (the store tests remote POST and GET to third parties when its hourly cache is cold, and reads
    // server details) and does not carry the tax options at all.
    async readStoreFacts() {
      const [general, tax] = await Promise.all(
        ['general', 'tax'].map(async (group) => {
          const { body } = await request('GET', `/settings/${group}`);
          return parseWooBody(z.array(wooSettingOptionSchema), body, `WooCommerce GET /settings/${group}`);
        }),
      );
      return storeFactsFromSettings({ general, tax });
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
/** WooCommerce's largest page, and how many pages of a collection a read takes before it gives up. */
const PAGE_SIZE = 100;
const MAX_PAGES = 10;

/** WooCommerce's error code for a webhook id that names no webhook (`DELETE` answers 404 with it). */
const WEBHOOK_NOT_FOUND = 'woocommerce_rest_shop_webhook_invalid_id';

/** WooCommerce's error code for a product id that names no product (never created, or deleted for good). */
const PRODUCT_NOT_FOUND = 'woocommerce_rest_product_invalid_id';

/** Every page of a collection, until `X-WP-TotalPages`; more than MAX_PAGES pages is an error. */
async function allPages<T extends z.ZodType>(
  request: WooRequest,
  path: string,
  schema: T,
  what: string,
): Promise<Array<z.infer<T>>> {
  const items: Array<z.infer<T>> = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { headers, body } = await request('GET', path, { query: { page, per_page: PAGE_SIZE } });
    items.push(...parseWooBody(z.array(schema), body, `WooCommerce GET ${path}`));
    if (page >= pageTotals(headers, items.length).totalPages) return items;
  }
  throw new WooApiError({
    status: 200,
    code: `too_many_${what}`,
    message: `WooCommerce GET ${path}: more than ${MAX_PAGES * PAGE_SIZE} ${what}`,
    retryable: false,
  });
}

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
