import { z } from 'zod';
import { PAID_PLAN_IDS } from './plans';

/** A store id as the stores repository issues it (`st_` and 16 base32 letters). */
const storeIdSchema = z.string().regex(/^st_[a-z2-7]{16}$/, 'must be a store id such as st_abcdefghijklmnop');

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-12-03T10:00:00Z' })
  .transform((text) => new Date(text));

const planChangeData = z
  .object({
    plan: z.enum(PAID_PLAN_IDS, { error: `must be one of ${PAID_PLAN_IDS.join(', ')}` }),
    status: z.enum(['trialing', 'active', 'past_due'], { error: 'must be trialing, active or past_due' }),
    /** Start of the current (or first) monthly billing period; periods are counted from it. */
    periodStart: instant.optional(),
    /** End of the provider's trial on this plan; required with status trialing. */
    trialEnd: instant.optional(),
  })
  .strict()
  .refine((data) => data.status !== 'trialing' || data.trialEnd !== undefined, {
    path: ['trialEnd'],
    message: 'is required when status is trialing',
  });

const common = {
  /** The provider's event id: each is applied once. */
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'must be 1 to 200 letters, digits or _ . : -'),
  storeId: storeIdSchema,
  /** When the change happened at the provider; an event older than the last one applied is stale. */
  occurredAt: instant,
};

const noData = z.object({}).strict().optional();

/** A billing provider's event as `POST /api/billing/events` accepts it. */
export const billingEventSchema = z.discriminatedUnion(
  'type',
  [
    z
      .object({ ...common, type: z.literal('subscription.created'), data: planChangeData })
      .strict()
      .refine((event) => event.data.periodStart !== undefined, {
        path: ['data', 'periodStart'],
        message: 'is required when a subscription is created',
      }),
    z.object({ ...common, type: z.literal('subscription.updated'), data: planChangeData }).strict(),
    z.object({ ...common, type: z.literal('subscription.cancelled'), data: noData }).strict(),
    z.object({ ...common, type: z.literal('payment.failed'), data: noData }).strict(),
    z.object({ ...common, type: z.literal('payment.succeeded'), data: noData }).strict(),
  ],
  {
    error:
      'must be subscription.created, subscription.updated, subscription.cancelled, payment.failed or payment.succeeded',
  },
);

/** A validated billing event. */
export type BillingEvent = z.output<typeof billingEventSchema>;

/** The event types the service understands. */
export type BillingEventType = BillingEvent['type'];
