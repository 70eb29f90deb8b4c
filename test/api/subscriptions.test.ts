import request from 'supertest';
import { billingSignatureHeader } from '../../api/billing-signature';
import { PAST_DUE_GRACE_DAYS, PLANS, TRIAL_DAYS } from '../../lib/subscriptions';
import { buildSubscriptionApp, type SubscriptionTestApp } from '../subscriptions/api-app';
import { OPERATOR_TOKEN, registerStore, type RegisteredStore } from './harness';

const DAY = 24 * 60 * 60 * 1000;

describe('GET /api/stores/:storeId/subscription', () => {
  let t: SubscriptionTestApp;
  let store: RegisteredStore;
  let other: RegisteredStore;

  const read = (as = store.apiToken, storeId = store.id) =>
    request(t.app).get(`/api/stores/${storeId}/subscription`).set('Authorization', `Bearer ${as}`);
  let seq = 0;
  const send = (type: string, data?: object) => {
    seq += 1;
    const event = { id: `evt_${seq}`, type, storeId: store.id, occurredAt: t.clock.now.toISOString(), data };
    return t.postEvent(event).expect(200);
  };

  beforeAll(async () => {
    t = await buildSubscriptionApp();
    store = await registerStore(t.api);
    other = await registerStore(t.api, 'https://other.example.test');
    // Registration may start a trial at the real time; these tests start theirs on the test clock.
    await t.api.db.query('DELETE FROM subscriptions WHERE store_id = $1', [store.id]);
  });
  afterAll(() => t.api.close());

  it('needs the store token or the operator token', async () => {
    await request(t.app).get(`/api/stores/${store.id}/subscription`).expect(401);
    expect((await read(other.apiToken)).status).toBe(403);
    expect((await read(OPERATOR_TOKEN, 'st_aaaaaaaaaaaaaaaa')).status).toBe(404);
    await read(OPERATOR_TOKEN).expect(200);
  });

  it('says why a store without a subscription does not sync', async () => {
    const res = await read().expect(200);
    expect(res.body).toEqual({
      storeId: store.id,
      plan: null,
      status: null,
      trialEndsAt: null,
      pastDueSince: null,
      graceEndsAt: null,
      cancelledAt: null,
      currentPeriod: null,
      usage: null,
      sync: {
        allowed: false,
        reason: 'no-subscription',
        message: 'This store has no trial or plan; start a trial or choose a plan to sync.',
      },
    });
  });

  it('shows a running trial, its usage and its end; then the end in plain words', async () => {
    const started = t.clock.now;
    await t.subscriptions.startTrial(store.id, started);
    await t.subscriptions.recordSyncedOrder(store.id, 41, started);
    await t.subscriptions.recordSyncedOrder(store.id, 41, started);
    const trialEnd = new Date(started.getTime() + TRIAL_DAYS * DAY);
    const res = await read().expect(200);
    expect(res.body).toMatchObject({
      plan: { id: 'trial', name: 'Trial', monthlyOrderAllowance: null },
      status: 'trialing',
      trialEndsAt: trialEnd.toISOString(),
      currentPeriod: { start: started.toISOString(), end: '2027-01-03T10:00:00.000Z' },
      usage: { ordersSynced: 1, allowance: null, remaining: null },
      sync: {
        allowed: true,
        reason: null,
        message: 'Syncing is on: the trial runs until 2026-12-17 (1 orders synced this period).',
      },
    });
    t.clock.now = trialEnd;
    expect((await read().expect(200)).body.sync).toEqual({
      allowed: false,
      reason: 'trial-expired',
      message: 'The trial ended on 2026-12-17; choose a plan to keep syncing.',
    });
  });

  it('counts a paid plan usage against its allowance and pauses when it is used up', async () => {
    await send('subscription.created', { plan: 'starter', status: 'active', periodStart: t.clock.now.toISOString() });
    const allowance = PLANS.starter.monthlyOrderAllowance as number;
    // Order 41, counted during the trial, is never counted again.
    for (let orderId = 1; orderId <= allowance; orderId += 1) {
      await t.subscriptions.recordSyncedOrder(store.id, orderId, t.clock.now);
    }
    const almost = await read().expect(200);
    expect(almost.body).toMatchObject({
      plan: { id: 'starter', monthlyOrderAllowance: allowance },
      status: 'active',
      trialEndsAt: null,
      usage: { ordersSynced: allowance - 1, allowance, remaining: 1 },
      sync: {
        allowed: true,
        message: `Syncing is on: Starter plan, ${allowance - 1} of ${allowance} orders synced this period, which ends 2027-01-17.`,
      },
    });
    await t.subscriptions.recordSyncedOrder(store.id, allowance + 1, t.clock.now);
    const full = await read().expect(200);
    expect(full.body.usage).toEqual({ ordersSynced: allowance, allowance, remaining: 0 });
    expect(full.body.sync).toMatchObject({ allowed: false, reason: 'allowance-exhausted' });

    t.clock.now = new Date('2027-01-17T10:00:00Z'); // the next period
    const next = await read().expect(200);
    expect(next.body.currentPeriod).toEqual({ start: '2027-01-17T10:00:00.000Z', end: '2027-02-17T10:00:00.000Z' });
    expect(next.body.usage).toEqual({ ordersSynced: 0, allowance, remaining: allowance });
    expect(next.body.sync.allowed).toBe(true);
  });

  it('keeps a past_due plan syncing through the grace period, then says what to do', async () => {
    const failedAt = t.clock.now;
    await send('payment.failed');
    const graceEnd = new Date(failedAt.getTime() + PAST_DUE_GRACE_DAYS * DAY);
    const during = await read().expect(200);
    expect(during.body).toMatchObject({
      status: 'past_due',
      pastDueSince: failedAt.toISOString(),
      graceEndsAt: graceEnd.toISOString(),
      sync: { allowed: true, message: expect.stringContaining('update the payment details before 2027-01-31') },
    });
    t.clock.now = graceEnd;
    expect((await read().expect(200)).body.sync).toMatchObject({ allowed: false, reason: 'past-due-grace-over' });
    await send('payment.succeeded');
    expect((await read().expect(200)).body).toMatchObject({
      status: 'active',
      graceEndsAt: null,
      sync: { allowed: true },
    });
  });

  it('shows a cancelled plan as not syncing', async () => {
    await send('subscription.cancelled');
    expect((await read().expect(200)).body).toMatchObject({
      status: 'cancelled',
      cancelledAt: t.clock.now.toISOString(),
      sync: {
        allowed: false,
        reason: 'cancelled',
        message: 'The Starter plan was cancelled; choose a plan to sync again.',
      },
    });
  });

  it('answers 405 to other methods', async () => {
    const res = await request(t.app)
      .put(`/api/stores/${store.id}/subscription`)
      .set('Authorization', `Bearer ${store.apiToken}`)
      .set('Billing-Signature', billingSignatureHeader('x', Buffer.alloc(0), 0))
      .expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});
