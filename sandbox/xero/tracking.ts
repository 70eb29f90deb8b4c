import { list, str, type Json } from './fields';
import { messages } from './messages';
import type { LineTracking, ReferenceData, TrackingCategory, TrackingOption } from './model';

/** Most tracking categories one line may carry (xero-api.md §4.3). */
const MAX_PER_LINE = 2;

/** A category or option matched by its ID or, case-insensitively, by its name; DELETED ones are never matched. */
function match<T extends { Name: string; Status: string }>(
  candidates: T[],
  idOf: (c: T) => string,
  id: string | undefined,
  name: string | undefined,
): T | undefined {
  return candidates.find(
    (c) =>
      c.Status !== 'DELETED' &&
      ((id !== undefined && idOf(c) === id) || (name !== undefined && c.Name.toLowerCase() === name.toLowerCase())),
  );
}

/** The category and option an entry names, or the message explaining why it cannot be used. */
function resolveEntry(
  ref: ReferenceData,
  entry: Json,
): { category: TrackingCategory; option: TrackingOption } | string {
  const name = str(entry, 'Name');
  const categoryId = str(entry, 'TrackingCategoryID');
  const category = match(ref.trackingCategories, (c) => c.TrackingCategoryID, categoryId, name);
  if (!category) return messages.trackingCategoryNotFound(name ?? categoryId ?? '');
  if (category.Status !== 'ACTIVE') return messages.trackingCategoryArchived(category.Name);
  const optionName = str(entry, 'Option');
  const optionId = str(entry, 'TrackingOptionID');
  const option = match(category.Options, (o) => o.TrackingOptionID, optionId, optionName);
  if (!option) return messages.trackingOptionNotFound(category.Name, optionName ?? optionId ?? '');
  if (option.Status !== 'ACTIVE') return messages.trackingOptionArchived(category.Name, option.Name);
  return { category, option };
}

/** Resolves a line's Tracking[] (≤2 entries, ACTIVE category and option, no category twice), appending problems. */
export function resolveTracking(ref: ReferenceData, line: Json, errors: string[]): LineTracking[] {
  const entries = list(line, 'Tracking') ?? [];
  if (entries.length > MAX_PER_LINE) errors.push(messages.trackingTooMany());
  const out: LineTracking[] = [];
  for (const entry of entries.slice(0, MAX_PER_LINE)) {
    const resolved = resolveEntry(ref, entry);
    if (typeof resolved === 'string') {
      errors.push(resolved);
      continue;
    }
    const { category, option } = resolved;
    if (out.some((t) => t.TrackingCategoryID === category.TrackingCategoryID)) {
      errors.push(messages.trackingCategoryRepeated(category.Name));
      continue;
    }
    out.push({
      TrackingCategoryID: category.TrackingCategoryID,
      TrackingOptionID: option.TrackingOptionID,
      Name: category.Name,
      Option: option.Name,
    });
  }
  return out;
}
