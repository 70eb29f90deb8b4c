import { openStoreWooClient, type StoreWooClient, type WooClientFactory } from '../lib/woocommerce';
import type { ApiRepositories } from './dependencies';
import { ApiError } from './errors';

/** The reads that find a store's WooCommerce client and check its Xero connection. */
export interface ConnectedStoreDeps {
  repos: {
    stores: Pick<ApiRepositories['stores'], 'get' | 'getCredentials'>;
    xeroConnections: Pick<ApiRepositories['xeroConnections'], 'get'>;
  };
  createWooClient: WooClientFactory;
}

/** The store's WooCommerce client and URL, once the store exists (404) and Xero is connected (409, `doing` what). */
export async function connectedWooClient(
  deps: ConnectedStoreDeps,
  storeId: string,
  doing: string,
): Promise<StoreWooClient> {
  const [woo, connection] = await Promise.all([
    openStoreWooClient(deps.repos.stores, deps.createWooClient, storeId),
    deps.repos.xeroConnections.get(storeId),
  ]);
  if (!woo) throw new ApiError(404, 'not_found', 'No store with this id.');
  if (connection?.status !== 'connected') {
    throw new ApiError(409, 'xero_not_connected', `Connect Xero to this store before ${doing}.`);
  }
  return woo;
}
