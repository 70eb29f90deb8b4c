/**
 * Exact decimal arithmetic for money: a value is an integer coefficient scaled by a power of ten.
 * No floating point is used for any calculation; JavaScript numbers appear only at the wire edge.
 */

/** An exact decimal number: `coefficient / 10^scale`. */
export interface Decimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

/** How to round when a value has more digits than wanted. */
export type RoundingMode = 'half-up' | 'up' | 'down';

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

const TEN = BigInt(10);
const ZERO_BIG = BigInt(0);
const ONE_BIG = BigInt(1);

function pow10(exponent: number): bigint {
  return TEN ** BigInt(exponent);
}

function make(coefficient: bigint, scale: number): Decimal {
  return { coefficient, scale };
}

/** Zero at scale 0. */
export const ZERO: Decimal = make(ZERO_BIG, 0);

/** Parses a decimal string such as "12.50", "-3", ".5" or "1e-7"; throws on anything else. */
export function parseDecimal(text: string): Decimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  const intPart = match?.[2] ?? '';
  const fracPart = match?.[3] ?? '';
  if (!match || (intPart === '' && fracPart === '')) {
    throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  }
  const sign = match[1] === '-' ? -ONE_BIG : ONE_BIG;
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  const digits = BigInt(`${intPart}${fracPart}` || '0');
  const scale = fracPart.length - exponent;
  return scale >= 0 ? make(sign * digits, scale) : make(sign * digits * pow10(-scale), 0);
}

/** Converts a finite JavaScript number through its shortest round-trip text (for non-money numbers or wire values). */
export function decimalFromNumber(value: number): Decimal {
  if (!Number.isFinite(value)) {
    throw new Error(`not a finite number: ${value}`);
  }
  return parseDecimal(String(value));
}

/** A decimal from an integer. */
export function decimalFromInteger(value: number | bigint): Decimal {
  return make(BigInt(value), 0);
}

function atScale(value: Decimal, scale: number): bigint {
  return value.coefficient * pow10(scale - value.scale);
}

function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < ZERO_BIG !== denominator < ZERO_BIG;
  const n = numerator < ZERO_BIG ? -numerator : numerator;
  const d = denominator < ZERO_BIG ? -denominator : denominator;
  let quotient = n / d;
  const remainder = n % d;
  if (remainder !== ZERO_BIG && (mode === 'up' || (mode === 'half-up' && remainder * BigInt(2) >= d))) {
    quotient += ONE_BIG;
  }
  return negative ? -quotient : quotient;
}

/** a + b, exactly. */
export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return make(atScale(a, scale) + atScale(b, scale), scale);
}

/** a − b, exactly. */
export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, negate(b));
}

/** a × b, exactly. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return make(a.coefficient * b.coefficient, a.scale + b.scale);
}

/** −a. */
export function negate(a: Decimal): Decimal {
  return make(-a.coefficient, a.scale);
}

/** |a|. */
export function abs(a: Decimal): Decimal {
  return a.coefficient < ZERO_BIG ? negate(a) : a;
}

/** The sum of a list (zero when empty). */
export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, ZERO);
}

/** −1, 0 or 1 by the sign of a. */
export function sign(a: Decimal): -1 | 0 | 1 {
  return a.coefficient === ZERO_BIG ? 0 : a.coefficient < ZERO_BIG ? -1 : 1;
}

/** Compares by value: −1 if a < b, 0 if equal, 1 if a > b ("1.50" equals "1.5"). */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  return sign(subtract(a, b));
}

/** True when a and b have the same value, whatever their scales. */
export function equals(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
}

/** True when the value is zero. */
export function isZero(a: Decimal): boolean {
  return a.coefficient === ZERO_BIG;
}

/** Rounds to `scale` places; 'half-up' rounds halves away from zero, 'up' away from zero, 'down' towards zero. */
export function round(a: Decimal, scale: number, mode: RoundingMode = 'half-up'): Decimal {
  if (a.scale <= scale) {
    return make(atScale(a, scale), scale);
  }
  return make(divideRounded(a.coefficient, pow10(a.scale - scale), mode), scale);
}

/** a ÷ b rounded to `scale` places; throws on division by zero. */
export function divide(a: Decimal, b: Decimal, scale: number, mode: RoundingMode = 'half-up'): Decimal {
  if (isZero(b)) {
    throw new Error('division by zero');
  }
  // a/b = (a.c / 10^a.s) / (b.c / 10^b.s); scaled by 10^scale.
  const numerator = a.coefficient * pow10(b.scale + scale);
  const denominator = b.coefficient * pow10(a.scale);
  return make(divideRounded(numerator, denominator, mode), scale);
}

/** True when rounding `a` to `scale` places would hit an exact half (where rounding modes disagree). */
export function isHalfwayAt(a: Decimal, scale: number): boolean {
  if (a.scale <= scale) {
    return false;
  }
  const unit = pow10(a.scale - scale);
  const remainder = (a.coefficient < ZERO_BIG ? -a.coefficient : a.coefficient) % unit;
  return remainder * BigInt(2) === unit;
}

/** Fixed-point text with exactly `scale` places, rounding half-up when needed (e.g. "12.50", "-0.01", "18000"). */
export function toFixed(a: Decimal, scale: number): string {
  const rounded = round(a, scale);
  const negative = rounded.coefficient < ZERO_BIG;
  const digits = (negative ? -rounded.coefficient : rounded.coefficient).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** The shortest exact text of a value (trailing zeros removed), e.g. "12.5", "-3", "0.0001". */
export function toPlainString(a: Decimal): string {
  let { coefficient, scale } = a;
  while (scale > 0 && coefficient % TEN === ZERO_BIG) {
    coefficient /= TEN;
    scale -= 1;
  }
  return toFixed(make(coefficient, scale), scale);
}

/** A JavaScript number for a JSON wire field; exact for the short decimals Xero accepts (≤ 15 significant digits). */
export function toWireNumber(a: Decimal): number {
  return Number(toPlainString(a));
}

/** The number of places written after the decimal point of a decimal string ("12.50" → 2, "18000" → 0). */
export function placesOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
