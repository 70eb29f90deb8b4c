import type { BillingPeriod } from './billing-period';
import { planOf, type Plan } from './plans';
import type { PeriodUsage, Subscription, SubscriptionStatus } from './subscription';
import { graceEndsAt, syncPermission, type SyncRefusalReason } from './sync-permission';

/** A store's subscription as the API shows it: plan, status, dates, usage and whether it may sync, in plain words. */
export interface SubscriptionSummary {
  plan: Plan | null;
  status: SubscriptionStatus | null;
  trialEndsAt: Date | null;
  pastDueSince: Date | null;
  /** When a past_due subscription stops syncing unless a payment succeeds first. */
  graceEndsAt: Date | null;
  cancelledAt: Date | null;
  currentPeriod: BillingPeriod | null;
  usage: { ordersSynced: number; allowance: number | null; remaining: number | null } | null;
  sync: { allowed: boolean; reason: SyncRefusalReason | null; message: string };
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

function allowedMessage(subscription: Subscription, usage: PeriodUsage): string {
  const plan = planOf(subscription.planId);
  const used =
    usage.allowance === null
      ? `${usage.ordersSynced} orders synced this period`
      : `${usage.ordersSynced} of ${usage.allowance} orders synced this period, which ends ${day(usage.period.end)}`;
  const grace = graceEndsAt(subscription);
  if (grace !== null) {
    return `Syncing is on, but payment for the ${plan.name} plan has failed: update the payment details before ${day(grace)}, when syncing pauses (${used}).`;
  }
  if (subscription.status === 'trialing' && subscription.trialEndsAt !== null) {
    return `Syncing is on: the ${plan.name === 'Trial' ? 'trial' : `${plan.name} plan's trial`} runs until ${day(subscription.trialEndsAt)} (${used}).`;
  }
  return `Syncing is on: ${plan.name} plan, ${used}.`;
}

/** What `GET /api/stores/:id/subscription` shows about a store's subscription and its usage (null: none) at `now`. */
export function summarizeSubscription(
  state: { subscription: Subscription; usage: PeriodUsage } | null,
  now: Date,
): SubscriptionSummary {
  if (state === null) {
    const refusal = syncPermission(null, { ordersSynced: 0 }, now);
    const message = refusal.allowed ? '' : refusal.message;
    return {
      plan: null,
      status: null,
      trialEndsAt: null,
      pastDueSince: null,
      graceEndsAt: null,
      cancelledAt: null,
      currentPeriod: null,
      usage: null,
      sync: { allowed: false, reason: 'no-subscription', message },
    };
  }
  const { subscription, usage } = state;
  const permission = syncPermission(subscription, usage, now);
  return {
    plan: planOf(subscription.planId),
    status: subscription.status,
    trialEndsAt: subscription.trialEndsAt,
    pastDueSince: subscription.pastDueSince,
    graceEndsAt: graceEndsAt(subscription),
    cancelledAt: subscription.cancelledAt,
    currentPeriod: usage.period,
    usage: { ordersSynced: usage.ordersSynced, allowance: usage.allowance, remaining: usage.remaining },
    sync: permission.allowed
      ? { allowed: true, reason: null, message: allowedMessage(subscription, usage) }
      : { allowed: false, reason: permission.reason, message: permission.message },
  };
}
