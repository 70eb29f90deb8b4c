import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ApiKeyStore, type ApiKey } from './api-keys';
import { createWooApp } from './app';
import type { StoreContext } from './context';
import { DeliveryLog } from './delivery-log';
import { DeliveryQueue } from './delivery-queue';
import { WooFaults } from './faults';
import { IdSequences } from './ids';
import { NoteStore, type OrderNote } from './note-store';
import { OrderStore, type OrderEvent } from './order-store';
import { PaymentGateways } from './payment-gateways';
import { productToRest } from './product-serializer';
import { ProductStore } from './product-store';
import type { StoreSettings } from './settings';
import { STORE_ADMIN, UserStore, type UserRole } from './users';
import type { TaxLocation, TaxRate } from './tax-rates';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookRegistry, type WebhookState } from './webhook-registry';

export type {
  CheckoutInput,
  CreateOrderInput,
  OrderChanges,
  OrderLineInput,
  OrderShippingInput,
  OrderFeeInput,
} from './order-store';
export type { OrderStore, OrderEvent } from './order-store';
export type { WooOrderJson } from './order-serializer';
export type { WooRefundJson } from './refund-serializer';
export type { RefundInput, RefundLineInput, RefundChargeInput, RefundTaxInput } from './refund-input';
export type { PaymentGateways, PaymentGateway, GatewayRefund, CheckoutBehaviour } from './payment-gateways';
export type { ProductStore, SimpleProductInput, VariableProductInput, StoredProduct } from './product-store';
export type { DeliveryLog, DeliveryRecord } from './delivery-log';
export type { WooFaults, RestFault, RestFaultRule } from './faults';
export type { WebhookState } from './webhook-registry';
export type { OrderNote } from './note-store';
export type { ApiKey } from './api-keys';
export type { UserRole } from './users';
export type { TaxRate, TaxLocation } from './tax-rates';
export type { CouponInput } from './discounts';
export { calculateOrder } from './order-calculator';
export type { OrderCalcInput, OrderCalcResult } from './calculator-types';

/** Options of the fake WooCommerce store. */
export interface WooSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  consumerKey?: string;
  consumerSecret?: string;
  /** Default 'NZD'. */
  currency?: string;
  /** "Number of decimals"; default 2. */
  decimals?: number;
  /** Prices entered with tax; default false. */
  pricesIncludeTax?: boolean;
  /** `woocommerce_tax_round_at_subtotal`; default false. */
  roundTaxAtSubtotal?: boolean;
  /** `woocommerce_calc_taxes` ("Enable tax rates and calculations"); default true. Off, orders carry no taxes. */
  taxesEnabled?: boolean;
  /**
   * Hosts whose `callback_url` the `/wc-auth/v1` handshake accepts over plain http (local tests only). WooCommerce
   * itself requires https ("The callback_url needs to be over SSL"); this is the sandbox's one deviation there.
   */
  wcAuthHttpCallbackHosts?: string[];
  /** How long a delivery job waits in the queue (its coalescing window); default 50 ms. */
  asyncDeliveryDelayMs?: number;
  /** Delivery timeout; default 60 s as in WooCommerce. */
  deliveryTimeoutMs?: number;
  /** Site time zone as a fixed offset in minutes; default 0. */
  utcOffsetMinutes?: number;
  /** Store base location; default NZ. */
  baseLocation?: TaxLocation;
  /** The tax rate table; default one 15% GST rate for NZ that also applies to shipping. */
  taxRates?: Array<Partial<TaxRate> & { rate: number }>;
  /** Apply WordPress's "safe URL" rules to deliveries (blocks loopback/private hosts); default false. */
  enforceSafeUrls?: boolean;
  /** Clock for dates (orders, notes, webhooks); default the real clock. */
  now?: () => Date;
  /**
   * Deleting a refund fires `order.updated` for its order, as WooCommerce 11.2+ does (PR #68698); earlier versions
   * fire nothing, so only polling sees it. Default true.
   */
  refundDeletionFiresUpdate?: boolean;
}

