import { proxyActivities, type ActivityFunctionWithOptions, type ActivityOptions } from '@temporalio/workflow';
import type { SyncActivities } from '../activities/types';

/** WooCommerce and the database: quick calls, retried briskly. */
const STORE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '2m' },
};

/** Xero: short timeout so a crashed worker's call is retried soon; longer backoff for outages and rate limits. */
const XERO_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '20s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
};

const store = proxyActivities<SyncActivities>(STORE_OPTIONS);
const xero = proxyActivities<SyncActivities>(XERO_OPTIONS);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK types activity arguments as any[]
type Activity = (...args: any[]) => Promise<unknown>;

/** The activity with its options and a one-line summary that the Temporal UI shows on the run's timeline. */
export function summarised<F extends Activity>(
  activity: ActivityFunctionWithOptions<F>,
  options: ActivityOptions,
  summary: string,
): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  return (...args) => activity.executeWithOptions({ ...options, summary }, args);
}

/** The activities an order sync calls, each labelled for support staff reading the run. */
export const syncActivities = {
  planOrderSync: summarised(
    xero.planOrderSync,
    XERO_OPTIONS,
    'Read the current order from WooCommerce and map it to its Xero document',
  ),
  fetchWooOrder: summarised(store.fetchWooOrder, STORE_OPTIONS, 'Read the current order from WooCommerce'),
  getLedgerEntry: summarised(store.getLedgerEntry, STORE_OPTIONS, 'Look the order up in the sync ledger'),
  recordLedgerEntry: summarised(store.recordLedgerEntry, STORE_OPTIONS, 'Record the outcome in the sync ledger'),
  recordSyncFailure: summarised(store.recordSyncFailure, STORE_OPTIONS, 'Record why the sync failed'),
  addWooOrderNote: summarised(store.addWooOrderNote, STORE_OPTIONS, 'Note the Xero document on the order'),
  planXeroDocument: summarised(xero.planXeroDocument, XERO_OPTIONS, 'Map the order to its Xero document'),
  findOrCreateXeroContact: summarised(xero.findOrCreateXeroContact, XERO_OPTIONS, 'Find or create the Xero contact'),
  chooseXeroContact: summarised(
    xero.chooseXeroContact,
    XERO_OPTIONS,
    'Find the Xero contact, or choose the name the invoice will create it under',
  ),
  ensureXeroItems: summarised(xero.ensureXeroItems, XERO_OPTIONS, 'Create missing Xero items'),
  createXeroDocument: summarised(xero.createXeroDocument, XERO_OPTIONS, 'Create the Xero document exactly once'),
  planOrderLife: summarised(
    xero.planOrderLife,
    XERO_OPTIONS,
    'Compare the order (status, payment, refunds) with what Xero holds, and list the changes',
  ),
  applyOrderChange: summarised(xero.applyOrderChange, XERO_OPTIONS, 'Apply one change in Xero exactly once'),
} satisfies SyncActivities;
