import { createHash } from 'node:crypto';
import {
  applyBillingEventTo,
  billingPeriodAt,
  isPlanId,
  newTrial,
  planOf,
  type BillingEvent,
  type PeriodUsage,
  type Subscription,
} from '../../subscriptions';
import { lockForTransaction } from '../advisory-lock';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** How a billing event was taken: processed (applied or stale; `duplicate` for a repeated event id) or refused. */
export type BillingEventResult =
  | { status: 'processed'; outcome: 'applied' | 'stale'; duplicate: boolean; applied: boolean }
  | { status: 'refused'; code: 'unknown_store' | 'no_paid_plan' | 'event_id_reused'; message: string; applied: false };

/** A store's usage in the billing period holding a given moment, against its plan's allowance. */
export type SubscriptionUsage = PeriodUsage;

/** Subscriptions, the billing events applied to them, and the orders each store synced. */
export interface SubscriptionsRepository {
  /** Starts the store's trial at `now` unless it ever had a subscription (a second activation never restarts one). */
  startTrial(storeId: string, now: Date): Promise<{ subscription: Subscription; started: boolean }>;
  /** The store's subscription, or null. */
  get(storeId: string): Promise<Subscription | null>;
  /** Applies a billing event once, atomically: a repeated event id changes nothing and answers as the first time. */
  applyBillingEvent(event: BillingEvent): Promise<BillingEventResult>;
  /** Counts an order synced at `at` in that moment's billing period, once per order ever; true when newly counted. */
  recordSyncedOrder(storeId: string, orderId: number, at: Date): Promise<{ counted: boolean }>;
  /** Orders synced in the billing period holding `now`; null when the store has no subscription. */
  usage(storeId: string, now: Date): Promise<SubscriptionUsage | null>;
}

/** A row as read: the plan id is checked against the catalogue before it becomes a Subscription. */
type SubscriptionRow = Omit<Subscription, 'planId'> & { planId: string };

const COLUMNS = `store_id AS "storeId", plan_id AS "planId", status, trial_ends_at AS "trialEndsAt",
  period_anchor AS "periodAnchor", past_due_since AS "pastDueSince", cancelled_at AS "cancelledAt",
  last_event_at AS "lastEventAt"`;

function toSubscription(row: SubscriptionRow | null): Subscription | null {
  if (row === null) return null;
  const { planId } = row;
  if (!isPlanId(planId)) throw new Error(`Store ${row.storeId} is on plan "${planId}", which the catalogue lacks.`);
  return { ...row, planId };
}

/** Thrown inside the event's transaction to undo its record when the event is refused. */
class Refusal extends Error {
  constructor(readonly result: Extract<BillingEventResult, { status: 'refused' }>) {
    super(result.message);
  }
}

function refused(code: 'unknown_store' | 'no_paid_plan' | 'event_id_reused', message: string): Refusal {
  return new Refusal({ status: 'refused', code, message, applied: false });
}

async function saveSubscription(tx: Db, s: Subscription): Promise<void> {
  await tx.query(
    `INSERT INTO subscriptions (store_id, plan_id, status, trial_ends_at, period_anchor, past_due_since, cancelled_at,
       last_event_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (store_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, status = EXCLUDED.status,
       trial_ends_at = EXCLUDED.trial_ends_at, period_anchor = EXCLUDED.period_anchor,
       past_due_since = EXCLUDED.past_due_since, cancelled_at = EXCLUDED.cancelled_at,
       last_event_at = EXCLUDED.last_event_at, updated_at = now()`,
    [s.storeId, s.planId, s.status, s.trialEndsAt, s.periodAnchor, s.pastDueSince, s.cancelledAt, s.lastEventAt],
  );
}