/** Test-facing products API. */
export interface WooSandboxProducts {
  create: ProductStore['createSimple'];
  createVariable: ProductStore['createVariable'];
  get(id: number): ReturnType<typeof productToRest> | undefined;
}

/** Test-facing webhook state (REST never reveals the secret; this does). */
export interface WooSandboxWebhooks {
  list(): WebhookState[];
  get(id: number): WebhookState | undefined;
  /** Creates a webhook as `POST /webhooks` would (forced active, pinged before returning). */
  create(input: { topic: string; deliveryUrl: string; secret?: string; name?: string }): Promise<WebhookState>;
  /** Saves changes as `PUT /webhooks/{id}` would (may ping). */
  update: WebhookRegistry['update'];
}

/** A running fake WooCommerce store. */
export interface WooSandbox {
  /** Store origin; the REST base is `${url}/wp-json/wc/v3`. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  orders: OrderStore;
  /** Payment gateways: which can refund, what checkout does, refunds they made; `failNextRefunds()` for faults. */
  gateways: PaymentGateways;
  products: WooSandboxProducts;
  faults: WooFaults;
  deliveries: DeliveryLog;
  webhooks: WooSandboxWebhooks;
  settings: StoreSettings;
  /** Notes of an order, newest first. */
  notes(orderId: number): OrderNote[];
  /** Adds another REST key, e.g. a read-only one; `role` gives it to a new user of that role (default: the admin). */
  addApiKey(permissions: ApiKey['permissions'], opts?: { role?: UserRole }): ApiKey;
  /** Every REST key of the store (including those the `/wc-auth/v1` handshake created), oldest first. */
  apiKeys(): ApiKey[];
  close(): Promise<void>;
}

