import { randomBytes } from 'node:crypto';
import type { CouponInput } from './discounts';
import type { IdSequences } from './ids';
import type { NoteStore } from './note-store';
import { calculateOrder } from './order-calculator';
import {
  ORDER_STATUSES,
  type MetaEntry,
  type StoredLineItem,
  type StoredOrder,
  type WooAddress,
  type WooBillingAddress,
} from './order-model';
import { orderToRest, type WooOrderJson } from './order-serializer';
import type { ProductStore } from './product-store';
import { wholeSeconds, type StoreSettings } from './settings';

/** A product line to buy: a catalogue product (or variation) by id, or a custom line with `name` and `price`. */
export interface OrderLineInput {
  productId?: number;
  variationId?: number;
  quantity: number;
  /** Unit price as entered, overriding the catalogue price (tax-inclusive when the order's prices include tax). */
  price?: number;
  name?: string;
  sku?: string;
  taxClass?: string;
  taxStatus?: 'taxable' | 'shipping' | 'none';
}

/** Shipping charged on an order; `taxable: false` for a method whose tax status is none. */
export interface OrderShippingInput {
  methodId?: string;
  methodTitle?: string;
  instanceId?: string;
  total: number;
  taxable?: boolean;
}

/** A fee (without tax); negative fees are discounts. */
export interface OrderFeeInput {
  name: string;
  total: number;
  taxable?: boolean;
  taxClass?: string;
}

/** Test-facing description of an order to create; totals are computed with WooCommerce's formulas. */
export interface CreateOrderInput {
  status?: string;
  /** 0 (default) for a guest. */
  customerId?: number;
  billing?: Partial<WooBillingAddress>;
  shipping?: Partial<WooAddress>;
  lineItems: OrderLineInput[];
  shippingLines?: OrderShippingInput[];
  feeLines?: OrderFeeInput[];
  coupons?: CouponInput[];
  /** Defaults to the store setting. */
  pricesIncludeTax?: boolean;
  currency?: string;
  paymentMethod?: string;
  paymentMethodTitle?: string;
  transactionId?: string;
  customerNote?: string;
  metaData?: Array<{ key: string; value: unknown }>;
  /** Order number shown to people (plugins change it); defaults to the id. */
  number?: string;
  createdVia?: string;
  dateCreated?: Date;
}

/** Changes to an existing order; any line, coupon or address change recalculates the totals. */
export interface OrderChanges {
  status?: string;
  billing?: Partial<WooBillingAddress>;
  shipping?: Partial<WooAddress>;
  customerNote?: string;
  paymentMethod?: string;
  paymentMethodTitle?: string;
  transactionId?: string;
  /** Upserted by `id` when given, else by `key`; other entries stay. */
  metaData?: Array<{ id?: number; key: string; value: unknown }>;
  lineItems?: OrderLineInput[];
  shippingLines?: OrderShippingInput[];
  feeLines?: OrderFeeInput[];
  coupons?: CouponInput[];
}

/** The resource events an order store fires (webhook topics `order.*`). */
export type OrderEvent = 'created' | 'updated' | 'deleted' | 'restored';

const EMPTY_ADDRESS: WooAddress = {
  first_name: '',
  last_name: '',
  company: '',
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
  country: '',
  phone: '',
};

/** The fake store's orders: creation, updates, trash/restore, refunds; every save fires the matching event. */
export class OrderStore {
  private readonly orders = new Map<number, StoredOrder>();

  constructor(
    private readonly settings: StoreSettings,
    private readonly ids: IdSequences,
    private readonly products: ProductStore,
    private readonly notes: NoteStore,
    private readonly emit: (event: OrderEvent, id: number) => void,
  ) {}

  /** Creates an order with computed totals; fires `order.created` then `order.updated`, as WooCommerce does. */
  create(input: CreateOrderInput): WooOrderJson {
    const id = this.ids.take('post');
    const at = wholeSeconds(input.dateCreated ?? this.settings.now());
    const status = input.status ?? 'processing';
    assertStatus(status);
    const draft: Omit<StoredOrder, 'calc'> = {
      id,
      parentId: 0,
      number: input.number ?? String(id),
      orderKey: `wc_order_${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 13)}`,
      createdVia: input.createdVia ?? 'rest-api',
      version: this.settings.wcVersion,
      status,
      currency: input.currency ?? this.settings.currency,
      pricesIncludeTax: input.pricesIncludeTax ?? this.settings.pricesIncludeTax,
      dateCreated: at,
      dateModified: at,
      datePaid: ['processing', 'completed'].includes(status) ? at : null,
      dateCompleted: status === 'completed' ? at : null,
      customerId: input.customerId ?? 0,
      customerIpAddress: '',
      customerUserAgent: '',
      customerNote: input.customerNote ?? '',
      billing: { ...EMPTY_ADDRESS, email: null, ...input.billing },
      shipping: { ...EMPTY_ADDRESS, ...input.shipping },
      paymentMethod: input.paymentMethod ?? 'bacs',
      paymentMethodTitle: input.paymentMethodTitle ?? 'Direct bank transfer',
      transactionId: input.transactionId ?? '',
      metaData: [],
      lineItems: [],
      shippingLines: [],
      feeLines: [],
      couponLines: [],
      taxLineIds: new Map(),
      refunds: [],
    };
    this.setLines(draft, input);
    upsertMeta(draft.metaData, input.metaData ?? [], () => this.ids.take('meta'));
    const order: StoredOrder = { ...draft, calc: this.calculate(draft) };
    this.assignTaxLineIds(order);
    this.orders.set(id, order);
    if (status !== 'pending') this.addStatusNote(order, 'pending', status);
    this.emit('created', id);
    this.emit('updated', id);
    return this.toRest(id);
  }

