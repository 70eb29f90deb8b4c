import { PAST_DUE_GRACE_DAYS, planOf } from './plans';
import type { Subscription, Usage } from './subscription';

/** Why a store may not sync now. */
export type SyncRefusalReason =
  'no-subscription' | 'trial-expired' | 'cancelled' | 'past-due-grace-over' | 'allowance-exhausted';

/** Whether a store may sync now; when not, why, in a code and in plain words for the merchant. */
export type SyncPermission = { allowed: true } | { allowed: false; reason: SyncRefusalReason; message: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last moment a past_due subscription still syncs (excluded), or null when it is not past_due. */
export function graceEndsAt(subscription: Subscription): Date | null {
  if (subscription.status !== 'past_due' || subscription.pastDueSince === null) return null;
  return new Date(subscription.pastDueSince.getTime() + PAST_DUE_GRACE_DAYS * DAY_MS);
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

function refuse(reason: SyncRefusalReason, message: string): SyncPermission {
  return { allowed: false, reason, message };
}

/**
 * Whether the store of `subscription` may sync at `now`, given the orders it synced this period: a running trial or
 * an active plan syncs; past_due syncs for PAST_DUE_GRACE_DAYS after the first failed payment; a plan's monthly
 * allowance, once used up, stops syncing until the next period. Pure: the caller supplies the clock and usage.
 */
export function syncPermission(subscription: Subscription | null, usage: Usage, now: Date): SyncPermission {
  if (subscription === null) {
    return refuse('no-subscription', 'This store has no trial or plan; start a trial or choose a plan to sync.');
  }
  const plan = planOf(subscription.planId);
  switch (subscription.status) {
    case 'cancelled':
      return refuse('cancelled', `The ${plan.name} plan was cancelled; choose a plan to sync again.`);
    case 'trialing':
      if (subscription.trialEndsAt === null || now.getTime() >= subscription.trialEndsAt.getTime()) {
        const ended = subscription.trialEndsAt ? ` on ${day(subscription.trialEndsAt)}` : '';
        return refuse('trial-expired', `The trial ended${ended}; choose a plan to keep syncing.`);
      }
      break;
    case 'past_due': {
      const graceEnd = graceEndsAt(subscription);
      if (graceEnd === null || now.getTime() >= graceEnd.getTime()) {
        return refuse(
          'past-due-grace-over',
          `Payment for the ${plan.name} plan has failed since ${day(subscription.pastDueSince ?? now)}` +
            ` and the ${PAST_DUE_GRACE_DAYS}-day grace period is over; update the payment details to sync again.`,
        );
      }
      break;
    }
    case 'active':
      break;
  }
  const allowance = plan.monthlyOrderAllowance;
  if (allowance !== null && usage.ordersSynced >= allowance) {
    return refuse(
      'allowance-exhausted',
      `This period's allowance of ${allowance} orders on the ${plan.name} plan is used up;` +
        ' syncing resumes next period, or sooner on a larger plan.',
    );
  }
  return { allowed: true };
}
