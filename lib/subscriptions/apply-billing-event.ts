import type { BillingEvent } from './billing-event';
import type { Subscription } from './subscription';

/** What a billing event does to a subscription. */
export type BillingEventEffect =
  | { kind: 'applied'; subscription: Subscription }
  /** Older than the last event applied: recorded, changes nothing (providers do not deliver in order). */
  | { kind: 'stale' }
  /** Cannot apply to the store as it stands (e.g. a payment for a store without a paid plan); nothing recorded. */
  | { kind: 'refused'; code: 'no_paid_plan'; message: string };

const NO_PAID_PLAN = {
  kind: 'refused',
  code: 'no_paid_plan',
  message: 'The store has no paid plan; send subscription.created first.',
} as const;

/** The subscription after `event`, from the current one (null: none yet). Pure; the repository stores the result. */
export function applyBillingEventTo(current: Subscription | null, event: BillingEvent): BillingEventEffect {
  if (current?.lastEventAt && event.occurredAt.getTime() < current.lastEventAt.getTime()) return { kind: 'stale' };
  const at = event.occurredAt;
  const applied = (subscription: Subscription): BillingEventEffect => ({
    kind: 'applied',
    subscription: { ...subscription, lastEventAt: at },
  });

  if (event.type === 'subscription.created' || event.type === 'subscription.updated') {
    const { plan, status, periodStart, trialEnd } = event.data;
    // A paid plan keeps its billing anchor across updates; moving off the service's trial starts a new one.
    const keptAnchor = current && current.planId !== 'trial' ? current.periodAnchor : at;
    return applied({
      storeId: event.storeId,
      planId: plan,
      status,
      trialEndsAt: status === 'trialing' ? (trialEnd ?? null) : null,
      periodAnchor: periodStart ?? keptAnchor,
      pastDueSince: status === 'past_due' ? (current?.pastDueSince ?? at) : null,
      cancelledAt: null,
      lastEventAt: at,
    });
  }
  if (current === null) return NO_PAID_PLAN;
  if (event.type === 'subscription.cancelled') {
    return applied({ ...current, status: 'cancelled', cancelledAt: current.cancelledAt ?? at, pastDueSince: null });
  }
  if (current.planId === 'trial') return NO_PAID_PLAN;
  // A payment after cancellation (a final invoice) never revives the subscription.
  if (current.status === 'cancelled') return applied(current);
  if (event.type === 'payment.failed') {
    return applied({ ...current, status: 'past_due', trialEndsAt: null, pastDueSince: current.pastDueSince ?? at });
  }
  return applied({ ...current, status: 'active', trialEndsAt: null, pastDueSince: null });
}
