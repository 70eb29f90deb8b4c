/** An object of a JSON (or form) request body. */
export type Posted = Record<string, unknown>;

/** A string value, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number given as a number or a non-empty numeric string, else undefined. */
export function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The objects of an array value (other entries skipped, as `is_array( $item )` does), else undefined. */
export function records(value: unknown): Posted[] | undefined {
  return Array.isArray(value)
    ? value.filter((v): v is Posted => typeof v === 'object' && v !== null && !Array.isArray(v))
    : undefined;
}
