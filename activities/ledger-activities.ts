import type { Repositories } from '../lib/db/repositories';
import type { SyncActivities } from './types';

/** The activities that read and write the sync ledger. */
export function createLedgerActivities(
  repos: Repositories,
): Pick<SyncActivities, 'getLedgerEntry' | 'recordLedgerEntry' | 'recordSyncFailure'> {
  return {
    async getLedgerEntry({ storeId, orderId }) {
      const entry = await repos.ledger.get(storeId, orderId);
      return (
        entry && {
          state: entry.state,
          documentKind: entry.documentKind,
          xeroDocumentNumber: entry.xeroDocumentNumber,
          orderNumber: entry.orderNumber,
        }
      );
    },
    async recordLedgerEntry(update) {
      await repos.ledger.upsert(update);
      // A booked order counts once towards the plan's monthly allowance (re-syncs and retries never count again).
      if (update.state === 'synced')
        await repos.subscriptions.recordSyncedOrder(update.storeId, update.orderId, new Date());
    },
    async recordSyncFailure({ storeId, orderId, message }) {
      await repos.ledger.upsert({ storeId, orderId, state: 'failed', lastError: message });
    },
  };
}
