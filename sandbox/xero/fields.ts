/** Case-insensitive access to fields of request elements (xero-node sends PascalCase; others may not). */

/** A JSON object from a request body. */
export type Json = Record<string, unknown>;

/** Whether v is a plain JSON object. */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Value of a field, matching its name without regard to case. */
export function field(obj: Json, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

/** A string field, or undefined when absent or null; numbers are stringified. */
export function str(obj: Json, name: string): string | undefined {
  const v = field(obj, name);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A boolean field (accepts true/false and "true"/"false"). */
export function bool(obj: Json, name: string): boolean | undefined {
  const v = field(obj, name);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** An object field, or undefined. */
export function obj(o: Json, name: string): Json | undefined {
  const v = field(o, name);
  return isObject(v) ? v : undefined;
}

/** An array field of objects, or undefined. */
export function list(o: Json, name: string): Json[] | undefined {
  const v = field(o, name);
  return Array.isArray(v) ? v.filter(isObject) : undefined;
}

/** Whether the field is present with a non-null value. */
export function has(o: Json, name: string): boolean {
  const v = field(o, name);
  return v !== undefined && v !== null;
}
