import { Router } from 'express';
import { z } from 'zod';
import type { XeroOrgContext } from '../../lib/mapping';
import { previewOrder, type PreviewOrderInput } from '../../lib/sync/preview-order';
import { readCurrentSettings } from '../../lib/sync/store-settings';
import type { Authenticator } from '../auth';
import { connectedWooClient } from '../connected-store';
import type { WooClientFactory } from '../../lib/woocommerce';
import type { ApiRepositories } from '../dependencies';
import { methodNotAllowed } from '../errors';
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

  router
    .route('/api/stores/:storeId/orders/:orderId/preview')
    .get(async (req, res) => {
      const { storeId, orderId } = parseInput(previewParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      addLogFields(res, { storeId, orderId });
      const woo = await connectedWooClient({ repos, createWooClient }, storeId, 'previewing its orders');
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
