import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { StoreActivities } from '../activities/store-types';
import { summarised } from './sync-activities';

/** Store calls (database, WooCommerce, Xero identity): quick, retried briskly, for up to about a day. */
const STORE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 300 },
};

const store = proxyActivities<StoreActivities>(STORE_OPTIONS);

/** The store activities, each labelled for support staff reading the run. */
export const storeActivities = {
  checkStoreMaySync: summarised(
    store.checkStoreMaySync,
    STORE_OPTIONS,
    'Check that the store lets its orders sync (plugin active, subscription, Xero connected)',
  ),
  noteXeroRefused: summarised(store.noteXeroRefused, STORE_OPTIONS, 'Mark the Xero connection as needing a reconnect'),
  nextStoreEvent: summarised(store.nextStoreEvent, STORE_OPTIONS, 'Read the store’s next lifecycle event'),
  settleStoreEvent: summarised(store.settleStoreEvent, STORE_OPTIONS, 'Record what the lifecycle event did'),
  verifyWooStore: summarised(
    store.verifyWooStore,
    STORE_OPTIONS,
    'Verify the WooCommerce keys and read the store’s settings',
  ),
  ensureStoreWebhooks: summarised(store.ensureStoreWebhooks, STORE_OPTIONS, 'Create the store’s order webhooks'),
  suggestStoreTaxMapping: summarised(store.suggestStoreTaxMapping, STORE_OPTIONS, 'Suggest the tax mapping'),
  startStoreTrial: summarised(store.startStoreTrial, STORE_OPTIONS, 'Start the trial'),
  markStoreActive: summarised(store.markStoreActive, STORE_OPTIONS, 'Mark the store active'),
  pauseStore: summarised(store.pauseStore, STORE_OPTIONS, 'Pause syncing (plugin deactivated)'),
  resumeStore: summarised(store.resumeStore, STORE_OPTIONS, 'Resume syncing (plugin reactivated)'),
  catchUpStoreOrders: summarised(
    store.catchUpStoreOrders,
    STORE_OPTIONS,
    'Hand every order modified during the pause to its workflow',
  ),
  wakeWaitingOrders: summarised(store.wakeWaitingOrders, STORE_OPTIONS, 'Tell waiting orders to look again'),
  deleteStoreWebhooks: summarised(store.deleteStoreWebhooks, STORE_OPTIONS, 'Delete the store’s webhooks'),
  disconnectStoreXero: summarised(store.disconnectStoreXero, STORE_OPTIONS, 'Disconnect Xero and revoke its tokens'),
  eraseStoreData: summarised(store.eraseStoreData, STORE_OPTIONS, 'Erase the store’s credentials and personal data'),
} satisfies StoreActivities;
