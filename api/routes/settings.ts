import { Router } from 'express';
import { readCurrentSettings, saveSettings } from '../../lib/sync/store-settings';
import type { Authenticator } from '../auth';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import { addLogFields } from '../request-log';
import { storeParamsSchema } from '../schemas';
import { parseSettingsBody } from '../settings-input';
import { parseInput } from '../validation';
import { mappingFailure } from '../sync-failures';

/** Dependencies of the settings routes. */
export interface SettingsRouteDeps {
  repos: Pick<ApiRepositories, 'stores' | 'settings'>;
  auth: Authenticator;
}

/** `GET` and `PUT /api/stores/:storeId/settings`: the store's current mapping settings and their version. */
export function settingsRoutes({ repos, auth }: SettingsRouteDeps): Router {
  const router = Router();
  const readBody = jsonBodyReader(JSON_BODY_LIMITS.settings);

  /** The store id of a request with access to an existing store. */
  async function storeOf(req: Parameters<Authenticator['requireStoreAccess']>[0]): Promise<string> {
    const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
    await auth.requireStoreAccess(req, storeId);
    if (!(await repos.stores.get(storeId))) throw new ApiError(404, 'not_found', 'No store with this id.');
    return storeId;
  }

  router
    .route('/api/stores/:storeId/settings')
    .get(async (req, res) => {
      const storeId = await storeOf(req);
      res.json(await readCurrentSettings(repos.settings, storeId).catch(mappingFailure));
    })
    .put(async (req, res) => {
      const storeId = await storeOf(req);
      const saved = await saveSettings(repos.settings, storeId, parseSettingsBody(await readBody(req, res)));
      addLogFields(res, { storeId, settingsVersion: saved.version });
      res.json(saved);
    })
    .all(methodNotAllowed('GET', 'PUT'));

  return router;
}
