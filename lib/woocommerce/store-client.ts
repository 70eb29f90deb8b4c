import type { WooClient } from './client';
import type { WooTransportOptions } from './rest-transport';

/** Builds a WooCommerce client for a store from its URL and decrypted keys (createWooClient, or a test double). */
export type WooClientFactory = (options: WooTransportOptions) => WooClient;

/** The two store reads that opening a store's WooCommerce client needs (lib/db's stores repository has them). */
export interface StoreWooAccessReader {
  get(id: string): Promise<{ url: string } | null>;
  getCredentials(id: string): Promise<{ consumerKey: string; consumerSecret: string } | null>;
}

/** A registered store's URL and a WooCommerce client for it. */
export interface StoreWooClient {
  url: string;
  client: WooClient;
}

/** The store's URL and WooCommerce client, or null when no store has this id. */
export async function openStoreWooClient(
  stores: StoreWooAccessReader,
  createWooClient: WooClientFactory,
  storeId: string,
): Promise<StoreWooClient | null> {
  const [store, credentials] = await Promise.all([stores.get(storeId), stores.getCredentials(storeId)]);
  if (!store || !credentials) return null;
  const { consumerKey, consumerSecret } = credentials;
  return { url: store.url, client: createWooClient({ storeUrl: store.url, consumerKey, consumerSecret }) };
}
