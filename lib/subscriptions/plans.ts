/** Every plan the service sells, in one place: ids are stored with each subscription and sent by the billing provider. */

/** Days a new store may sync before it needs a paid plan. */
export const TRIAL_DAYS = 14;

/**
 * Days a `past_due` subscription keeps syncing after its first failed payment. Billing providers retry a declined
 * card over one to three weeks (their dunning schedules); two weeks lets a merchant's books stay current through an
 * expired card without leaving a plan that never pays running indefinitely.
 */
export const PAST_DUE_GRACE_DAYS = 14;

/** The id of a plan in the catalogue. */
export type PlanId = 'trial' | 'starter' | 'growth' | 'scale';

/** A plan: what it is called and how many orders it syncs a month (null: no monthly allowance). */
export interface Plan {
  id: PlanId;
  name: string;
  /** Orders synced per billing period; null only for the trial, which its end date limits instead. */
  monthlyOrderAllowance: number | null;
}

/** The catalogue, keyed by id. */
export const PLANS: Readonly<Record<PlanId, Plan>> = {
  trial: { id: 'trial', name: 'Trial', monthlyOrderAllowance: null },
  starter: { id: 'starter', name: 'Starter', monthlyOrderAllowance: 100 },
  growth: { id: 'growth', name: 'Growth', monthlyOrderAllowance: 1_000 },
  scale: { id: 'scale', name: 'Scale', monthlyOrderAllowance: 10_000 },
};

/** The ids of the plans a billing provider may put a store on (every plan but the trial). */
export const PAID_PLAN_IDS = ['starter', 'growth', 'scale'] as const satisfies readonly PlanId[];

/** A paid plan's id. */
export type PaidPlanId = (typeof PAID_PLAN_IDS)[number];

/** True when `id` names a plan of the catalogue. */
export function isPlanId(id: string): id is PlanId {
  return Object.prototype.hasOwnProperty.call(PLANS, id);
}

/** The plan with this id. */
export function planOf(id: PlanId): Plan {
  return PLANS[id];
}