  /** Applies changes, bumps `date_modified`, recalculates when needed; fires `order.updated`. */
  update(id: number, changes: OrderChanges): WooOrderJson {
    const order = this.require(id);
    const previousStatus = order.status;
    if (changes.billing) order.billing = { ...order.billing, ...changes.billing };
    if (changes.shipping) order.shipping = { ...order.shipping, ...changes.shipping };
    if (changes.customerNote !== undefined) order.customerNote = changes.customerNote;
    if (changes.paymentMethod !== undefined) order.paymentMethod = changes.paymentMethod;
    if (changes.paymentMethodTitle !== undefined) order.paymentMethodTitle = changes.paymentMethodTitle;
    if (changes.transactionId !== undefined) order.transactionId = changes.transactionId;
    if (changes.metaData) upsertMeta(order.metaData, changes.metaData, () => this.ids.take('meta'));
    this.setLines(order, changes);
    const recalc = ['billing', 'shipping', 'lineItems', 'shippingLines', 'feeLines', 'coupons'].some(
      (key) => changes[key as keyof OrderChanges] !== undefined,
    );
    if (recalc) this.recalculate(order);
    const now = wholeSeconds(this.settings.now());
    if (changes.status !== undefined && changes.status !== previousStatus) {
      assertStatus(changes.status);
      order.status = changes.status;
      if (['processing', 'completed'].includes(changes.status) && order.datePaid === null) order.datePaid = now;
      if (changes.status === 'completed') order.dateCompleted = now;
      this.addStatusNote(order, previousStatus, changes.status);
    }
    order.dateModified = now;
    this.emit('updated', id);
    return this.toRest(id);
  }

  /** Moves an order to the trash; fires `order.deleted` (whose payload is just `{"id": N}`). */
  trash(id: number): WooOrderJson {
    const order = this.require(id);
    if (order.status === 'trash') throw new Error(`order ${id} is already in the trash`);
    order.trashedFrom = order.status;
    order.status = 'trash';
    order.dateModified = wholeSeconds(this.settings.now());
    this.emit('deleted', id);
    return this.toRest(id);
  }

  /** Restores a trashed order to its previous status; fires `order.restored`. */
  restore(id: number): WooOrderJson {
    const order = this.require(id);
    if (order.status !== 'trash') throw new Error(`order ${id} is not in the trash`);
    order.status = order.trashedFrom ?? 'pending';
    order.trashedFrom = undefined;
    order.dateModified = wholeSeconds(this.settings.now());
    this.emit('restored', id);
    return this.toRest(id);
  }

  /** Deletes an order permanently; WooCommerce fires no webhook for this. */
  deletePermanently(id: number): void {
    this.require(id);
    this.orders.delete(id);
  }

  /** Records a refund (negative `total` in `refunds[]`); a full refund sets status `refunded`; fires `order.updated`. */
  refund(id: number, refund: { amount: number; reason?: string }): WooOrderJson {
    const order = this.require(id);
    order.refunds.unshift({ id: this.ids.take('post'), reason: refund.reason ?? '', amount: refund.amount });
    const refunded = order.refunds.reduce((total, r) => total + r.amount, 0);
    if (refunded >= order.calc.total && order.status !== 'refunded') {
      this.addStatusNote(order, order.status, 'refunded');
      order.status = 'refunded';
    }
    order.dateModified = wholeSeconds(this.settings.now());
    this.emit('updated', id);
    return this.toRest(id);
  }

  /** The REST representation of an order, or undefined when there is none. */
  get(id: number): WooOrderJson | undefined {
    return this.orders.has(id) ? this.toRest(id) : undefined;
  }

  /** The stored order (for the REST layer). */
  stored(id: number): StoredOrder | undefined {
    return this.orders.get(id);
  }

  /** Every stored order. */
  all(): StoredOrder[] {
    return [...this.orders.values()];
  }

  /** The REST representation with money formatted to `dp` decimals (default: the store's). */
  toRest(id: number, dp?: number): WooOrderJson {
    return orderToRest(this.require(id), this.settings, dp);
  }

