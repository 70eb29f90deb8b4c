import { PAST_DUE_GRACE_DAYS, PLANS, syncPermission, TRIAL_DAYS, newTrial } from '../../lib/subscriptions';
import { STORE_ID, subscription } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-02-10T12:00:00Z');
const none = { ordersSynced: 0 };

describe('syncPermission', () => {
  it('refuses a store without a subscription', () => {
    expect(syncPermission(null, none, now)).toMatchObject({ allowed: false, reason: 'no-subscription' });
  });

  it('lets a trial sync until its end, and not from its end on', () => {
    const trial = newTrial(STORE_ID, now);
    expect(trial.trialEndsAt?.getTime()).toBe(now.getTime() + TRIAL_DAYS * DAY);
    const end = trial.trialEndsAt as Date;
    expect(syncPermission(trial, { ordersSynced: 50_000 }, new Date(end.getTime() - 1))).toEqual({ allowed: true });
    const expired = syncPermission(trial, none, end);
    expect(expired).toEqual({
      allowed: false,
      reason: 'trial-expired',
      message: 'The trial ended on 2026-02-24; choose a plan to keep syncing.',
    });
  });

  it('applies the paid plan allowance of a provider trial', () => {
    const trialing = subscription({ status: 'trialing', trialEndsAt: new Date('2026-03-01T00:00:00Z') });
    expect(syncPermission(trialing, { ordersSynced: 999 }, now)).toEqual({ allowed: true });
    expect(syncPermission(trialing, { ordersSynced: 1_000 }, now)).toMatchObject({ reason: 'allowance-exhausted' });
  });

  it('lets an active plan sync until its allowance is used up', () => {
    const active = subscription({ planId: 'starter' });
    const allowance = PLANS.starter.monthlyOrderAllowance as number;
    expect(syncPermission(active, { ordersSynced: allowance - 1 }, now)).toEqual({ allowed: true });
    expect(syncPermission(active, { ordersSynced: allowance }, now)).toEqual({
      allowed: false,
      reason: 'allowance-exhausted',
      message:
        "This period's allowance of 100 orders on the Starter plan is used up; syncing resumes next period, or sooner on a larger plan.",
    });
  });

  it('keeps a past_due plan syncing through the grace period only', () => {
    const since = new Date('2026-02-01T00:00:00Z');
    const pastDue = subscription({ status: 'past_due', pastDueSince: since });
    const graceEnd = new Date(since.getTime() + PAST_DUE_GRACE_DAYS * DAY);
    expect(syncPermission(pastDue, none, new Date(graceEnd.getTime() - 1))).toEqual({ allowed: true });
    expect(syncPermission(pastDue, none, graceEnd)).toMatchObject({
      allowed: false,
      reason: 'past-due-grace-over',
      message: expect.stringContaining('since 2026-02-01'),
    });
    expect(syncPermission(pastDue, { ordersSynced: 1_000 }, since)).toMatchObject({ reason: 'allowance-exhausted' });
  });

  it('refuses a cancelled plan whatever its usage', () => {
    const cancelled = subscription({ status: 'cancelled', cancelledAt: now });
    expect(syncPermission(cancelled, none, now)).toMatchObject({ allowed: false, reason: 'cancelled' });
  });

  it('never puts personal data or store ids in its messages', () => {
    const refusals = [
      syncPermission(null, none, now),
      syncPermission(subscription({ status: 'cancelled', cancelledAt: now }), none, now),
      syncPermission(subscription({ status: 'past_due', pastDueSince: new Date(0) }), none, now),
    ];
    for (const refusal of refusals) expect(JSON.stringify(refusal)).not.toContain(STORE_ID);
  });
});
