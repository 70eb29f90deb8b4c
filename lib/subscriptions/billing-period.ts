/** A billing period: from `start` (included) to `end` (excluded). */
export interface BillingPeriod {
  start: Date;
  end: Date;
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** `anchor` moved `months` calendar months on (UTC), its day clamped to the month's last day (31 Jan → 28 Feb). */
export function addMonths(anchor: Date, months: number): Date {
  const monthIndex = anchor.getUTCMonth() + months;
  const year = anchor.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  const timeOfDay = anchor.getTime() - Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate());
  return new Date(Date.UTC(year, month, day) + timeOfDay);
}

/**
 * The monthly period holding `now`: the n-th period runs from anchor + n months to anchor + n + 1 months, each
 * computed from the anchor itself, so clamped months never drift the day (31 Jan, 28 Feb, 31 Mar, …). Before the
 * anchor, the first period.
 */
export function billingPeriodAt(anchor: Date, now: Date): BillingPeriod {
  let months = (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (now.getUTCMonth() - anchor.getUTCMonth());
  if (months < 0) months = 0;
  while (months > 0 && addMonths(anchor, months).getTime() > now.getTime()) months -= 1;
  return { start: addMonths(anchor, months), end: addMonths(anchor, months + 1) };
}
