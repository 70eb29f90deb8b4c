import { createHash } from 'node:crypto';
import type { XeroAccountingClient } from './accounting-client';
import { XeroValidationError } from './errors';
import type { WireItem } from './wire-types';

const codeKey = (code: string | undefined): string => (code ?? '').toUpperCase();

/**
 * Makes sure every item code exists in Xero, creating only the missing ones. Existing items are never changed
 * (their prices, accounts and inventory tracking belong to the merchant). Returns the codes it created.
 */
export async function ensureItems(
  client: XeroAccountingClient,
  storeId: string,
  items: readonly WireItem[],
): Promise<string[]> {
  const missing = await missingItems(client, storeId, items);
  if (missing.length === 0) return [];
  const codes = missing.map((item) => codeKey(item.Code)).sort();
  const key = `items:${storeId}:${createHash('sha256').update(JSON.stringify(missing)).digest('hex').slice(0, 40)}`;
  try {
    await client.createItems(storeId, missing, key);
  } catch (err) {
    // Another order's workflow may have created the same code a moment ago: fine if every code now exists.
    if (!(err instanceof XeroValidationError) || (await missingItems(client, storeId, missing)).length > 0) throw err;
  }
  return codes;
}

/** The items whose codes Xero does not have yet (codes compare case-insensitively); read only. */
export async function missingItems(
  client: Pick<XeroAccountingClient, 'getItemsByCode'>,
  storeId: string,
  items: readonly WireItem[],
): Promise<WireItem[]> {
  const codes = items.map((item) => item.Code ?? '').filter(Boolean);
  const existing = new Set((await client.getItemsByCode(storeId, codes)).map((item) => codeKey(item.Code)));
  return items.filter((item) => !existing.has(codeKey(item.Code)));
}
