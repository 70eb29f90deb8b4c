import type { BillingEvent, Subscription } from '../../lib/subscriptions';

/** A store id in the repository's format. */
export const STORE_ID = 'st_abcdefghijklmnop';

/** A subscription with every field set, overridable. */
export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    storeId: STORE_ID,
    planId: 'growth',
    status: 'active',
    trialEndsAt: null,
    periodAnchor: new Date('2026-01-31T09:30:00Z'),
    pastDueSince: null,
    cancelledAt: null,
    lastEventAt: new Date('2026-01-31T09:30:00Z'),
    ...overrides,
  };
}

/** A billing event of `type` at `occurredAt`, with a plan change's data where the type needs it. */
export function billingEvent(
  type: BillingEvent['type'],
  occurredAt: string,
  data?: Record<string, unknown>,
  id = `evt_${type}_${occurredAt}`,
): BillingEvent {
  return { id, storeId: STORE_ID, type, occurredAt: new Date(occurredAt), data } as BillingEvent;
}
