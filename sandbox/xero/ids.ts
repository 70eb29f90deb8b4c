import { randomUUID } from 'node:crypto';

/** The all-zero GUID Xero echoes for elements that were not created. */
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** A fresh random GUID for a new record, connection or response envelope. */
export function newId(): string {
  return randomUUID();
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether s looks like a GUID (used to tell IDs from numbers/codes in path segments). */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}