/** Creates the subscriptions repository. */
export function createSubscriptionsRepository(db: Db): SubscriptionsRepository {
  const get = async (storeId: string, on: Db = db): Promise<Subscription | null> =>
    toSubscription(
      await queryOne<SubscriptionRow>(on, `SELECT ${COLUMNS} FROM subscriptions WHERE store_id = $1`, [storeId]),
    );

  /** Records the event (or finds its earlier record) and applies it, all inside the caller's transaction. */
  async function applyWithin(tx: Db, event: BillingEvent, digest: string): Promise<BillingEventResult> {
    // One event of a store at a time, so the stale check and the write see the same subscription.
    await lockForTransaction(tx, `subscriptions:${event.storeId}`);
    if (!(await queryOne(tx, 'SELECT 1 FROM stores WHERE id = $1', [event.storeId]))) {
      throw refused('unknown_store', 'No store is registered under this storeId.');
    }
    const inserted = await queryOne(
      tx,
      `INSERT INTO billing_events (event_id, store_id, type, occurred_at, digest, outcome)
       VALUES ($1, $2, $3, $4, $5, 'applied') ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.storeId, event.type, event.occurredAt, digest],
    );
    if (!inserted) {
      const earlier = await queryOne<{ digest: string; outcome: 'applied' | 'stale' }>(
        tx,
        'SELECT digest, outcome FROM billing_events WHERE event_id = $1',
        [event.id],
      );
      if (earlier?.digest !== digest) {
        throw refused('event_id_reused', 'This event id was already processed with different content.');
      }
      return { status: 'processed', outcome: earlier.outcome, duplicate: true, applied: false };
    }
    const effect = applyBillingEventTo(await get(event.storeId, tx), event);
    if (effect.kind === 'refused') throw refused(effect.code, effect.message);
    if (effect.kind === 'stale') {
      await tx.query(`UPDATE billing_events SET outcome = 'stale' WHERE event_id = $1`, [event.id]);
      return { status: 'processed', outcome: 'stale', duplicate: false, applied: false };
    }
    await saveSubscription(tx, effect.subscription);
    return { status: 'processed', outcome: 'applied', duplicate: false, applied: true };
  }

  return {
    startTrial: (storeId, now) =>
      db.transaction(async (tx) => {
        const trial = newTrial(storeId, now);
        const started = await queryOne(
          tx,
          `INSERT INTO subscriptions (store_id, plan_id, status, trial_ends_at, period_anchor)
           SELECT id, $2, $3, $4, $5 FROM stores WHERE id = $1
           ON CONFLICT (store_id) DO NOTHING RETURNING store_id`,
          [storeId, trial.planId, trial.status, trial.trialEndsAt, trial.periodAnchor],
        );
        const subscription = await get(storeId, tx);
        if (!subscription) throw new Error(`No store ${storeId} to start a trial for.`);
        return { subscription, started: started !== null };
      }),

    get: (storeId) => get(storeId),

    applyBillingEvent: async (event) => {
      const digest = createHash('sha256').update(JSON.stringify(event)).digest('hex');
      try {
        return await db.transaction((tx) => applyWithin(tx, event, digest));
      } catch (error) {
        if (error instanceof Refusal) return error.result;
        throw error;
      }
    },

    recordSyncedOrder: (storeId, orderId, at) =>
      db.transaction(async (tx) => {
        const subscription = await get(storeId, tx);
        const periodStart = subscription ? billingPeriodAt(subscription.periodAnchor, at).start : at;
        const row = await queryOne(
          tx,
          `INSERT INTO subscription_usage (store_id, order_id, period_start, counted_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (store_id, order_id) DO NOTHING RETURNING order_id`,
          [storeId, orderId, periodStart <= at ? periodStart : at, at],
        );
        return { counted: row !== null };
      }),

    usage: async (storeId, now) => {
      const subscription = await get(storeId);
      if (!subscription) return null;
      const period = billingPeriodAt(subscription.periodAnchor, now);
      const [row] = await db.query<{ count: number }>(
        `SELECT count(*)::integer AS count FROM subscription_usage
         WHERE store_id = $1 AND counted_at >= $2 AND counted_at < $3`,
        [storeId, period.start, period.end],
      );
      const ordersSynced = row?.count ?? 0;
      const allowance = planOf(subscription.planId).monthlyOrderAllowance;
      const remaining = allowance === null ? null : Math.max(0, allowance - ordersSynced);
      return { period, ordersSynced, allowance, remaining };
    },
  };
}
