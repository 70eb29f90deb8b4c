/** Subscriptions: the plan catalogue, billing periods, billing events and whether a store may sync. Pure code. */
export { applyBillingEventTo, type BillingEventEffect } from './apply-billing-event';
export { billingEventSchema, type BillingEvent, type BillingEventType } from './billing-event';
export { addMonths, billingPeriodAt, type BillingPeriod } from './billing-period';
export {
  isPlanId,
  PAID_PLAN_IDS,
  PAST_DUE_GRACE_DAYS,
  planOf,
  PLANS,
  TRIAL_DAYS,
  type PaidPlanId,
  type Plan,
  type PlanId,
} from './plans';
export {
  SUBSCRIPTION_STATUSES,
  type Subscription,
  type SubscriptionStatus,
  type Usage,
  type PeriodUsage,
} from './subscription';
export { graceEndsAt, syncPermission, type SyncPermission, type SyncRefusalReason } from './sync-permission';
export { newTrial } from './trial';
export { summarizeSubscription, type SubscriptionSummary } from './summary';
