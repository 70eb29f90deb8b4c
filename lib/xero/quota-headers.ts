import type { QuotaReading } from './call-gate';

const HEADERS: Record<keyof QuotaReading, string> = {
  minuteRemaining: 'x-minlimit-remaining',
  dayRemaining: 'x-daylimit-remaining',
  appMinuteRemaining: 'x-appminlimit-remaining',
};

/** Reads Xero's remaining-quota headers (any case, single or repeated values); absent or malformed ones are left out. */
export function readQuota(headers: Record<string, unknown> | undefined): QuotaReading {
  const reading: QuotaReading = {};
  if (!headers) return reading;
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  for (const [field, name] of Object.entries(HEADERS) as Array<[keyof QuotaReading, string]>) {
    const raw = lower.get(name);
    const value = Array.isArray(raw) ? raw[0] : raw;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (/^\d+$/.test(text)) reading[field] = Number.parseInt(text, 10);
  }
  return reading;
}
