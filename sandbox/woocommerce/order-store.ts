import { randomBytes } from 'node:crypto';
import type { IdSequences } from './ids';
import { upsertMeta } from './meta-data';
import type { NoteStore } from './note-store';
import { calculateOrder } from './order-calculator';
import { OrderLineFactory, type OrderLineInput, type OrderLineSets } from './order-lines';
import type { StoredOrder, StoredRefund, WooAddress, WooBillingAddress } from './order-model';
import { OrderRefunds } from './order-refunds';
import { orderToRest, type WooOrderJson } from './order-serializer';
import { assertStatus, PAYMENT_COMPLETE_FROM, paymentCompleteStatus, setStatus, transitionNote } from './order-status';
import { PaymentGateways } from './payment-gateways';
import type { ProductStore } from './product-store';
import type { RefundRequest } from './refund-builder';
import { adminRefundRequest, type RefundInput } from './refund-input';
import { refundToRest, type WooRefundJson } from './refund-serializer';
import { wholeSeconds, type StoreSettings } from './settings';

export type { OrderLineInput, OrderShippingInput, OrderFeeInput } from './order-lines';
export { upsertMeta } from './meta-data';

/** Test-facing description of an order to create; totals are computed with WooCommerce's formulas. */
export interface CreateOrderInput extends OrderLineSets {
  status?: string;
  /** 0 (default) for a guest. */
  customerId?: number;
  billing?: Partial<WooBillingAddress>;
  shipping?: Partial<WooAddress>;
  lineItems: OrderLineInput[];
  /** Defaults to the store setting. */
  pricesIncludeTax?: boolean;
  currency?: string;
  paymentMethod?: string;
  /** Defaults to the gateway's title (empty for a gateway the store does not have). */
  paymentMethodTitle?: string;
  transactionId?: string;
  customerNote?: string;
  metaData?: Array<{ key: string; value: unknown }>;
  /** Order number shown to people (plugins change it); defaults to the id. */
  number?: string;
  createdVia?: string;
  dateCreated?: Date;
}

/** A customer placing an order at checkout: the gateway's `process_payment()` decides status and payment. */
export type CheckoutInput = Omit<CreateOrderInput, 'status' | 'createdVia'> & { paymentMethod: string };

/** Changes to an existing order; any line, coupon or address change recalculates the totals. */
export interface OrderChanges extends OrderLineSets {
  status?: string;
  billing?: Partial<WooBillingAddress>;
  shipping?: Partial<WooAddress>;
  customerNote?: string;
  paymentMethod?: string;
  paymentMethodTitle?: string;
  transactionId?: string;
  /** Upserted by `id` when given, else by `key`; other entries stay. */
  metaData?: Array<{ id?: number; key: string; value: unknown }>;
  /** Edits items in place (REST `line_items` with ids) before the totals are recalculated. */
  editItems?: (order: StoredOrder, lines: OrderLineFactory) => void;
}

/** The resource events an order store fires (webhook topics `order.*`). */
export type OrderEvent = 'created' | 'updated' | 'deleted' | 'restored';

/** Options of an order store. */
export interface OrderStoreOptions {
  gateways?: PaymentGateways;
  /** Deleting a refund fires `order.updated` for its order, as WooCommerce does from 11.2; default true. */
  refundDeletionFiresUpdate?: boolean;
}

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

/** The fake store's orders through their life: creation, checkout, edits, payment, refunds, trash, deletion. */
export class OrderStore {
  /** The store's payment gateways. */
  readonly gateways: PaymentGateways;
  private readonly orders = new Map<number, StoredOrder>();
  private readonly lines: OrderLineFactory;
  private readonly refundBook: OrderRefunds;

  constructor(
    private readonly settings: StoreSettings,
    private readonly ids: IdSequences,
    products: ProductStore,
    private readonly notes: NoteStore,
    private readonly emit: (event: OrderEvent, id: number) => void,
    opts: OrderStoreOptions = {},
  ) {
    this.gateways = opts.gateways ?? new PaymentGateways(settings.now);
    this.lines = new OrderLineFactory(ids, products);
    const deletionFires = opts.refundDeletionFiresUpdate ?? true;
    this.refundBook = new OrderRefunds(
      {
        all: () => this.all(),
        markRefunded: (order, now) => this.changeStatus(order, 'refunded', now),
        saved: (order, now) => this.save(order, now),
        refundDeleted: (orderId) => {
          if (deletionFires) this.emit('updated', orderId);
        },
      },
      settings,
      ids,
      this.gateways,
    );
  }

