import { Router } from 'express';
import { applyTaxMapping, readTaxMapping, type TaxMappingInput } from '../../lib/sync/tax-mapping';
import { WooApiError } from '../../lib/woocommerce';
import type { Authenticator } from '../auth';
import { connectedWooClient, type ConnectedStoreDeps } from '../connected-store';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { addLogFields } from '../request-log';
import { storeParamsSchema } from '../schemas';
import { xeroReadFailure } from '../sync-failures';
import { parseInput } from '../validation';

/** Dependencies of the tax mapping routes. */
export interface TaxMappingRouteDeps extends ConnectedStoreDeps {
  repos: ConnectedStoreDeps['repos'] & { settings: Pick<ApiRepositories['settings'], 'getCurrent' | 'save'> };
  xero: TaxMappingInput['xero'];
  auth: Authenticator;
}

/** Rethrows a failed tax rate read from WooCommerce as 502, the rest as Xero reads do. */
function taxMappingFailure(error: unknown): never {
  if (error instanceof WooApiError) {
    throw new ApiError(502, 'woocommerce_unavailable', `Reading the store's tax rates failed: ${error.message}`);
  }
  return xeroReadFailure(error);
}

/** `GET /api/stores/:storeId/tax-mapping` and `POST …/tax-mapping/apply`: WooCommerce rates → Xero tax types. */
export function taxMappingRoutes(deps: TaxMappingRouteDeps): Router {
  const router = Router();

  /** The mapping input for a request with access to a store connected to Xero. */
  async function inputOf(req: Parameters<Authenticator['requireStoreAccess']>[0]): Promise<TaxMappingInput> {
    const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
    await deps.auth.requireStoreAccess(req, storeId);
    const woo = await connectedWooClient(deps, storeId, 'mapping its tax rates');
    return { storeId, woo: woo.client, xero: deps.xero, settings: deps.repos.settings };
  }

  router
    .route('/api/stores/:storeId/tax-mapping')
    .get(async (req, res) => {
      const input = await inputOf(req);
      res.set('Cache-Control', 'no-store').json(await readTaxMapping(input).catch(taxMappingFailure));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/api/stores/:storeId/tax-mapping/apply')
    .post(async (req, res) => {
      const input = await inputOf(req);
      const result = await applyTaxMapping(input).catch(taxMappingFailure);
      if (!result.saved) {
        const left = result.unresolved.map((s) => `${s.key} (${s.label}): ${s.reason}`).join('; ');
        throw new ApiError(
          409,
          'nothing_to_apply',
          `No suggestion names a single Xero tax type${left ? `: ${left}` : ''}.`,
          {
            unresolved: result.unresolved,
          },
        );
      }
      addLogFields(res, { storeId: input.storeId, settingsVersion: result.settings.version });
      res.json({
        settingsVersion: result.settings.version,
        applied: result.applied,
        unresolved: result.unresolved,
        settings: result.settings.settings,
      });
    })
    .all(methodNotAllowed('POST'));

  return router;
}
