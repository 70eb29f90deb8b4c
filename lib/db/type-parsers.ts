/** PostgreSQL type OID of bigint (int8). */
export const INT8_OID = 20;

/** Parses a bigint column as a JS number (both engines agree), refusing values that a number cannot hold exactly. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint value ${text} is beyond Number.MAX_SAFE_INTEGER`);
  return value;
}
