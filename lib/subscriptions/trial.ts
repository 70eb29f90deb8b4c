import { TRIAL_DAYS } from './plans';
import type { Subscription } from './subscription';

/** The trial a store gets on activation: TRIAL_DAYS from `now`, its billing periods anchored at `now`. */
export function newTrial(storeId: string, now: Date): Subscription {
  return {
    storeId,
    planId: 'trial',
    status: 'trialing',
    trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 24 * 60 * 60 * 1000),
    periodAnchor: now,
    pastDueSince: null,
    cancelledAt: null,
    lastEventAt: null,
  };
}
