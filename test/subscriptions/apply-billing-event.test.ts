import { applyBillingEventTo, billingEventSchema, newTrial, type Subscription } from '../../lib/subscriptions';
import { billingEvent, STORE_ID, subscription } from './fixtures';

const appliedOf = (effect: ReturnType<typeof applyBillingEventTo>): Subscription => {
  if (effect.kind !== 'applied') throw new Error(`expected applied, got ${effect.kind}`);
  return effect.subscription;
};

describe('applyBillingEventTo', () => {
  const trial = newTrial(STORE_ID, new Date('2026-01-01T00:00:00Z'));

  it('puts a trial store on a paid plan anchored at the period start the provider sent', () => {
    const next = appliedOf(
      applyBillingEventTo(
        trial,
        billingEvent('subscription.created', '2026-01-10T10:00:00Z', {
          plan: 'growth',
          status: 'active',
          periodStart: new Date('2026-01-10T10:00:00Z'),
        }),
      ),
    );
    expect(next).toEqual({
      storeId: STORE_ID,
      planId: 'growth',
      status: 'active',
      trialEndsAt: null,
      periodAnchor: new Date('2026-01-10T10:00:00Z'),
      pastDueSince: null,
      cancelledAt: null,
      lastEventAt: new Date('2026-01-10T10:00:00Z'),
    });
  });

  it('keeps a paid plan anchor across an update without a period, and starts one when leaving the trial', () => {
    const update = billingEvent('subscription.updated', '2026-02-20T00:00:00Z', { plan: 'scale', status: 'active' });
    expect(appliedOf(applyBillingEventTo(subscription(), update)).periodAnchor).toEqual(
      new Date('2026-01-31T09:30:00Z'),
    );
    expect(appliedOf(applyBillingEventTo(trial, update)).periodAnchor).toEqual(new Date('2026-02-20T00:00:00Z'));
  });

  it('marks past_due at the first failed payment, keeps that date on later failures, and clears it on payment', () => {
    const first = appliedOf(
      applyBillingEventTo(subscription(), billingEvent('payment.failed', '2026-02-01T00:00:00Z')),
    );
    expect(first).toMatchObject({ status: 'past_due', pastDueSince: new Date('2026-02-01T00:00:00Z') });
    const second = appliedOf(applyBillingEventTo(first, billingEvent('payment.failed', '2026-02-04T00:00:00Z')));
    expect(second.pastDueSince).toEqual(new Date('2026-02-01T00:00:00Z'));
    const paid = appliedOf(applyBillingEventTo(second, billingEvent('payment.succeeded', '2026-02-05T00:00:00Z')));
    expect(paid).toMatchObject({ status: 'active', pastDueSince: null });
  });

  it('cancels, and a later payment never revives a cancelled plan', () => {
    const cancelled = appliedOf(
      applyBillingEventTo(subscription(), billingEvent('subscription.cancelled', '2026-02-01T00:00:00Z')),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: new Date('2026-02-01T00:00:00Z') });
    const paid = appliedOf(applyBillingEventTo(cancelled, billingEvent('payment.succeeded', '2026-02-02T00:00:00Z')));
    expect(paid.status).toBe('cancelled');
  });

  it('ignores an event older than the last one applied (out-of-order delivery)', () => {
    const failed = appliedOf(
      applyBillingEventTo(subscription(), billingEvent('payment.failed', '2026-02-03T00:00:00Z')),
    );
    expect(applyBillingEventTo(failed, billingEvent('payment.succeeded', '2026-02-02T00:00:00Z'))).toEqual({
      kind: 'stale',
    });
  });

  it('refuses payment events for a store without a paid plan', () => {
    for (const current of [null, trial]) {
      expect(applyBillingEventTo(current, billingEvent('payment.succeeded', '2026-02-02T00:00:00Z'))).toMatchObject({
        kind: 'refused',
        code: 'no_paid_plan',
      });
    }
    expect(applyBillingEventTo(null, billingEvent('subscription.cancelled', '2026-02-02T00:00:00Z'))).toMatchObject({
      kind: 'refused',
    });
  });
});

describe('billingEventSchema', () => {
  const valid = {
    id: 'evt_1',
    type: 'subscription.created',
    storeId: STORE_ID,
    occurredAt: '2026-02-01T00:00:00Z',
    data: { plan: 'starter', status: 'active', periodStart: '2026-02-01T00:00:00+13:00' },
  };
  const problems = (value: unknown) =>
    billingEventSchema.safeParse(value).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it('accepts a well-formed event and reads its dates', () => {
    const event = billingEventSchema.parse(valid);
    expect(event.type === 'subscription.created' && event.data.periodStart).toEqual(new Date('2026-01-31T11:00:00Z'));
  });

  it('names each problem', () => {
    expect(problems({ ...valid, data: { plan: 'trial', status: 'trialing', periodStart: 'soon' } })).toEqual([
      'data.plan: must be one of starter, growth, scale',
      'data.periodStart: must be an ISO 8601 date-time such as 2026-12-03T10:00:00Z',
    ]);
    expect(
      problems({ ...valid, data: { plan: 'starter', status: 'trialing', periodStart: valid.occurredAt } }),
    ).toEqual(['data.trialEnd: is required when status is trialing']);
    expect(problems({ ...valid, data: { plan: 'starter', status: 'active' } })).toEqual([
      'data.periodStart: is required when a subscription is created',
    ]);
    expect(problems({ ...valid, type: 'invoice.paid' })?.[0]).toMatch(/^type: must be subscription.created/);
    expect(problems({ ...valid, storeId: 'nope', extra: 1 })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^storeId: must be a store id/)]),
    );
  });
});
