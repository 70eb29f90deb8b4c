import { identityConflictOfStore, type SharedOrganisationReaders } from '../lib/sync/shared-organisation';
import { readCurrentSettings } from '../lib/sync/store-settings';
import type { ApiRepositories } from './dependencies';
import { ApiError } from './errors';

/** Refuses (409 `numbering_conflict`) to connect the store to an organisation where its numbering is not its own. */
export async function refuseSharedIdentities(
  readers: SharedOrganisationReaders & Pick<ApiRepositories, 'xeroConnections'>,
  store: { id: string; url: string },
  tenantId: string,
): Promise<void> {
  const { settings } = await readCurrentSettings(readers.settings, store.id);
  const conflict = await identityConflictOfStore(readers, store, settings, tenantId);
  if (conflict) {
    throw new ApiError(409, 'numbering_conflict', `${conflict.message} Then connect Xero again.`, {
      otherStoreId: conflict.otherStoreId,
      field: conflict.field,
    });
  }
}
