import { startHarness, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.sandbox.close());

const widget = {
  Code: 'WIDGET-1',
  Name: 'Blue widget',
  Description: 'Blue widget, 10 cm',
  SalesDetails: { UnitPrice: 12.3456, AccountCode: '200', TaxType: 'OUTPUT2' },
  PurchaseDetails: { UnitPrice: 7.25, AccountCode: '300', TaxType: 'INPUT2' },
};

describe('Items', () => {
  it('creates an item; UnitPrice keeps 4 dp only with unitdp=4', async () => {
    const res = await h.call('PUT', '/Items?unitdp=4', { Items: [widget] });
    expect(res.status).toBe(200);
    expect(res.json.Items[0]).toMatchObject({
      Code: 'WIDGET-1',
      Name: 'Blue widget',
      IsSold: true,
      IsPurchased: true,
      IsTrackedAsInventory: false,
      SalesDetails: { UnitPrice: 12.3456, AccountCode: '200', TaxType: 'OUTPUT2' },
      ValidationErrors: [],
    });
    expect((await h.call('GET', '/Items/WIDGET-1')).json.Items[0].SalesDetails.UnitPrice).toBe(12.35);
    expect((await h.call('GET', '/Items/WIDGET-1?unitdp=4')).json.Items[0].SalesDetails.UnitPrice).toBe(12.3456);
  });

  it('rejects a duplicate code with the spec message (doubled quotes included)', async () => {
    await h.call('PUT', '/Items', { Items: [widget] });
    const res = await h.call('PUT', '/Items', { Items: [{ Code: 'WIDGET-1', Name: 'Again' }] });
    expect(res.status).toBe(400);
    expect(res.json.Elements[0].ValidationErrors).toEqual([
      { Message: "Price List Item with Code ''WIDGET-1'' already exists" },
    ]);
  });

  it('with summarized errors a taken code answers 400 while the other items of the batch are created', async () => {
    await h.call('PUT', '/Items', { Items: [widget] });
    const res = await h.call('PUT', '/Items?summarizeErrors=true', {
      Items: [
        { Code: 'WIDGET-1', Name: 'Again' },
        { Code: 'GADGET-2', Name: 'Gadget' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.json.Elements).toHaveLength(1);
    expect(h.sandbox.state.items().map((i) => i.Code)).toEqual(expect.arrayContaining(['WIDGET-1', 'GADGET-2']));
    expect(h.sandbox.state.items().filter((i) => i.Code === 'WIDGET-1')).toHaveLength(1);
  });

  it('requires Code, limits Code to 30 and Name to 50 characters', async () => {
    const res = await h.call('PUT', '/Items?summarizeErrors=false', {
      Items: [
        { Name: 'no code' },
        { Code: 'X'.repeat(31) },
        { Code: 'OK', Name: 'N'.repeat(51) },
        { Code: 'FINE', Name: 'N'.repeat(50) },
      ],
    });
    expect(res.status).toBe(200);
    const statuses = res.json.Items.map((i: { StatusAttributeString: string }) => i.StatusAttributeString);
    expect(statuses).toEqual(['ERROR', 'ERROR', 'ERROR', 'OK']);
    expect(res.json.Items[0].ValidationErrors[0].Message).toMatch(/Code/);
    expect(res.json.Items[1].ValidationErrors[0].Message).toMatch(/30/);
    expect(res.json.Items[2].ValidationErrors[0].Message).toMatch(/50/);
  });

  it('finds items with where Code=="X", by ItemID and by Code; GET has no paging', async () => {
    const id = (await h.call('PUT', '/Items', { Items: [widget, { Code: 'GADGET', Name: 'Gadget' }] })).json.Items[0]
      .ItemID;
    const byWhere = await h.call('GET', `/Items?where=${encodeURIComponent('Code=="widget-1"')}`);
    expect(byWhere.json.Items.map((i: { ItemID: string }) => i.ItemID)).toEqual([id]);
    expect((await h.call('GET', `/Items/${id}`)).json.Items[0].Code).toBe('WIDGET-1');
    const all = await h.call('GET', '/Items?page=1');
    expect(all.json.Items.map((i: { Code: string }) => i.Code)).toEqual(['TRACKED-1', 'WIDGET-1', 'GADGET']);
    expect(all.json.pagination).toBeUndefined();
  });

  it('updates with POST /Items/{id}; IsSold=false drops the sales details', async () => {
    const id = (await h.call('PUT', '/Items', { Items: [widget] })).json.Items[0].ItemID;
    const res = await h.call('POST', `/Items/${id}`, { Items: [{ Code: 'WIDGET-1', Name: 'Renamed', IsSold: false }] });
    expect(res.json.Items[0]).toMatchObject({ ItemID: id, Name: 'Renamed', IsSold: false, SalesDetails: {} });
    expect(res.json.Items[0].Description).toBeUndefined();
  });

  it('validates item account codes and tax types', async () => {
    const res = await h.call('PUT', '/Items', {
      Items: [{ Code: 'BAD', SalesDetails: { AccountCode: '999', TaxType: 'NOPE' } }],
    });
    expect(res.status).toBe(400);
    expect(res.json.Elements[0].ValidationErrors.map((e: { Message: string }) => e.Message)).toEqual([
      "Account code '999' is not a valid code for this document.",
      "The TaxType code 'NOPE' does not exist or cannot be used with this type of transaction.",
    ]);
  });
});
