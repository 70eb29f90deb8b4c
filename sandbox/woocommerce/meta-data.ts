import type { MetaEntry } from './order-model';

/** `update_meta_data`: upsert by meta id when given, else by key; other entries are left alone. */
export function upsertMeta(
  entries: MetaEntry[],
  changes: Array<{ id?: number; key: string; value: unknown }>,
  nextId: () => number,
): void {
  for (const change of changes) {
    const existing =
      change.id !== undefined
        ? entries.find((entry) => entry.id === change.id)
        : entries.find((entry) => entry.key === change.key);
    if (existing) {
      existing.key = change.key;
      existing.value = change.value;
    } else {
      entries.push({ id: nextId(), key: change.key, value: change.value });
    }
  }
}
