/** Calendar-date arithmetic on `YYYY-MM-DD` strings, without clocks or time zones. */

import { MappingError } from './errors';

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

// Days-from-civil and its inverse for the proleptic Gregorian calendar (integer arithmetic only).
function toDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra;
}

function fromDayNumber(dayNumber: number): string {
  const era = Math.floor(dayNumber / 146097);
  const dayOfEra = dayNumber - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return toDayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - toDayNumber(year, month, 1);
}

/** The date part of a WooCommerce site-local timestamp ("2017-03-22T16:28:02" → "2017-03-22"); throws if invalid. */
export function datePart(timestamp: string, field: string): string {
  const match = DATE_PREFIX.exec(timestamp);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new MappingError(`The order's ${field} "${timestamp}" is not a date of the form YYYY-MM-DDTHH:MM:SS.`);
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** A `YYYY-MM-DD` date moved by a whole number of days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromDayNumber(toDayNumber(year, month, day) + days);
}

/** Day `day` of the month after a `YYYY-MM-DD` date, kept within that month ("2024-01-31", 31 → "2024-02-29"). */
export function dayOfFollowingMonth(date: string, day: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const clamped = Math.min(Math.max(1, day), daysInMonth(nextYear, nextMonth));
  return fromDayNumber(toDayNumber(nextYear, nextMonth, clamped));
}