  /**
   * Creates an order as `POST /orders` does: saved pending, totals computed, then moved to `status` (default
   * processing) with the transition's note and paid date; fires `order.created` then `order.updated`.
   */
  create(input: CreateOrderInput): WooOrderJson {
    const id = this.ids.take('post');
    const at = wholeSeconds(input.dateCreated ?? this.settings.now());
    const paymentMethod = input.paymentMethod ?? 'bacs';
    assertStatus(input.status ?? 'processing');
    const draft: Omit<StoredOrder, 'calc'> = {
      id,
      parentId: 0,
      number: input.number ?? String(id),
      orderKey: `wc_order_${randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 13)}`,
      createdVia: input.createdVia ?? 'rest-api',
      version: this.settings.wcVersion,
      status: 'pending',
      currency: input.currency ?? this.settings.currency,
      pricesIncludeTax: input.pricesIncludeTax ?? this.settings.pricesIncludeTax,
      dateCreated: at,
      dateModified: at,
      datePaid: null,
      dateCompleted: null,
      customerId: input.customerId ?? 0,
      customerIpAddress: '',
      customerUserAgent: '',
      customerNote: input.customerNote ?? '',
      billing: { ...EMPTY_ADDRESS, email: null, ...input.billing },
      shipping: { ...EMPTY_ADDRESS, ...input.shipping },
      paymentMethod,
      paymentMethodTitle: input.paymentMethodTitle ?? this.gateways.get(paymentMethod)?.title ?? '',
      transactionId: input.transactionId ?? '',
      metaData: [],
      lineItems: [],
      shippingLines: [],
      feeLines: [],
      couponLines: [],
      taxLineIds: new Map(),
      refunds: [],
    };
    this.lines.replace(draft, input);
    upsertMeta(draft.metaData, input.metaData ?? [], () => this.ids.take('meta'));
    const order: StoredOrder = { ...draft, calc: this.calculate(draft) };
    this.assignTaxLineIds(order);
    this.orders.set(id, order);
    this.emit('created', id);
    this.changeStatus(order, input.status ?? 'processing', at);
    this.emit('updated', id);
    return this.toRest(id);
  }

  /**
   * Places an order at checkout (`created_via` checkout) and runs the gateway's `process_payment()`: BACS and cheque
   * leave it on-hold and COD processing, all unpaid; a card gateway completes the payment (`payment_complete`).
   */
  checkout(input: CheckoutInput): WooOrderJson {
    const gateway = this.gateways.get(input.paymentMethod);
    if (gateway === undefined) throw new Error(`the store has no payment gateway ${input.paymentMethod}`);
    const { id } = this.create({ ...input, status: 'pending', createdVia: 'checkout' });
    const order = this.require(id);
    if (gateway.checkout === 'payment_complete' || !(order.calc.total > 0)) {
      const transactionId = gateway.checkout === 'payment_complete' ? (input.transactionId ?? `ch_${id}`) : undefined;
      return this.markPaid(id, { transactionId });
    }
    const now = this.now();
    this.changeStatus(order, gateway.checkout.status, now, gateway.checkout.note);
    this.save(order, now);
    return this.toRest(id);
  }

  /** Applies changes, bumps `date_modified`, recalculates when needed, then changes status; fires `order.updated`. */
  update(id: number, changes: OrderChanges): WooOrderJson {
    const order = this.require(id);
    if (changes.billing) order.billing = { ...order.billing, ...changes.billing };
    if (changes.shipping) order.shipping = { ...order.shipping, ...changes.shipping };
    if (changes.customerNote !== undefined) order.customerNote = changes.customerNote;
    if (changes.paymentMethod !== undefined) order.paymentMethod = changes.paymentMethod;
    if (changes.paymentMethodTitle !== undefined) order.paymentMethodTitle = changes.paymentMethodTitle;
    if (changes.transactionId !== undefined) order.transactionId = changes.transactionId;
    if (changes.metaData) upsertMeta(order.metaData, changes.metaData, () => this.ids.take('meta'));
    this.lines.replace(order, changes);
    changes.editItems?.(order, this.lines);
    const recalc = ['billing', 'shipping', 'lineItems', 'shippingLines', 'feeLines', 'coupons', 'editItems'].some(
      (key) => changes[key as keyof OrderChanges] !== undefined,
    );
    if (recalc) this.recalculate(order);
    const now = this.now();
    if (changes.status !== undefined) this.changeStatus(order, changes.status, now);
    this.save(order, now);
    return this.toRest(id);
  }

