import type { Repositories } from '../lib/db/repositories';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import { withFailureTranslation } from './failures';
import { createLedgerActivities } from './ledger-activities';
import type { SyncActivities } from './types';
import type { StoreActivities } from './store-types';
import { createStoreActivities, type SubscriptionAccess } from './store-activities';
import type { XeroIdentityClient } from '../lib/xero/identity-client';
import type { XeroTokenSource } from '../lib/xero/token-provider';
import type { WooClientFactory } from '../lib/woocommerce';
import { createWooActivities } from './woo-activities';
import { createXeroActivities } from './xero-activities';
import { createOrderLifeActivities } from './order-life-activities';
import { createOrgContextCache } from '../lib/xero/org-context-cache';
import { withCapacityWaitsShown } from './xero-capacity';
import { withXeroDeadlines } from './xero-deadline';
import { createSubscriptionAccess } from './subscription-access';
import { createXeroTokenKeeperActivities, type XeroTokenKeeperActivities } from './xero-token-keeper';
import type { Services } from '../lib/runtime/services';
import type { AppConfig } from '../lib/config';

/** Everything the activities depend on; injected so tests and processes wire real or sandbox endpoints. */
export interface ActivityDeps {
  repos: Repositories;
  xero: XeroAccountingClient;
  xeroIdentity: XeroIdentityClient;
  xeroTokens: XeroTokenSource;
  createWooClient: WooClientFactory;
  subscriptions: SubscriptionAccess;
  /** The service's public base URL: the stores' webhooks deliver to it. */
  publicUrl: string;
  now?: () => Date;
}

/** The activities' dependencies from the process's services and configuration. */
export function workerActivityDeps(services: Services, config: Pick<AppConfig, 'publicUrl'>): ActivityDeps {
  return {
    ...services,
    publicUrl: config.publicUrl,
    subscriptions: createSubscriptionAccess(services.repos.subscriptions),
  };
}

/** Every activity the worker registers: the order sync's, the store lifecycle's and the token keeper's. */
export type WorkerActivities = SyncActivities & StoreActivities & XeroTokenKeeperActivities;

/** Creates the worker's activities over their dependencies, with failures classified for Temporal. */
export function createActivities(deps: ActivityDeps): WorkerActivities {
  const xeroDeps = {
    repos: deps.repos,
    xero: deps.xero,
    createWooClient: deps.createWooClient,
    orgContext: createOrgContextCache(deps.xero),
    now: deps.now ?? (() => new Date()),
  };
  return withFailureTranslation({
    ...createWooActivities(deps.repos, deps.createWooClient),
    ...createLedgerActivities(deps.repos),
    ...withXeroDeadlines(
      withCapacityWaitsShown(
        { ...createXeroActivities(xeroDeps), ...createOrderLifeActivities(xeroDeps) },
        deps.repos.ledger,
      ),
    ),
    ...createStoreActivities(deps),
    ...createXeroTokenKeeperActivities(deps),
  });
}

export type { SyncActivities } from './types';
export type { StoreActivities } from './store-types';
