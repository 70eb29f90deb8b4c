/**
 * Exact decimal arithmetic for money: values are bigints scaled by 10^8, rounding is half away from zero.
 * Nothing here goes through floating point, so sums and per-line taxes never drift.
 */

/** Number of decimal places held by every scaled value. */
export const SCALE_DP = 8;
/** 10^8 as a bigint: the value 1.0 in scaled form. */
export const ONE = 10n ** BigInt(SCALE_DP);

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Divides num by den and rounds half away from zero to an integer. */
function divRound(num: bigint, den: bigint): bigint {
  if (den < 0n) return divRound(-num, -den);
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return negative ? -q : q;
}

/** Parses a JSON number or decimal string into a scaled value, or returns undefined when it is not numeric. */
export function parseDecimal(value: unknown): bigint | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  const match = DECIMAL.exec(String(value).trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${whole}${fraction}` || '0');
  const shift = Number(exponent) - fraction.length + SCALE_DP;
  const magnitude = shift >= 0 ? digits * 10n ** BigInt(shift) : divRound(digits, 10n ** BigInt(-shift));
  return sign === '-' ? -magnitude : magnitude;
}

/** Rounds the exact rational num/den (in real units) to dp decimal places, returned as a scaled value. */
export function ratio(num: bigint, den: bigint, dp: number): bigint {
  return divRound(num * 10n ** BigInt(dp), den) * 10n ** BigInt(SCALE_DP - dp);
}

/** Rounds a scaled value to dp decimal places (half away from zero). */
export function round(value: bigint, dp: number): bigint {
  return ratio(value, ONE, dp);
}

/** Formats a scaled value as a plain decimal string with at least minDp decimals and no trailing zeros beyond. */
export function toDecimalString(value: bigint, minDp = 0): string {
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(SCALE_DP + 1, '0');
  const whole = abs.slice(0, -SCALE_DP);
  let fraction = abs.slice(-SCALE_DP).replace(/0+$/, '');
  if (fraction.length < minDp) fraction = fraction.padEnd(minDp, '0');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Converts a scaled value to a JSON number (exact for the 2–4 decimal places the API uses). */
export function toNumber(value: bigint): number {
  return Number(toDecimalString(value));
}

/** Scaled value of an integer or decimal literal, for constants such as 100. */
export function dec(literal: number | string): bigint {
  const parsed = parseDecimal(literal);
  if (parsed === undefined) throw new Error(`not a decimal: ${literal}`);
  return parsed;
}
