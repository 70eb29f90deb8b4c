import { findAccount } from './account-rules';
import { messages } from './messages';
import type { ItemDetails, ItemRecord, ReferenceData } from './model';

/** Whether an item is tracked as inventory: it has an inventory asset account and a COGS account ([SPEC] Item). */
export function isTracked(item: Pick<ItemRecord, 'InventoryAssetAccountCode' | 'PurchaseDetails'>): boolean {
  return item.InventoryAssetAccountCode !== undefined && item.PurchaseDetails?.COGSAccountCode !== undefined;
}

/** Problems with a tracked item: an ACTIVE INVENTORY asset account, then a COGS account, are required ([SPEC]). */
export function inventoryProblems(
  ref: ReferenceData,
  inventoryCode: string | undefined,
  purchase: ItemDetails | undefined,
): string[] {
  if (inventoryCode === undefined) return [];
  const account = findAccount(ref, inventoryCode);
  const problems: string[] = [];
  if (!account || account.Status !== 'ACTIVE' || account.Type !== 'INVENTORY') {
    problems.push(messages.inventoryAccountInvalid(inventoryCode));
  }
  if (purchase?.COGSAccountCode === undefined) problems.push(messages.cogsAccountRequired());
  return problems;
}
