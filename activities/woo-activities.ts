import { ApplicationFailure } from '@temporalio/common';
import type { Repositories } from '../lib/db/repositories';
import {
  openStoreWooClient,
  WooApiError,
  type StoreWooAccessReader,
  type StoreWooClient,
  type WooClient,
  type WooClientFactory,
} from '../lib/woocommerce';
import type { SyncActivities } from './types';

/** The store's URL and WooCommerce client, or a non-retryable failure when the store is unknown or has no keys. */
export async function wooClientForStore(
  stores: StoreWooAccessReader,
  createWooClient: WooClientFactory,
  storeId: string,
): Promise<StoreWooClient> {
  const opened = await openStoreWooClient(stores, createWooClient, storeId);
  if (!opened) {
    throw ApplicationFailure.nonRetryable(
      `Store ${storeId} is not registered or has no WooCommerce keys (supply them first)`,
      'UnknownStore',
    );
  }
  return opened;
}

/** The activities that talk to the merchant's WooCommerce store. */
export function createWooActivities(
  repos: Repositories,
  createWooClient: WooClientFactory,
): Pick<SyncActivities, 'fetchWooOrder' | 'addWooOrderNote'> {
  const clientFor = async (storeId: string): Promise<WooClient> =>
    (await wooClientForStore(repos.stores, createWooClient, storeId)).client;
  return {
    async fetchWooOrder({ storeId, orderId }) {
      return (await clientFor(storeId)).getOrder(orderId);
    },
    // Best effort after booking: transient failures are retried (thrown), a permanent one becomes the order's warning.
    async addWooOrderNote({ storeId, orderId, note }) {
      const client = await clientFor(storeId);
      try {
        // A retry after a lost response must not write the note twice.
        const existing = await client.listOrderNotes(orderId);
        if (!existing.some((written) => written.note === note)) await client.addOrderNote(orderId, note);
        return { written: true };
      } catch (err) {
        if (!(err instanceof WooApiError) || err.retryable) throw err;
        const warning = orderNoteWarning(err);
        await repos.ledger.upsert({ storeId, orderId, warning });
        return { written: false, warning };
      }
    },
  };
}

/** What support and the merchant read when WooCommerce refused the order note for good (no personal data). */
function orderNoteWarning(err: WooApiError): string {
  return (
    `The order is in Xero, but WooCommerce refused the order note (HTTP ${err.status}, ${err.code}); ` +
    'the order has no "Synced to Xero" note.'
  );
}