  private require(id: number): StoredOrder {
    const order = this.orders.get(id);
    if (order === undefined) throw new Error(`no order ${id}`);
    return order;
  }

  private addStatusNote(order: StoredOrder, from: string, to: string): void {
    const label = (status: string) => ORDER_STATUSES[status] ?? status;
    this.notes.add(order.id, `Order status changed from ${label(from)} to ${label(to)}.`);
  }

  private setLines(order: Omit<StoredOrder, 'calc'>, input: Partial<CreateOrderInput>): void {
    if (input.lineItems) order.lineItems = input.lineItems.map((line) => this.lineItem(line));
    if (input.shippingLines) {
      order.shippingLines = input.shippingLines.map((line) => ({
        id: this.ids.take('orderItem'),
        methodId: line.methodId ?? 'flat_rate',
        methodTitle: line.methodTitle ?? 'Flat rate',
        instanceId: line.instanceId ?? '1',
        total: line.total,
        taxable: line.taxable ?? true,
      }));
    }
    if (input.feeLines) {
      order.feeLines = input.feeLines.map((fee) => ({
        id: this.ids.take('orderItem'),
        name: fee.name,
        total: fee.total,
        taxable: fee.taxable ?? true,
        taxClass: fee.taxClass ?? '',
      }));
    }
    if (input.coupons) {
      order.couponLines = input.coupons.map((coupon) => ({
        id: this.ids.take('orderItem'),
        coupon: { ...coupon, code: coupon.code.toLowerCase() },
      }));
    }
  }

  private lineItem(line: OrderLineInput): StoredLineItem {
    const requested = line.variationId ?? line.productId;
    const product = requested === undefined ? undefined : this.products.get(requested);
    if (requested !== undefined && requested !== 0 && product === undefined) {
      throw new Error(`no product ${requested}`);
    }
    const parent = product?.type === 'variation' ? this.products.get(product.parentId) : undefined;
    const price = line.price ?? (product ? Number(this.products.activePrice(product)) : undefined);
    if (price === undefined || Number.isNaN(price)) throw new Error('a line needs a product with a price, or a price');
    return {
      id: this.ids.take('orderItem'),
      productId: parent ? parent.id : (product?.id ?? 0),
      variationId: parent && product ? product.id : 0,
      name: line.name ?? product?.name ?? 'Item',
      parentName: parent?.name ?? null,
      sku: line.sku ?? product?.sku ?? '',
      quantity: line.quantity,
      unitPrice: price,
      taxStatus: line.taxStatus ?? product?.taxStatus ?? 'taxable',
      taxClass: line.taxClass ?? (product ? this.products.effectiveTaxClass(product) : ''),
      meta: (product?.attributes ?? []).map((attribute) => ({
        id: this.ids.take('meta'),
        key: attribute.slug ?? attribute.name.toLowerCase(),
        value: attribute.option,
        display_key: attribute.name,
        display_value: attribute.option,
      })),
    };
  }

  private recalculate(order: StoredOrder): void {
    order.calc = this.calculate(order);
    this.assignTaxLineIds(order);
  }

  private calculate(order: Omit<StoredOrder, 'calc'>): StoredOrder['calc'] {
    const location = order.shipping.country
      ? { country: order.shipping.country, state: order.shipping.state }
      : order.billing.country
        ? { country: order.billing.country, state: order.billing.state }
        : this.settings.baseLocation;
    return calculateOrder({
      decimals: this.settings.decimals,
      pricesIncludeTax: order.pricesIncludeTax,
      roundTaxAtSubtotal: this.settings.roundTaxAtSubtotal,
      taxRates: this.settings.taxRates,
      taxLocation: location,
      baseLocation: this.settings.baseLocation,
      taxClasses: this.settings.taxClasses,
      lineItems: order.lineItems,
      shippingLines: order.shippingLines,
      feeLines: order.feeLines,
      coupons: order.couponLines.map((line) => line.coupon),
    });
  }

  private assignTaxLineIds(order: StoredOrder): void {
    for (const taxLine of order.calc.taxLines) {
      if (!order.taxLineIds.has(taxLine.rate.id)) order.taxLineIds.set(taxLine.rate.id, this.ids.take('orderItem'));
    }
  }
}

function assertStatus(status: string): void {
  if (!(status in ORDER_STATUSES)) throw new Error(`unknown order status ${status}`);
}

/** `update_meta_data`: upsert by meta id when given, else by key; other entries are left alone. */
export function upsertMeta(
  entries: MetaEntry[],
  changes: Array<{ id?: number; key: string; value: unknown }>,
  nextId: () => number,
): void {
  for (const change of changes) {
    const existing =
      change.id !== undefined
        ? entries.find((entry) => entry.id === change.id)
        : entries.find((entry) => entry.key === change.key);
    if (existing) {
      existing.key = change.key;
      existing.value = change.value;
    } else {
      entries.push({ id: nextId(), key: change.key, value: change.value });
    }
  }
}
