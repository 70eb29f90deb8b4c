import type { BillingPeriod } from './billing-period';
import type { PlanId } from './plans';

/** Where a store's subscription stands, as the billing provider reports it (trialing is the service's own trial). */
export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'cancelled';

/** The statuses, in the order docs/subscriptions.md lists them. */
export const SUBSCRIPTION_STATUSES = [
  'trialing',
  'active',
  'past_due',
  'cancelled',
] as const satisfies readonly SubscriptionStatus[];

/** A store's subscription: its plan, status and the dates that decide whether it may sync. */
export interface Subscription {
  storeId: string;
  planId: PlanId;
  status: SubscriptionStatus;
  /** When a trial ends (the first moment it no longer syncs); null when not trialing. */
  trialEndsAt: Date | null;
  /** Billing periods run a calendar month each from this moment (the trial's start, or the paid plan's). */
  periodAnchor: Date;
  /** The first failed payment of the current run of failures; null unless past_due. */
  pastDueSince: Date | null;
  /** When the cancellation took effect; null unless cancelled. */
  cancelledAt: Date | null;
  /** When the last billing event applied to it happened (its occurredAt); older events are stale. */
  lastEventAt: Date | null;
}

/** Orders synced in the current billing period. */
export interface Usage {
  ordersSynced: number;
}

/** A store's usage in the billing period holding a given moment, against its plan's allowance. */
export interface PeriodUsage extends Usage {
  period: BillingPeriod;
  /** The plan's monthly allowance; null when it has none (the trial). */
  allowance: number | null;
  /** Orders left this period (never below 0); null without an allowance. */
  remaining: number | null;
}
