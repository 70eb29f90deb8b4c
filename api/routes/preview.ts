import { Router } from 'express';
import { z } from 'zod';
import type { XeroOrgContext } from '../../lib/mapping';
import { previewOrder, type PreviewOrderInput } from '../../lib/sync/preview-order';
import { readCurrentSettings } from '../../lib/sync/store-settings';
import { openStoreWooClient, type StoreWooClient, type WooClientFactory } from '../../lib/woocommerce';
import type { Authenticator } from '../auth';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { addLogFields } from '../request-log';
import { orderIdSchema, storeIdSchema } from '../schemas';
import { mappingFailure, previewFailure, wooFailure } from '../sync-failures';
import { parseInput } from '../validation';

const previewParamsSchema = z.object({ storeId: storeIdSchema, orderId: orderIdSchema });

/** Dependencies of the preview route: read-only repositories and Xero calls, so it cannot write by construction. */
export interface PreviewRouteDeps {
  repos: {
    stores: Pick<ApiRepositories['stores'], 'get' | 'getCredentials'>;
    xeroConnections: Pick<ApiRepositories['xeroConnections'], 'get'>;
    settings: Pick<ApiRepositories['settings'], 'getCurrent'>;
  };
  xero: PreviewOrderInput['xero'];
  orgContext: (storeId: string) => Promise<XeroOrgContext>;
  createWooClient: WooClientFactory;
  auth: Authenticator;
}

/** `GET /api/stores/:storeId/orders/:orderId/preview`: the Xero request a sync of the order would send now. */
export function previewRoutes({ repos, xero, orgContext, createWooClient, auth }: PreviewRouteDeps): Router {
  const router = Router();

  /** The store's WooCommerce client, once the store exists and Xero is connected. */
  async function wooClientFor(storeId: string): Promise<StoreWooClient> {
    const [woo, connection] = await Promise.all([
      openStoreWooClient(repos.stores, createWooClient, storeId),
      repos.xeroConnections.get(storeId),
    ]);
    if (!woo) throw new ApiError(404, 'not_found', 'No store with this id.');
    if (connection?.status !== 'connected') {
      throw new ApiError(409, 'xero_not_connected', 'Connect Xero to this store before previewing its orders.');
    }
    return woo;
  }

  router
    .route('/api/stores/:storeId/orders/:orderId/preview')
    .get(async (req, res) => {
      const { storeId, orderId } = parseInput(previewParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      addLogFields(res, { storeId, orderId });
      const woo = await wooClientFor(storeId);
      const order = await woo.client.getOrder(orderId).catch(wooFailure);
      const settings = await readCurrentSettings(repos.settings, storeId).catch(mappingFailure);
      const store = { id: storeId, url: woo.url };
      const preview = await previewOrder({ store, order, settings, orgContext, xero, woo: woo.client }).catch(
        previewFailure,
      );
      res.set('Cache-Control', 'no-store').json(preview);
    })
    .all(methodNotAllowed('GET'));

  return router;
}