/** Starts the fake store on `host:port` and resolves once it listens. */
export async function startWooSandbox(opts: WooSandboxOptions = {}): Promise<WooSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const settings: StoreSettings = {
    url: '',
    currency: opts.currency ?? 'NZD',
    decimals: opts.decimals ?? 2,
    pricesIncludeTax: opts.pricesIncludeTax ?? false,
    roundTaxAtSubtotal: opts.roundTaxAtSubtotal ?? false,
    taxesEnabled: opts.taxesEnabled ?? true,
    utcOffsetMinutes: opts.utcOffsetMinutes ?? 0,
    baseLocation: opts.baseLocation ?? { country: 'NZ', state: '' },
    taxClasses: ['reduced-rate', 'zero-rate'],
    taxRates: (opts.taxRates ?? [{ id: 1, rate: 15, name: 'GST', country: 'NZ', shipping: true }]).map(
      (rate, index) => ({
        id: rate.id ?? index + 1,
        rate: rate.rate,
        name: rate.name ?? 'Tax',
        country: rate.country ?? '',
        state: rate.state ?? '',
        priority: rate.priority ?? 1,
        compound: rate.compound ?? false,
        shipping: rate.shipping ?? true,
        taxClass: rate.taxClass ?? '',
        order: rate.order ?? index,
      }),
    ),
    wcVersion: '9.8.5',
    wpVersion: '6.8.1',
    now: opts.now ?? (() => new Date()),
  };
  const users = new UserStore();
  const keys = new ApiKeyStore();
  const mainKey = keys.create({
    userId: STORE_ADMIN.id,
    permissions: 'read_write',
    description: 'Sandbox store key',
    consumerKey: opts.consumerKey || undefined,
    consumerSecret: opts.consumerSecret || undefined,
  });
  const ids = new IdSequences();

  let queue: DeliveryQueue | undefined = undefined;
  const fire = (resource: string, event: OrderEvent, id: number) => {
    const status = resource === 'order' ? orders.stored(id)?.status : undefined;
    if (status !== undefined && ['checkout-draft', 'auto-draft', 'new'].includes(status)) return;
    for (const webhook of registry.activeFor(`${resource}.${event}`)) queue?.enqueue(webhook.id, id);
  };
  const notes = new NoteStore(ids, settings.now);
  const products = new ProductStore(ids, settings.now, (event, id) => fire('product', event, id));
  const gateways = new PaymentGateways(settings.now);
  const orders = new OrderStore(settings, ids, products, notes, (event, id) => fire('order', event, id), {
    gateways,
    refundDeletionFiresUpdate: opts.refundDeletionFiresUpdate ?? true,
  });
  const log = new DeliveryLog((timeoutMs) => queue?.waitForIdle(timeoutMs) ?? Promise.resolve());
  const dispatcher: WebhookDispatcher = new WebhookDispatcher({
    settings,
    log,
    payload: (webhook, arg) => payloadFor(webhook, arg),
    save: (webhook): Promise<void> => registry.save(webhook),
    deliveryTimeoutMs: opts.deliveryTimeoutMs ?? 60_000,
    pingTimeoutMs: 5_000,
    enforceSafeUrls: opts.enforceSafeUrls ?? false,
  });
  const registry: WebhookRegistry = new WebhookRegistry(ids, settings.now, (webhook) => dispatcher.ping(webhook));
  queue = new DeliveryQueue(opts.asyncDeliveryDelayMs ?? 50, async (webhookId, arg) => {
    const webhook = registry.get(webhookId);
    if (webhook) await dispatcher.deliver(webhook, arg);
  });
  const faults = new WooFaults(queue.faults);

  function payloadFor(webhook: WebhookState, arg: number): unknown {
    const [resource, event] = webhook.topic.split('.');
    if (resource === 'action') return { action: event, arg };
    if (event === 'deleted') return { id: arg };
    if (resource === 'order') {
      return (
        orders.get(arg) ?? {
          code: 'woocommerce_rest_shop_order_invalid_id',
          message: 'Invalid ID.',
          data: { status: 404 },
        }
      );
    }
    const product = products.get(arg);
    if (resource === 'product' && product) return productToRest(product, products, settings);
    return { code: `woocommerce_rest_${resource}_invalid_id`, message: 'Invalid ID.', data: { status: 404 } };
  }

  const ctx: StoreContext = { settings, keys, users, orders, products, notes, webhooks: registry, dispatcher };
  const wcAuth = {
    httpCallbackHosts: opts.wcAuthHttpCallbackHosts ?? [],
    enforceSafeUrls: opts.enforceSafeUrls ?? false,
  };
  const server: Server = await new Promise((resolve, reject) => {
    const listening = createWooApp(ctx, faults, wcAuth).listen(opts.port ?? 0, host, () => resolve(listening));
    listening.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  settings.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: settings.url,
    consumerKey: mainKey.consumerKey,
    consumerSecret: mainKey.consumerSecret,
    orders,
    gateways,
    products: {
      create: (input) => products.createSimple(input),
      createVariable: (input) => products.createVariable(input),
      get: (id) => {
        const product = products.get(id);
        return product && productToRest(product, products, settings);
      },
    },
    faults,
    deliveries: log,
    webhooks: {
      list: () => registry.list(),
      get: (id) => registry.get(id),
      create: async (input) => {
        const webhook = registry.insert({ ...input, name: input.name ?? `Webhook ${input.topic}` });
        await dispatcher.ping(webhook);
        return webhook;
      },
      update: (id, changes) => registry.update(id, changes),
    },
    settings,
    notes: (orderId) => notes.list(orderId),
    addApiKey: (permissions, keyOpts = {}) => {
      const owner = keyOpts.role === undefined ? STORE_ADMIN : users.add(keyOpts.role);
      return keys.create({ userId: owner.id, permissions, description: `Sandbox key (${owner.role})` });
    },
    apiKeys: () => keys.list(),
    close: async () => {
      queue?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
