import { ApplicationFailure } from '@temporalio/common';
import type { Repositories } from '../lib/db/repositories';
import type { WooClient } from '../lib/woocommerce';
import type { SyncActivities } from './types';

/** Builds a WooCommerce client for a store from its URL and decrypted keys. */
export type WooClientFactory = (store: { storeUrl: string; consumerKey: string; consumerSecret: string }) => WooClient;

/** Returns a WooCommerce client for the store, or fails for good when the store is unknown. */
export async function wooClientForStore(
  repos: Repositories,
  createWooClient: WooClientFactory,
  storeId: string,
): Promise<WooClient> {
  const [store, credentials] = await Promise.all([repos.stores.get(storeId), repos.stores.getCredentials(storeId)]);
  if (!store || !credentials)
    throw ApplicationFailure.nonRetryable(`Store ${storeId} is not registered`, 'UnknownStore');
  return createWooClient({
    storeUrl: store.url,
    consumerKey: credentials.consumerKey,
    consumerSecret: credentials.consumerSecret,
  });
}

/** The activities that talk to the merchant's WooCommerce store. */
export function createWooActivities(
  repos: Repositories,
  createWooClient: WooClientFactory,
): Pick<SyncActivities, 'fetchWooOrder' | 'addWooOrderNote'> {
  const clientFor = (storeId: string): Promise<WooClient> => wooClientForStore(repos, createWooClient, storeId);
  return {
    async fetchWooOrder({ storeId, orderId }) {
      return (await clientFor(storeId)).getOrder(orderId);
    },
    async addWooOrderNote({ storeId, orderId, note }) {
      const client = await clientFor(storeId);
      // A retry after a lost response must not write the note twice.
      const existing = await client.listOrderNotes(orderId);
      if (existing.some((written) => written.note === note)) return;
      await client.addOrderNote(orderId, note);
    },
  };
}
