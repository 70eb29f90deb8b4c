import { lockForTransaction } from '../advisory-lock';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** One saved version of a store's settings (the JSON the merchant configured). */
export interface VersionedSettings {
  version: number;
  settings: unknown;
}

/** Store settings, kept as numbered versions so the ledger can say which settings produced each document. */
export interface SettingsRepository {
  /** The highest version, or null when the store has never saved settings. */
  getCurrent(storeId: string): Promise<VersionedSettings | null>;
  /** Saves `settings` (any JSON value) as the next version (1, 2, …); safe when called concurrently. */
  save(storeId: string, settings: unknown): Promise<{ version: number }>;
}

/** Creates the settings repository. */
export function createSettingsRepository(db: Db): SettingsRepository {
  return {
    getCurrent: (storeId) =>
      queryOne<VersionedSettings>(
        db,
        'SELECT version, settings FROM store_settings WHERE store_id = $1 ORDER BY version DESC LIMIT 1',
        [storeId],
      ),

    save: async (storeId, settings) => {
      const json = JSON.stringify(settings);
      if (json === undefined) throw new TypeError('Settings must be a JSON value.');
      return db.transaction(async (tx) => {
        // Without the lock two concurrent saves could both pick the same next version.
        await lockForTransaction(tx, `store_settings:${storeId}`);
        const [row] = await tx.query<{ version: number }>(
          `INSERT INTO store_settings (store_id, version, settings)
           SELECT $1, COALESCE(MAX(version), 0) + 1, $2::jsonb FROM store_settings WHERE store_id = $1
           RETURNING version`,
          [storeId, json],
        );
        return row as { version: number };
      });
    },
  };
}
