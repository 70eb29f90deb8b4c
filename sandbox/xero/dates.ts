/** Date formats of the Xero API: `/Date(ms+0000)/` values, `…String` companions, and request date parsing. */

const DAY_MS = 86_400_000;

/** `/Date(ms+0000)/`, used for record dates on most endpoints. */
export function msDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/** `/Date(ms)/` without offset, used by the envelope's DateTimeUTC and by Quotes. */
export function msDateNoOffset(ms: number): string {
  return `/Date(${ms})/`;
}

/** `YYYY-MM-DDT00:00:00`, the zone-less companion of a date-only field (DateString, DueDateString). */
export function dateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the companion of UpdatedDateUTC. */
export function utcString(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** ISO timestamp with 7 fractional digits and no Z, as /connections returns. */
export function connectionTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000`;
}

/** Midnight UTC of the day containing ms (a date-only value). */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a request date (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, ISO with zone, or `/Date(ms)/`) to the
 * epoch ms of that calendar day at midnight UTC; undefined when unparseable.
 */
export function parseRequestDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = MS_DATE.exec(value);
  if (ms) return startOfDay(Number(ms[1]));
  const iso = ISO_DATE.exec(value);
  if (!iso) return undefined;
  const [, y, m, d] = iso;
  const result = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const check = new Date(result);
  if (check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  return result;
}
