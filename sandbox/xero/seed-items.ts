import { dec } from './decimal';
import { newId } from './ids';
import type { ItemRecord } from './model';

/** Code of the seeded inventory-tracked item. */
export const TRACKED_ITEM_CODE = 'TRACKED-1';

/** Items every tenant starts with: TRACKED-1, tracked like the spec's example (asset 630, COGS 310, 100 on hand). */
export function seededItems(now: number): ItemRecord[] {
  return [
    {
      ItemID: newId(),
      Code: TRACKED_ITEM_CODE,
      Name: 'Tracked widget',
      Description: 'Tracked widget',
      PurchaseDescription: 'Tracked widget (stock)',
      IsSold: true,
      IsPurchased: true,
      SalesDetails: { UnitPrice: dec(50), AccountCode: '200', TaxType: 'OUTPUT2' },
      PurchaseDetails: { UnitPrice: dec(25), COGSAccountCode: '310', TaxType: 'INPUT2' },
      InventoryAssetAccountCode: '630',
      QuantityOnHand: dec(100),
      TotalCostPool: dec(2500),
      updatedAt: now,
    },
  ];
}
