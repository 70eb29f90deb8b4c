import type { CheckoutInput, WooOrderJson, WooSandbox } from '../../sandbox/woocommerce';
import { refundedQuantity } from '../../sandbox/woocommerce/refund-builder';
import type { Rng } from './seeded-rng';

/** Payment methods of the generated orders: a card paid at checkout, bank transfer (on-hold), cash on delivery. */
export type Gateway = 'sandbox_card' | 'bacs' | 'cod';

/** One thing that happens to an order in WooCommerce. */
export type LifeStep =
  | { kind: 'checkout'; gateway: Gateway }
  | { kind: 'edit' }
  | { kind: 'pay' }
  | { kind: 'refund'; size: 'part' }
  | { kind: 'refund'; size: 'rest'; via: 'amount' | 'status' }
  | { kind: 'cancel' }
  | { kind: 'trash' }
  | { kind: 'restore' };

/** The lives the generator picks from (issue 9's list). */
export const SCENARIOS = [
  'paid at checkout',
  'pay later',
  'edit before paying',
  'partial refund',
  'full refund',
  'several refunds',
  'cancel unpaid',
  'cancel after a refund',
  'trash and restore',
  'trash only',
] as const;

/** One of SCENARIOS. */
export type Scenario = (typeof SCENARIOS)[number];

/** An order to be: what is bought, and its steps, each in the round it happens in. */
export interface PlannedOrder {
  scenario: Scenario;
  cart: Omit<CheckoutInput, 'paymentMethod'>;
  steps: Array<{ round: number; step: LifeStep }>;
}

const PRODUCTS = ['Kete', 'Korowai print', 'Pounamu', 'Harakeke mat', 'Tukutuku card', 'Poi set', 'Taonga box'];
const CUSTOMERS = 30;

const checkout = (gateway: Gateway): LifeStep => ({ kind: 'checkout', gateway });
const PAY: LifeStep = { kind: 'pay' };
const EDIT: LifeStep = { kind: 'edit' };
const PART: LifeStep = { kind: 'refund', size: 'part' };
const CANCEL: LifeStep = { kind: 'cancel' };
const TRASH: LifeStep = { kind: 'trash' };

/** A paid order: by card at checkout, or by bank transfer marked paid later. */
const paidStart = (rng: Rng): LifeStep[] => (rng.chance(0.7) ? [checkout('sandbox_card')] : [checkout('bacs'), PAY]);
const restRefund = (rng: Rng): LifeStep => ({ kind: 'refund', size: 'rest', via: rng.pick(['amount', 'status']) });
const anyGateway = (rng: Rng): Gateway => rng.pick(['sandbox_card', 'bacs', 'cod']);
const unpaidGateway = (rng: Rng): Gateway => rng.pick(['bacs', 'cod']);

/** The steps of each scenario; every sequence is one WooCommerce allows (refunds of paid or processing orders). */
const STEPS: Record<Scenario, (rng: Rng) => LifeStep[]> = {
  'paid at checkout': () => [checkout('sandbox_card')],
  'pay later': (rng) => [checkout(unpaidGateway(rng)), PAY],
  // Only pending and on-hold orders are editable in wp-admin: bank transfer orders.
  'edit before paying': (rng) => [
    checkout('bacs'),
    EDIT,
    ...(rng.chance(0.3) ? [EDIT] : []),
    ...(rng.chance(0.6) ? [PAY] : []),
  ],
  // Cash on delivery is refundable before it is paid: the credit note is then allocated to the invoice.
  'partial refund': (rng) => (rng.chance(0.4) ? [checkout('cod'), PART] : [...paidStart(rng), PART]),
  'full refund': (rng) => [...paidStart(rng), restRefund(rng)],
  'several refunds': (rng) => [...paidStart(rng), PART, PART, ...(rng.chance(0.5) ? [restRefund(rng)] : [])],
  'cancel unpaid': (rng) => [checkout(unpaidGateway(rng)), CANCEL],
  // Cash on delivery is processing before it is paid, so it can be refunded unpaid; a card order is paid.
  'cancel after a refund': (rng) => [checkout(rng.pick(['cod', 'sandbox_card'])), PART, CANCEL],
  'trash and restore': (rng) => {
    const gateway = anyGateway(rng);
    const payAfter = gateway !== 'sandbox_card' && rng.chance(0.5);
    return [checkout(gateway), TRASH, { kind: 'restore' }, ...(payAfter ? [PAY] : [])];
  },
  'trash only': (rng) => [checkout(anyGateway(rng)), TRASH],
};

