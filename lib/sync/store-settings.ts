import type { SettingsRepository } from '../db/repositories/settings';
import { defaultMappingSettings, MappingError, mappingSettingsSchema, type MappingSettings } from '../mapping';

/** A store's parsed mapping settings and the version they were saved as (0: defaults, never saved). */
export interface VersionedMappingSettings {
  version: number;
  settings: MappingSettings;
}

/** The version reported for a store that never saved settings: the defaults apply, nothing is stored. */
export const UNSAVED_SETTINGS_VERSION = 0;

/** The store's current settings, read only: its latest saved version, else the defaults as version 0. */
export async function readCurrentSettings(
  settings: Pick<SettingsRepository, 'getCurrent'>,
  storeId: string,
): Promise<VersionedMappingSettings> {
  const saved = await settings.getCurrent(storeId);
  if (!saved) return { version: UNSAVED_SETTINGS_VERSION, settings: defaultMappingSettings() };
  const parsed = mappingSettingsSchema.safeParse(saved.settings);
  if (!parsed.success) {
    throw new MappingError(
      `Store ${storeId} has saved settings (version ${saved.version}) that are no longer valid; save them again`,
    );
  }
  return { version: saved.version, settings: parsed.data };
}

/** The store's current settings for a sync: like readCurrentSettings, but unsaved defaults are pinned as version 1. */
export async function pinnedCurrentSettings(
  settings: Pick<SettingsRepository, 'getCurrent' | 'save'>,
  storeId: string,
): Promise<VersionedMappingSettings> {
  const current = await readCurrentSettings(settings, storeId);
  if (current.version !== UNSAVED_SETTINGS_VERSION) return current;
  // The ledger records the version each document used, so the defaults need a version of their own.
  return saveSettings(settings, storeId, current.settings);
}

/** Saves parsed settings as the store's next version. */
export async function saveSettings(
  settings: Pick<SettingsRepository, 'save'>,
  storeId: string,
  parsed: MappingSettings,
): Promise<VersionedMappingSettings> {
  return { version: (await settings.save(storeId, parsed)).version, settings: parsed };
}
