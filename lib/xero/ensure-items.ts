import type { ItemCreateResult, XeroAccountingClient } from './accounting-client';
import { XeroValidationError } from './errors';
import { itemCodeKey, type ItemMemory } from './memory-ports';
import type { WireItem } from './wire-types';

const CODE_TAKEN = /Item with Code .* already exists/i;

/**
 * Makes sure every item code exists in Xero, creating only the missing ones, in one call: the codes not known
 * to exist are sent in one PUT /Items with `summarizeErrors=false`, so Xero creates the new ones and answers
 * "already exists" for the others (whether the merchant made them or another order's sync did a moment ago).
 * Existing items are never changed (PUT only creates; their prices, accounts and inventory tracking belong to the
 * merchant). With a `memory`, codes known to exist cost no call, and every code Xero confirms is remembered; Xero
 * checks remembered codes on every document that uses them. Returns the codes that were created.
 */
export async function ensureItems(
  client: Pick<XeroAccountingClient, 'createItemsEach' | 'getItemsByCode'>,
  storeId: string,
  items: readonly WireItem[],
  memory?: ItemMemory,
): Promise<string[]> {
  const known = memory ? await memory.knownItemCodes(storeId, codesOf(items)) : new Set<string>();
  const unknown = items.filter((item) => !known.has(itemCodeKey(item.Code)));
  if (unknown.length === 0) return [];
  // No Idempotency-Key: a repeated request (a retry after a lost answer) is answered "already exists", which is
  // what it should learn, whereas a replayed key would answer "created" for codes another order just created.
  const results = await client.createItemsEach(storeId, unknown);
  const unexplained = results.filter((result) => !result.created && !result.messages.some((m) => CODE_TAKEN.test(m)));
  // A refusal that does not say the code exists may still be for an existing code: ask Xero before reporting it.
  const existing = new Set(
    unexplained.length === 0
      ? []
      : (
          await client.getItemsByCode(
            storeId,
            unexplained.map((result) => result.code),
          )
        ).map((item) => itemCodeKey(item.Code)),
  );
  const refused = unexplained.filter((result) => !existing.has(itemCodeKey(result.code)));
  await memory?.rememberItemCodes(
    storeId,
    results.filter((result) => !refused.includes(result)).map((result) => result.code),
  );
  if (refused.length > 0) throw new XeroValidationError(refused.flatMap(refusalMessages));
  return results
    .filter((result) => result.created)
    .map((result) => itemCodeKey(result.code))
    .sort();
}

const codesOf = (items: readonly WireItem[]): string[] => items.map((item) => item.Code ?? '').filter(Boolean);

function refusalMessages(result: ItemCreateResult): string[] {
  return result.messages.length > 0 ? result.messages : [`Xero did not create item ${result.code}`];
}

/** The items whose codes Xero does not have yet (codes compare case-insensitively); read only. */
export async function missingItems(
  client: Pick<XeroAccountingClient, 'getItemsByCode'>,
  storeId: string,
  items: readonly WireItem[],
): Promise<WireItem[]> {
  const existing = new Set(
    (await client.getItemsByCode(storeId, codesOf(items))).map((item) => itemCodeKey(item.Code)),
  );
  return items.filter((item) => !existing.has(itemCodeKey(item.Code)));
}
