import type { Repositories } from '../lib/db/repositories';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import { withFailureTranslation } from './failures';
import { createLedgerActivities } from './ledger-activities';
import type { SyncActivities } from './types';
import type { WooClientFactory } from '../lib/woocommerce';
import { createWooActivities } from './woo-activities';
import { createXeroActivities } from './xero-activities';
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
  return withFailureTranslation({
    ...createWooActivities(deps.repos, deps.createWooClient),
    ...createLedgerActivities(deps.repos),
    ...withXeroDeadlines(
      withCapacityWaitsShown(
        createXeroActivities({
          repos: deps.repos,
          xero: deps.xero,
          createWooClient: deps.createWooClient,
          now: deps.now ?? (() => new Date()),
        }),
        deps.repos.ledger,
      ),
    ),
  });
}

export type { SyncActivities } from './types';