  /**
   * `payment_complete()`, what `set_paid` and a gateway's payment do: for an on-hold, pending, failed or cancelled
   * order, records the transaction id and the paid date and moves it to processing (completed when nothing needs
   * processing, or for cash on delivery); fires `order.updated`. Any other order is left as it is.
   */
  markPaid(id: number, opts: { transactionId?: string } = {}): WooOrderJson {
    const order = this.require(id);
    if (!PAYMENT_COMPLETE_FROM.includes(order.status)) return this.toRest(id);
    const now = this.now();
    if (opts.transactionId) order.transactionId = opts.transactionId;
    order.datePaid ??= now;
    this.changeStatus(order, paymentCompleteStatus(order), now);
    this.save(order, now);
    return this.toRest(id);
  }

  /**
   * Refunds as a merchant does on the order screen: product lines by quantity (amounts default to the line's per-unit
   * total and tax), shipping and fees, or just an amount. Manual unless `apiRefund`. A refund of everything left moves
   * the order to `refunded`; fires `order.updated`. Throws with WooCommerce's message, e.g. "Invalid refund amount.".
   */
  refund(id: number, input: RefundInput): WooRefundJson {
    const order = this.require(id);
    const rounding = { decimals: this.settings.decimals, roundAtSubtotal: this.settings.roundTaxAtSubtotal };
    const refund = this.refundBook.create(order, adminRefundRequest(order, input, rounding));
    return this.refundToRest(refund);
  }

  /** `wc_create_refund()` with a request as the REST API passes it; throws RefundFailure. */
  createRefund(id: number, request: RefundRequest, refundedBy = 1): StoredRefund {
    return this.refundBook.create(this.require(id), request, refundedBy);
  }

  /** A refund by id (of any order); undefined when there is none. */
  findRefund(refundId: number): StoredRefund | undefined {
    return this.refundBook.find(refundId)?.refund;
  }

  /** Deletes a refund for good; fires `order.updated` for its order (WooCommerce 11.2+). */
  deleteRefund(refundId: number): StoredRefund | undefined {
    return this.refundBook.delete(refundId);
  }

  /** The REST representation of a refund (view context unless told otherwise). */
  refundToRest(refund: StoredRefund, opts: { dp?: number; context?: 'view' | 'edit' } = {}): WooRefundJson {
    return refundToRest(refund, this.settings, opts);
  }

  /** Moves an order to the trash; fires `order.deleted` (whose payload is just `{"id": N}`). */
  trash(id: number): WooOrderJson {
    const order = this.require(id);
    if (order.status === 'trash') throw new Error(`order ${id} is already in the trash`);
    order.trashedFrom = order.status;
    order.status = 'trash';
    order.dateModified = this.now();
    this.emit('deleted', id);
    return this.toRest(id);
  }

  /** Restores a trashed order to its previous status; fires `order.restored`. */
  restore(id: number): WooOrderJson {
    const order = this.require(id);
    if (order.status !== 'trash') throw new Error(`order ${id} is not in the trash`);
    order.status = order.trashedFrom ?? 'pending';
    order.trashedFrom = undefined;
    order.dateModified = this.now();
    this.emit('restored', id);
    return this.toRest(id);
  }

  /** Deletes an order and its refunds for good (`DELETE ?force=true`); WooCommerce fires no webhook for this. */
  delete(id: number): void {
    this.require(id);
    this.orders.delete(id);
  }

  /** The same as `delete`, under its older name. */
  deletePermanently(id: number): void {
    this.delete(id);
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

  /** `calculate_totals()` from the order's items, keeping the ids of its tax lines. */
  private recalculate(order: StoredOrder): void {
    order.calc = this.calculate(order);
    this.assignTaxLineIds(order);
  }

  private require(id: number): StoredOrder {
    const order = this.orders.get(id);
    if (order === undefined) throw new Error(`no order ${id}`);
    return order;
  }

  private now(): Date {
    return wholeSeconds(this.settings.now());
  }

  private save(order: StoredOrder, now: Date): void {
    order.dateModified = now;
    this.emit('updated', order.id);
  }

  /** `set_status` then `status_transition()`: status hooks (an order set to refunded refunds what is left), then the note. */
  private changeStatus(order: StoredOrder, to: string, now: Date, note?: string): void {
    const from = setStatus(order, to, now);
    if (from === undefined) return;
    const hookNote = to === 'refunded' ? this.refundBook.refundRemaining(order) : undefined;
    if (hookNote !== undefined) this.notes.add(order.id, hookNote);
    this.notes.add(order.id, transitionNote(from, to, note));
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
      taxRates: this.settings.taxesEnabled === false ? [] : this.settings.taxRates,
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
