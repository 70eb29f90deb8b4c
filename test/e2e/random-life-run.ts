import type { DeliveryRecord, WooSandbox } from '../../sandbox/woocommerce';
import { wantsNoInvoice, type InvoiceHistory } from './order-holdings';
import { applyStep, checkoutOrder, type PlannedOrder } from './random-order-lives';
import type { Rng } from './seeded-rng';
import { scheduleDeliveries, sendAll, type HeldWebhooks } from './webhook-hold';

/** An order after its life: where it came from, what happened to it, and what that did to its invoice. */
export interface LivedOrder {
  planned: PlannedOrder;
  id: number;
  number: string;
  /** What happened, round by round, e.g. `r0 checkout bacs`, `r2 edit Kete 2 → 3`. */
  events: string[];
  history: InvoiceHistory;
}

/** How the run reaches the service. */
export interface ServiceHooks {
  /** Hands one delivery to the service. */
  deliver(record: DeliveryRecord): Promise<void>;
  /** Sends one round's deliveries (default: all of them, a few at a time); the crash test kills a worker inside. */
  sendRound?(round: number, records: DeliveryRecord[]): Promise<void>;
  /** Resolves once the service has acted on everything sent so far (nothing pending, every run ended). */
  settle(orderIds: number[]): Promise<void>;
}

/** Options of a run of random order lives. */
export interface RandomLivesOptions {
  woo: WooSandbox;
  held: HeldWebhooks;
  plan: PlannedOrder[];
  rounds: number;
  rng: Rng;
  service: ServiceHooks;
  /** Probability that a repeated copy of a delivery arrives a round late; default 0.25. */
  lateness?: number;
}

/** Applies this round's steps to the orders, in random order across orders; creates the orders born now. */
function applyRound(opts: RandomLivesOptions, round: number, lived: Map<PlannedOrder, LivedOrder>): void {
  const due = opts.rng.shuffle(opts.plan.filter((planned) => planned.steps.some((s) => s.round === round)));
  for (const planned of due) {
    for (const { step } of planned.steps.filter((s) => s.round === round)) {
      if (step.kind === 'checkout') {
        const order = checkoutOrder(opts.woo, planned, step.gateway);
        const events = [`r${round} checkout ${step.gateway} (total ${order.total})`];
        lived.set(planned, { planned, id: order.id, number: order.number, events, history: { voids: 0, reissues: 0 } });
        continue;
      }
      const order = lived.get(planned)!;
      order.events.push(`r${round} ${applyStep(opts.woo, order.id, step, opts.rng)}`);
    }
  }
}

/** Counts what a round did to the invoice: voided when the order came to want none, reissued when it wants one. */
function noteInvoiceChanges(woo: WooSandbox, orders: Iterable<LivedOrder>, before: Map<number, boolean>): void {
  for (const order of orders) {
    const now = wantsNoInvoice(woo.orders.toRest(order.id));
    const was = before.get(order.id) ?? false;
    if (now && !was) order.history.voids += 1;
    if (!now && was) order.history.reissues += 1;
    before.set(order.id, now);
  }
}

/**
 * Lives the planned orders round by round: applies each round's steps in WooCommerce, collects the webhooks they
 * fired and hands them to the service shuffled, repeated, some a round late; then waits for the service to settle,
 * so that every round's state is one the service has seen. Returns the orders with their histories.
 */
export async function liveRandomLives(opts: RandomLivesOptions): Promise<LivedOrder[]> {
  const lived = new Map<PlannedOrder, LivedOrder>();
  const wantedNone = new Map<number, boolean>();
  let keptBack: DeliveryRecord[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    applyRound(opts, round, lived);
    const fresh = await opts.held.collect();
    const final = round === opts.rounds - 1;
    const schedule = scheduleDeliveries(fresh, keptBack, opts.rng, { lateness: opts.lateness ?? 0.25, final });
    keptBack = schedule.later;
    if (opts.service.sendRound) await opts.service.sendRound(round, schedule.now);
    else await sendAll(schedule.now, opts.service.deliver);
    const ids = [...lived.values()].map((order) => order.id);
    await opts.service.settle(ids);
    noteInvoiceChanges(opts.woo, lived.values(), wantedNone);
  }
  return opts.plan.map((planned) => lived.get(planned)!);
}
