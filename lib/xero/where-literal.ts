/** Quotes a value as a string literal for Xero's `where` filter (backslash-escaping quotes and backslashes). */
export function whereString(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}
