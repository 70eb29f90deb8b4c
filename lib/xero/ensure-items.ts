import { createHash } from 'node:crypto';
import type { XeroAccountingClient } from './accounting-client';
import { XeroValidationError } from './errors';
import type { WireItem } from './wire-types';

const codeKey = (code: string | undefined): string => (code ?? '').toUpperCase();

/** Creates tried before codes that keep being taken by concurrent creates are reported. */
const CREATE_ROUNDS = 4;
const CODE_TAKEN = /Item with Code .* already exists/i;

/**
 * Makes sure every item code exists in Xero, creating only the missing ones. Existing items are never changed
 * (their prices, accounts and inventory tracking belong to the merchant). When Xero refuses codes another
 * order's sync created a moment ago, it looks again and creates only what is still missing (Xero saves the
 * valid items of a refused batch). Returns the codes that were missing.
 */
export async function ensureItems(
  client: XeroAccountingClient,
  storeId: string,
  items: readonly WireItem[],
): Promise<string[]> {
  let missing = await missingItems(client, storeId, items);
  const codes = missing.map((item) => codeKey(item.Code)).sort();
  for (let round = 1; missing.length > 0; round += 1) {
    const key = `items:${storeId}:${createHash('sha256').update(JSON.stringify(missing)).digest('hex').slice(0, 40)}`;
    try {
      await client.createItems(storeId, missing, key);
      return codes;
    } catch (err) {
      if (!(err instanceof XeroValidationError)) throw err;
      const stillMissing = await missingItems(client, storeId, missing);
      // Anything but codes taken meanwhile (a bad account, say) is the merchant's to fix: report it.
      if (stillMissing.length > 0 && (round >= CREATE_ROUNDS || !onlyCodesTaken(err))) throw err;
      missing = stillMissing;
    }
  }
  return codes;
}

/** Xero refused the batch only because some codes exist (created since the lookup). */
function onlyCodesTaken(err: XeroValidationError): boolean {
  return err.messages.length > 0 && err.messages.every((m) => CODE_TAKEN.test(m));
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
