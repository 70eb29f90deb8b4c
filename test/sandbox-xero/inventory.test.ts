import { TRACKED_ITEM_CODE } from '../../sandbox/xero';
import { createContact, startHarness, validationMessages, type Harness } from './helpers';

// Inventory-tracked items: the seeded TRACKED-1, creating tracked items, and selling them on invoices.

let h: Harness;
let contactId: string;
beforeEach(async () => {
  h = await startHarness();
  contactId = await createContact(h, 'Acme Widgets Ltd');
});
afterEach(() => h.sandbox.close());

const trackedItem = {
  Code: 'GUITAR-1',
  Name: 'Guitar',
  Description: 'Guitar',
  InventoryAssetAccountCode: '630',
  SalesDetails: { UnitPrice: 500, AccountCode: '200', TaxType: 'OUTPUT2' },
  PurchaseDetails: { UnitPrice: 250, COGSAccountCode: '310', TaxType: 'INPUT2' },
};

describe('inventory-tracked items', () => {
  it('seeds TRACKED-1, tracked on inventory account 630 with COGS account 310 and stock on hand', async () => {
    const res = await h.call('GET', `/Items/${TRACKED_ITEM_CODE}`);
    expect(res.json.Items[0]).toMatchObject({
      Code: 'TRACKED-1',
      IsTrackedAsInventory: true,
      InventoryAssetAccountCode: '630',
      PurchaseDetails: { COGSAccountCode: '310', TaxType: 'INPUT2' },
      SalesDetails: { AccountCode: '200', TaxType: 'OUTPUT2', UnitPrice: 50 },
      QuantityOnHand: 100,
      TotalCostPool: 2500,
    });
    const where = encodeURIComponent('IsTrackedAsInventory==true');
    expect((await h.call('GET', `/Items?where=${where}`)).json.Items.map((i: { Code: string }) => i.Code)).toEqual([
      'TRACKED-1',
    ]);
  });

  it('sells TRACKED-1 on an authorised invoice from its defaults, leaving the item itself untouched', async () => {
    const before = (await h.call('GET', '/Items/TRACKED-1')).json.Items[0];
    h.sandbox.clock.advance(60_000);
    const res = await h.call('PUT', '/Invoices?unitdp=4', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { ContactID: contactId },
          Status: 'AUTHORISED',
          DueDate: '2024-02-29',
          LineItems: [{ ItemCode: 'tracked-1', Quantity: 2 }],
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.Invoices[0].LineItems[0]).toMatchObject({
      ItemCode: 'TRACKED-1',
      Description: 'Tracked widget',
      UnitAmount: 50,
      AccountCode: '200',
      TaxType: 'OUTPUT2',
      LineAmount: 100,
    });
    expect(res.json.Invoices[0].Total).toBe(115);
    expect((await h.call('GET', '/Items/TRACKED-1')).json.Items[0]).toEqual(before);
  });

  it('shows any change to a tracked item through its UpdatedDateUTC', async () => {
    const before = (await h.call('GET', '/Items/TRACKED-1')).json.Items[0];
    h.sandbox.clock.advance(60_000);
    await h.call('POST', '/Items/TRACKED-1', { Items: [{ Code: 'TRACKED-1', Name: 'Renamed' }] });
    const after = (await h.call('GET', '/Items/TRACKED-1')).json.Items[0];
    expect(after).toMatchObject({ Name: 'Renamed', IsTrackedAsInventory: true, QuantityOnHand: 100 });
    expect(after.UpdatedDateUTC).not.toBe(before.UpdatedDateUTC);
  });

  it('creates a tracked item like the spec example', async () => {
    const res = await h.call('PUT', '/Items?unitdp=4', { Items: [trackedItem] });
    expect(res.status).toBe(200);
    expect(res.json.Items[0]).toMatchObject({
      Code: 'GUITAR-1',
      IsTrackedAsInventory: true,
      QuantityOnHand: 0,
      TotalCostPool: 0,
    });
  });

  it('needs an active INVENTORY asset account and a COGS account for a tracked item', async () => {
    const res = await h.call('PUT', '/Items?summarizeErrors=false', {
      Items: [
        { ...trackedItem, Code: 'T-1', InventoryAssetAccountCode: '610' },
        { ...trackedItem, Code: 'T-2', PurchaseDetails: { UnitPrice: 250, TaxType: 'INPUT2' } },
        { ...trackedItem, Code: 'T-3', PurchaseDetails: { COGSAccountCode: '999' } },
      ],
    });
    expect(res.json.Items.map((i: { ValidationErrors: Array<{ Message: string }> }) => i.ValidationErrors)).toEqual([
      [{ Message: "InventoryAssetAccountCode '610' must be an active account of type INVENTORY." }],
      [{ Message: 'A COGSAccountCode in PurchaseDetails is required to track an item as inventory.' }],
      [{ Message: "Account code '999' is not a valid code for this document." }],
    ]);
    expect(
      validationMessages(await h.call('PUT', '/Items', { Items: [{ ...trackedItem, IsPurchased: false }] })),
    ).toEqual(['A COGSAccountCode in PurchaseDetails is required to track an item as inventory.']);
  });
});