/** A cart of 1–3 lines (2 units or more, so a one-unit refund is partial), sometimes with shipping. */
function cartOf(rng: Rng): PlannedOrder['cart'] {
  const customer = rng.int(1, CUSTOMERS);
  const names = rng.shuffle(PRODUCTS).slice(0, rng.int(1, 3));
  const lineItems = names.map((name) => ({
    name,
    sku: `RAND-${PRODUCTS.indexOf(name) + 1}`,
    quantity: rng.int(names.length === 1 ? 2 : 1, 3),
    price: rng.int(500, 15_000) / 100,
  }));
  return {
    billing: { first_name: `Tester${customer}`, last_name: 'Random', email: `tester.${customer}@example.co.nz` },
    lineItems,
    ...(rng.chance(0.5) ? { shippingLines: [{ methodTitle: 'Courier', total: rng.int(300, 1500) / 100 }] } : {}),
  };
}

/**
 * Whether `next` may happen before the service looks again after `prev` with the same outcome in Xero as with a
 * look in between (so the test's expectations hold either way): never a cancellation, trash or refund in full
 * straight after checkout, nor a cancellation straight after a refund of an unpaid order.
 */
function mayShareALook(prev: LifeStep, next: LifeStep): boolean {
  switch (prev.kind) {
    case 'checkout':
    case 'edit':
      return next.kind === 'edit' || next.kind === 'pay';
    case 'pay':
      return next.kind === 'refund';
    case 'refund':
      return next.kind === 'refund';
    case 'trash':
      return next.kind === 'restore';
    case 'restore':
      return next.kind === 'pay';
    default:
      return false;
  }
}

/**
 * Spreads steps over `rounds` rounds in order, starting early and leaving random gaps; a step that may share a look
 * with every step of the round before it sometimes joins that round (the service then sees them at once).
 */
function spread(steps: LifeStep[], rounds: number, rng: Rng): PlannedOrder['steps'] {
  if (steps.length > rounds) throw new Error(`${steps.length} steps do not fit in ${rounds} rounds`);
  let slack = rounds - steps.length;
  let round = rng.int(0, Math.min(slack, 1));
  slack -= round;
  let sameLook: LifeStep[] = [];
  return steps.map((step, index) => {
    if (index > 0 && sameLook.every((earlier) => mayShareALook(earlier, step)) && rng.chance(0.25)) {
      slack += 1;
    } else if (index > 0) {
      const gap = slack > 0 && rng.chance(0.3) ? 1 : 0;
      slack -= gap;
      round += 1 + gap;
      sameLook = [];
    }
    sameLook.push(step);
    return { round, step };
  });
}

/** `count` orders with their lives, scenarios taken in turn (so each appears) and everything else random. */
export function planOrders(count: number, rounds: number, rng: Rng): PlannedOrder[] {
  return Array.from({ length: count }, (_, i) => {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    return { scenario, cart: cartOf(rng), steps: spread(STEPS[scenario](rng), rounds, rng) };
  });
}

const cents = (amount: string | number): number => Math.round(Number(amount) * 100);

/** What is left to refund of an order, in cents. */
export function refundableCents(order: WooOrderJson): number {
  return cents(order.total) + order.refunds.reduce((sum, refund) => sum + cents(refund.total), 0);
}

