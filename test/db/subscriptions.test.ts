import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../lib/db';
import { createSubscriptionsRepository, type SubscriptionsRepository } from '../../lib/db/repositories/subscriptions';
import { PLANS, TRIAL_DAYS, type BillingEvent } from '../../lib/subscriptions';
import { MIGRATIONS_DIR } from '../../lib/db/migrations';
import { openTestDatabase } from '../support/database';

const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

describe('subscriptions repository', () => {
  let db: Db;
  let subscriptions: SubscriptionsRepository;

  beforeAll(async () => {
    db = await openTestDatabase();
    subscriptions = createSubscriptionsRepository(db);
  });
  afterAll(() => db.close());

  /** A store row of its own for each test (the stores repository is not what is tested here). */
  async function newStore(on: Db = db): Promise<string> {
    const id = `st_${Array.from(randomBytes(16), (byte) => 'abcdefghijklmnopqrstuvwxyz234567'[byte % 32]).join('')}`;
    await on.query('INSERT INTO stores (id, url, api_token_hash) VALUES ($1, $2, $3)', [
      id,
      `https://${id}.example`,
      randomBytes(32).toString('hex'),
    ]);
    return id;
  }

  let eventSeq = 0;
  function event(storeId: string, type: BillingEvent['type'], occurredAt: string, data?: object): BillingEvent {
    eventSeq += 1;
    return {
      id: `evt_${eventSeq}_${randomBytes(4).toString('hex')}`,
      storeId,
      type,
      occurredAt: at(occurredAt),
      data,
    } as BillingEvent;
  }
  const created = (storeId: string, occurredAt: string, plan = 'starter') =>
    event(storeId, 'subscription.created', occurredAt, { plan, status: 'active', periodStart: at(occurredAt) });

  describe('startTrial', () => {
    it('starts a 14-day trial once; a second activation never restarts it', async () => {
      const storeId = await newStore();
      const first = await subscriptions.startTrial(storeId, at('2026-03-01T10:00:00Z'));
      expect(first).toEqual({
        started: true,
        subscription: {
          storeId,
          planId: 'trial',
          status: 'trialing',
          trialEndsAt: new Date(at('2026-03-01T10:00:00Z').getTime() + TRIAL_DAYS * DAY),
          periodAnchor: at('2026-03-01T10:00:00Z'),
          pastDueSince: null,
          cancelledAt: null,
          lastEventAt: null,
        },
      });
      const again = await subscriptions.startTrial(storeId, at('2026-03-20T10:00:00Z'));
      expect(again).toEqual({ started: false, subscription: first.subscription });
      expect(await subscriptions.get(storeId)).toEqual(first.subscription);
    });

    it('never starts a trial over a paid or cancelled plan, even concurrently', async () => {
      const storeId = await newStore();
      await subscriptions.applyBillingEvent(created(storeId, '2026-03-01T00:00:00Z'));
      await subscriptions.applyBillingEvent(event(storeId, 'subscription.cancelled', '2026-03-05T00:00:00Z'));
      const results = await Promise.all(
        [1, 2, 3].map(() => subscriptions.startTrial(storeId, at('2026-03-06T00:00:00Z'))),
      );
      expect(results.map((r) => [r.started, r.subscription.status])).toEqual([
        [false, 'cancelled'],
        [false, 'cancelled'],
        [false, 'cancelled'],
      ]);
      const fresh = await newStore();
      const racing = await Promise.all(
        [1, 2, 3].map(() => subscriptions.startTrial(fresh, at('2026-03-06T00:00:00Z'))),
      );
      expect(racing.filter((r) => r.started)).toHaveLength(1);
    });

    it('refuses an unknown store', async () => {
      await expect(subscriptions.startTrial('st_aaaaaaaaaaaaaaaa', new Date())).rejects.toThrow(/No store/);
    });
  });

  describe('applyBillingEvent', () => {
    it('applies an event once: a repeat answers the same and changes nothing', async () => {
      const storeId = await newStore();
      await subscriptions.startTrial(storeId, at('2026-03-01T00:00:00Z'));
      const creation = created(storeId, '2026-03-10T00:00:00Z', 'growth');
      expect(await subscriptions.applyBillingEvent(creation)).toEqual({
        status: 'processed',
        outcome: 'applied',
        duplicate: false,
        applied: true,
      });
      const failure = event(storeId, 'payment.failed', '2026-04-10T00:00:00Z');
      await subscriptions.applyBillingEvent(failure);
      const before = await subscriptions.get(storeId);
      expect(before).toMatchObject({ planId: 'growth', status: 'past_due', pastDueSince: at('2026-04-10T00:00:00Z') });

      // The creation delivered again must not clear the past_due state it preceded.
      expect(await subscriptions.applyBillingEvent(creation)).toEqual({
        status: 'processed',
        outcome: 'applied',
        duplicate: true,
        applied: false,
      });
      expect(await subscriptions.get(storeId)).toEqual(before);
      const rows = await db.query('SELECT event_id FROM billing_events WHERE store_id = $1', [storeId]);
      expect(rows).toHaveLength(2);
    });

    it('applies concurrent deliveries of one event exactly once', async () => {
      const storeId = await newStore();
      await subscriptions.applyBillingEvent(created(storeId, '2026-03-01T00:00:00Z'));
      const failure = event(storeId, 'payment.failed', '2026-03-02T00:00:00Z');
      const results = await Promise.all(Array.from({ length: 5 }, () => subscriptions.applyBillingEvent(failure)));
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      expect(results.every((r) => r.status === 'processed')).toBe(true);
    });

    it('records a stale event without letting it undo a newer one', async () => {
      const storeId = await newStore();
      await subscriptions.applyBillingEvent(created(storeId, '2026-03-01T00:00:00Z'));
      await subscriptions.applyBillingEvent(event(storeId, 'payment.failed', '2026-04-01T00:05:00Z'));
      const late = event(storeId, 'payment.succeeded', '2026-04-01T00:00:00Z');
      expect(await subscriptions.applyBillingEvent(late)).toMatchObject({ outcome: 'stale', applied: false });
      expect(await subscriptions.applyBillingEvent(late)).toMatchObject({ outcome: 'stale', duplicate: true });
      expect((await subscriptions.get(storeId))?.status).toBe('past_due');
    });

    it('refuses, recording nothing: an unknown store, a payment without a paid plan, an event id reused', async () => {
      const storeId = await newStore();
      expect(
        await subscriptions.applyBillingEvent(created('st_aaaaaaaaaaaaaaaa', '2026-03-01T00:00:00Z')),
      ).toMatchObject({ status: 'refused', code: 'unknown_store' });
      await subscriptions.startTrial(storeId, at('2026-03-01T00:00:00Z'));
      const payment = event(storeId, 'payment.succeeded', '2026-03-02T00:00:00Z');
      expect(await subscriptions.applyBillingEvent(payment)).toMatchObject({ status: 'refused', code: 'no_paid_plan' });
      expect(await db.query('SELECT 1 FROM billing_events WHERE event_id = $1', [payment.id])).toEqual([]);
      expect((await subscriptions.get(storeId))?.status).toBe('trialing');

      const creation = created(storeId, '2026-03-03T00:00:00Z');
      await subscriptions.applyBillingEvent(creation);
      const reused = { ...creation, type: 'subscription.cancelled', data: undefined } as BillingEvent;
      expect(await subscriptions.applyBillingEvent(reused)).toMatchObject({
        status: 'refused',
        code: 'event_id_reused',
      });
      expect((await subscriptions.get(storeId))?.status).toBe('active');
    });
  });

  describe('migration 0013', () => {
    it('gives every store registered before it, except uninstalled ones, a trial from the day it runs', async () => {
      const sql = await readFile(path.join(MIGRATIONS_DIR, '0013_subscriptions.sql'), 'utf8');
      const backfill = sql.slice(sql.lastIndexOf('INSERT INTO subscriptions'));
      const rollback = new Error('rollback');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('DELETE FROM subscriptions'); // as before the migration: no store has one
          const [kept, gone] = [await newStore(tx), await newStore(tx)];
          await tx.query(`UPDATE stores SET status = 'uninstalled' WHERE id = $1`, [gone]);
          await tx.query(backfill);
          const rows = await tx.query<{ storeId: string; days: number }>(
            `SELECT store_id AS "storeId", extract(epoch FROM trial_ends_at - period_anchor)::integer / 86400 AS days
             FROM subscriptions WHERE store_id IN ($1, $2) AND plan_id = 'trial' AND status = 'trialing'`,
            [kept, gone],
          );
          expect(rows).toEqual([{ storeId: kept, days: TRIAL_DAYS }]);
          throw rollback;
        }),
      ).rejects.toBe(rollback);
    });
  });

  describe('usage', () => {
    it('counts each order once in its period, never doubled by a re-sync, and starts again each period', async () => {
      const storeId = await newStore();
      await subscriptions.applyBillingEvent(created(storeId, '2026-01-31T00:00:00Z'));
      expect(await subscriptions.recordSyncedOrder(storeId, 1, at('2026-02-01T00:00:00Z'))).toEqual({ counted: true });
      expect(await subscriptions.recordSyncedOrder(storeId, 2, at('2026-02-27T23:59:59Z'))).toEqual({ counted: true });
      const resyncs = await Promise.all(
        [1, 1, 2].map((orderId) => subscriptions.recordSyncedOrder(storeId, orderId, at('2026-02-10T00:00:00Z'))),
      );
      expect(resyncs.map((r) => r.counted)).toEqual([false, false, false]);
      // Order 1 changed again in the next period (a refund): still counted only once, in February's period.
      expect(await subscriptions.recordSyncedOrder(storeId, 1, at('2026-03-05T00:00:00Z'))).toEqual({ counted: false });
      await subscriptions.recordSyncedOrder(storeId, 3, at('2026-02-28T00:00:00Z'));

      expect(await subscriptions.usage(storeId, at('2026-02-15T00:00:00Z'))).toEqual({
        period: { start: at('2026-01-31T00:00:00Z'), end: at('2026-02-28T00:00:00Z') },
        ordersSynced: 2,
        allowance: PLANS.starter.monthlyOrderAllowance,
        remaining: (PLANS.starter.monthlyOrderAllowance as number) - 2,
      });
      expect(await subscriptions.usage(storeId, at('2026-03-01T00:00:00Z'))).toMatchObject({
        period: { start: at('2026-02-28T00:00:00Z'), end: at('2026-03-31T00:00:00Z') },
        ordersSynced: 1,
      });
      const rows = await db.query<{ orderId: number; periodStart: Date }>(
        'SELECT order_id AS "orderId", period_start AS "periodStart" FROM subscription_usage WHERE store_id = $1 ORDER BY 1',
        [storeId],
      );
      expect(rows).toEqual([
        { orderId: 1, periodStart: at('2026-01-31T00:00:00Z') },
        { orderId: 2, periodStart: at('2026-01-31T00:00:00Z') },
        { orderId: 3, periodStart: at('2026-02-28T00:00:00Z') },
      ]);
    });

    it('gives no usage without a subscription and no allowance on the trial', async () => {
      const storeId = await newStore();
      expect(await subscriptions.usage(storeId, new Date())).toBeNull();
      await subscriptions.startTrial(storeId, at('2026-05-01T00:00:00Z'));
      await subscriptions.recordSyncedOrder(storeId, 7, at('2026-05-02T00:00:00Z'));
      expect(await subscriptions.usage(storeId, at('2026-05-03T00:00:00Z'))).toMatchObject({
        ordersSynced: 1,
        allowance: null,
        remaining: null,
      });
    });

    it('keeps each store separate', async () => {
      const [a, b] = [await newStore(), await newStore()];
      await subscriptions.startTrial(a, at('2026-05-01T00:00:00Z'));
      await subscriptions.startTrial(b, at('2026-05-01T00:00:00Z'));
      await subscriptions.recordSyncedOrder(a, 7, at('2026-05-02T00:00:00Z'));
      expect(await subscriptions.recordSyncedOrder(b, 7, at('2026-05-02T00:00:00Z'))).toEqual({ counted: true });
      expect((await subscriptions.usage(b, at('2026-05-03T00:00:00Z')))?.ordersSynced).toBe(1);
    });
  });
});
