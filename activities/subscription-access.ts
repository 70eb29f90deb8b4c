import type { SubscriptionsRepository } from '../lib/db/repositories/subscriptions';
import { syncPermission } from '../lib/subscriptions';
import type { SubscriptionAccess } from './store-activities';

/** The subscription checks the store activities make, over the subscriptions repository and a clock. */
export function createSubscriptionAccess(
  subscriptions: Pick<SubscriptionsRepository, 'get' | 'usage' | 'startTrial'>,
  now: () => Date = () => new Date(),
): SubscriptionAccess {
  return {
    async permission(storeId) {
      const at = now();
      const [subscription, usage] = await Promise.all([subscriptions.get(storeId), subscriptions.usage(storeId, at)]);
      return syncPermission(subscription, usage ?? { ordersSynced: 0 }, at);
    },
    async startTrial(storeId) {
      const { subscription, started } = await subscriptions.startTrial(storeId, now());
      const ends = subscription.trialEndsAt ? ` until ${subscription.trialEndsAt.toISOString().slice(0, 10)}` : '';
      return started ? `Trial started${ends}.` : `Subscription kept (${subscription.status}).`;
    },
  };
}