/** What one unit of each product line would refund (its total and tax per unit), in cents. */
function unitRefundCents(order: WooOrderJson): Map<number, number> {
  return new Map(
    order.line_items.map((line) => [
      line.id,
      Math.round(cents(Number(line.total) + Number(line.total_tax)) / line.quantity),
    ]),
  );
}

/**
 * A refund of part of what is left, as wp-admin allows: one unit of a line with units left whose unit is worth less
 * than what is left, or else an amount of at most a third of what is left.
 */
function refundPart(woo: WooSandbox, id: number, rng: Rng): string {
  const stored = woo.orders.stored(id);
  if (!stored) throw new Error(`no order ${id}`);
  const order = woo.orders.toRest(id);
  const remaining = refundableCents(order);
  const unitValue = unitRefundCents(order);
  const lines = stored.lineItems.filter(
    (line) =>
      line.quantity - refundedQuantity(stored, line.id) > 0 && (unitValue.get(line.id) ?? remaining) + 1 < remaining,
  );
  if (lines.length > 0 && rng.chance(0.6)) {
    const line = rng.pick(lines);
    const refund = woo.orders.refund(id, { lines: [{ lineId: line.id, quantity: 1 }], reason: 'Returned' });
    return `refund 1 × ${line.name} (${refund.amount})`;
  }
  const most = Math.max(1, Math.floor(remaining / 3));
  const amount = rng.int(Math.min(100, most), most) / 100;
  woo.orders.refund(id, { amount, reason: 'Goodwill' });
  return `refund ${amount.toFixed(2)}`;
}

/** Pays an unpaid order as WooCommerce does: a bank transfer marked paid, cash on delivery completed. */
function pay(woo: WooSandbox, order: WooOrderJson): string {
  if (order.payment_method === 'cod') {
    woo.orders.update(order.id, { status: 'completed' });
    return 'pay (completed, cash received)';
  }
  woo.orders.markPaid(order.id, { transactionId: `bank-${order.id}` });
  return 'pay (marked paid)';
}

/** Changes the quantity of one line as the order screen does (its total recalculated from the unit price). */
function edit(woo: WooSandbox, id: number, rng: Rng): string {
  let change = '';
  woo.orders.update(id, {
    editItems: (order) => {
      const line = rng.pick(order.lineItems);
      const quantity = line.quantity === 1 || rng.chance(0.6) ? line.quantity + 1 : line.quantity - 1;
      change = `${line.name} ${line.quantity} → ${quantity}`;
      line.quantity = quantity;
    },
  });
  return `edit ${change}`;
}

/** Applies one step to the order in the WooCommerce sandbox (firing its webhooks) and says what it did. */
export function applyStep(woo: WooSandbox, id: number, step: LifeStep, rng: Rng): string {
  const order = woo.orders.toRest(id);
  switch (step.kind) {
    case 'checkout':
      throw new Error('a checkout creates the order: use checkoutOrder');
    case 'edit':
      return edit(woo, id, rng);
    case 'pay':
      return pay(woo, order);
    case 'refund':
      if (step.size === 'part') return refundPart(woo, id, rng);
      if (step.via === 'status') {
        woo.orders.update(id, { status: 'refunded' });
        return 'status refunded (the rest refunded)';
      }
      woo.orders.refund(id, { amount: refundableCents(order) / 100, reason: 'Refund of the rest' });
      return `refund the rest ${(refundableCents(order) / 100).toFixed(2)}`;
    case 'cancel':
      woo.orders.update(id, { status: 'cancelled' });
      return 'cancel';
    case 'trash':
      woo.orders.trash(id);
      return 'trash';
    case 'restore':
      woo.orders.restore(id);
      return 'restore';
  }
}

/** Places the planned order at checkout with its gateway and returns it. */
export function checkoutOrder(woo: WooSandbox, planned: PlannedOrder, gateway: Gateway): WooOrderJson {
  return woo.orders.checkout({ ...planned.cart, paymentMethod: gateway });
}
