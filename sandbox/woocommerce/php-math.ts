/** PHP's `round()`: half away from zero, with PHP's pre-rounding so that 1.005 rounds to 1.01. */
export function phpRound(value: number, precision = 0): number {
  const factor = 10 ** precision;
  const scaled = Number((value * factor).toPrecision(15));
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return rounded / factor + 0;
}

/** PHP's `number_format($value, $dp, '.', '')`, as `wc_format_decimal($value, $dp)` uses it for REST money strings. */
export function formatDecimal(value: number, dp: number): string {
  const rounded = phpRound(value, dp);
  return (rounded === 0 ? 0 : rounded).toFixed(dp);
}

/** `wc_get_rounding_precision()`: the decimals WooCommerce keeps internally (at least 6). */
export function roundingPrecision(dp: number): number {
  return Math.max(dp + 2, 6);
}

/** `wc_format_decimal($float)` without `dp`: `sprintf('%.Nf')` then trailing zeros trimmed ("0.9", "4", "1.4784"). */
export function storedDecimal(value: number, dp: number): string {
  const fixed = value.toFixed(roundingPrecision(dp));
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** A value as WooCommerce reads it back after storing it with `wc_format_decimal` (rounded to the internal precision). */
export function stored(value: number, dp: number): number {
  return Number(storedDecimal(value, dp));
}

/** Sum of numbers in order, as PHP's `array_sum` adds floats. */
export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
