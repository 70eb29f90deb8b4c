/**
 * Xero's `where` string literals have no escapes: a `"` always ends the literal (a backslash before it is a
 * QueryParseException). Values holding `"` are therefore looked up another way (searchTerm, or a full list).
 */

/** Whether `value` can be written as a `where` string literal, i.e. holds no `"`. */
export function fitsWhereString(value: string): boolean {
  return !value.includes('"');
}

/** A `where` equality on a string field (Xero compares ignoring case); throws for a value holding `"`. */
export function whereEquals(field: string, value: string): string {
  if (!fitsWhereString(value)) throw new Error(`A ${field} containing " cannot be written into a Xero where filter`);
  return `${field}=="${value}"`;
}
