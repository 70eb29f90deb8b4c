import type { Repositories } from '../lib/db/repositories';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import { withFailureTranslation } from './failures';
import { createLedgerActivities } from './ledger-activities';
import type { SyncActivities } from './types';
import type { WooClientFactory } from '../lib/woocommerce';
import { createWooActivities } from './woo-activities';
import { createXeroActivities } from './xero-activities';
import { createOrderLifeActivities } from './order-life-activities';
import { createOrgContextCache } from '../lib/xero/org-context-cache';
import { withCapacityWaitsShown } from './xero-capacity';
import { withXeroDeadlines } from './xero-deadline';

/** Everything the activities depend on; injected so tests and processes wire real or sandbox endpoints. */
export interface ActivityDeps {
  repos: Repositories;
  xero: XeroAccountingClient;
  createWooClient: WooClientFactory;
  now?: () => Date;
}

/** Creates the order sync activities over their dependencies, with failures classified for Temporal. */
export function createActivities(deps: ActivityDeps): SyncActivities {
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
  });
}

export type { SyncActivities } from './types';
