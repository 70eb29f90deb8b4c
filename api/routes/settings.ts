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
import type { MappingSettings } from '../../lib/mapping';
import { identityConflictOfStore } from '../../lib/sync/shared-organisation';

/** Dependencies of the settings routes. */
export interface SettingsRouteDeps {
  repos: Pick<ApiRepositories, 'stores' | 'settings' | 'xeroConnections'>;
  auth: Authenticator;
}

/** `GET` and `PUT /api/stores/:storeId/settings`: the store's current mapping settings and their version. */
export function settingsRoutes({ repos, auth }: SettingsRouteDeps): Router {
  const router = Router();
  const readBody = jsonBodyReader(JSON_BODY_LIMITS.settings);

  /** The store of a request with access to an existing store. */
  async function storeOf(
    req: Parameters<Authenticator['requireStoreAccess']>[0],
  ): Promise<{ id: string; url: string }> {
    const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
    await auth.requireStoreAccess(req, storeId);
    const store = await repos.stores.get(storeId);
    if (!store) throw new ApiError(404, 'not_found', 'No store with this id.');
    return store;
  }

  /** 400 on the field to change when these settings would let another store of the same Xero organisation collide. */
  async function refuseIdentityConflict(store: { id: string; url: string }, settings: MappingSettings): Promise<void> {
    const conflict = await identityConflictOfStore(repos, store, settings);
    if (conflict) {
      throw new ApiError(400, 'validation_failed', 'The request body is invalid.', {
        fields: [{ in: 'body', field: conflict.field, message: conflict.message }],
      });
    }
  }

  router
    .route('/api/stores/:storeId/settings')
    .get(async (req, res) => {
      const store = await storeOf(req);
      res.json(await readCurrentSettings(repos.settings, store.id).catch(mappingFailure));
    })
    .put(async (req, res) => {
      const store = await storeOf(req);
      const parsed = parseSettingsBody(await readBody(req, res));
      await refuseIdentityConflict(store, parsed);
      const saved = await saveSettings(repos.settings, store.id, parsed);
      addLogFields(res, { storeId: store.id, settingsVersion: saved.version });
      res.json(saved);
    })
    .all(methodNotAllowed('GET', 'PUT'));

  return router;
}
