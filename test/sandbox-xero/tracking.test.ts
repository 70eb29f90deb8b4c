import { createContact, salesLine, startHarness, validationMessages, type Harness } from './helpers';

// Tracking on lines: category and option by name (any case) or ID, both ACTIVE, at most two categories per line.

let h: Harness;
let contactId: string;
beforeAll(async () => {
  h = await startHarness({
    tenants: [
      {
        name: 'Tracking Org',
        customize: (ref) => {
          ref.trackingCategories.push(
            {
              TrackingCategoryID: '6a1d7c1e-2b3f-4a5b-8c9d-0e1f2a3b4c5d',
              Name: 'Store',
              Status: 'ACTIVE',
              Options: [
                { TrackingOptionID: '7b2e8d2f-3c4a-4b6c-9d0e-1f2a3b4c5d6e', Name: 'Web shop', Status: 'ACTIVE' },
                { TrackingOptionID: '8c3f9e3a-4d5b-4c7d-8e1f-2a3b4c5d6e7f', Name: 'Old shop', Status: 'DELETED' },
              ],
            },
            {
              TrackingCategoryID: '9d4a0f4b-5e6c-4d8e-9f2a-3b4c5d6e7f80',
              Name: 'Channel',
              Status: 'ARCHIVED',
              Options: [{ TrackingOptionID: 'ae5b1a5c-6f7d-4e9f-8a3b-4c5d6e7f8091', Name: 'Retail', Status: 'ACTIVE' }],
            },
          );
        },
      },
    ],
  });
  contactId = await createContact(h, 'Acme Widgets Ltd');
});
afterAll(() => h.sandbox.close());

const withTracking = (tracking: unknown[]) =>
  h.call('PUT', '/Invoices', {
    Invoices: [
      { Type: 'ACCREC', Contact: { ContactID: contactId }, LineItems: [salesLine('x', 1, 10, { Tracking: tracking })] },
    ],
  });

describe('tracking options on lines', () => {
  it('resolves category and option names in any case and returns the stored names and IDs', async () => {
    const res = await withTracking([
      { Name: 'region', Option: 'NORTH' },
      { Name: 'STORE', Option: 'web SHOP' },
    ]);
    expect(res.status).toBe(200);
    expect(res.json.Invoices[0].LineItems[0].Tracking).toEqual([
      expect.objectContaining({ Name: 'Region', Option: 'North', TrackingOptionID: expect.any(String) }),
      {
        Name: 'Store',
        Option: 'Web shop',
        TrackingCategoryID: '6a1d7c1e-2b3f-4a5b-8c9d-0e1f2a3b4c5d',
        TrackingOptionID: '7b2e8d2f-3c4a-4b6c-9d0e-1f2a3b4c5d6e',
      },
    ]);
  });

  it('resolves a category and option given by IDs', async () => {
    const res = await withTracking([
      {
        TrackingCategoryID: '6a1d7c1e-2b3f-4a5b-8c9d-0e1f2a3b4c5d',
        TrackingOptionID: '7b2e8d2f-3c4a-4b6c-9d0e-1f2a3b4c5d6e',
      },
    ]);
    expect(res.json.Invoices[0].LineItems[0].Tracking[0]).toMatchObject({ Name: 'Store', Option: 'Web shop' });
  });

  it('refuses the seeded archived option Central, which GET lists only with includeArchived', async () => {
    const res = await withTracking([{ Name: 'Region', Option: 'central' }]);
    expect(res.status).toBe(400);
    expect(validationMessages(res)).toEqual([
      "The tracking option 'Central' in the tracking category 'Region' has been archived.",
    ]);
    const region = async (query: string) =>
      (await h.call('GET', `/TrackingCategories${query}`)).json.TrackingCategories[0].Options.map(
        (o: { Name: string }) => o.Name,
      );
    expect(await region('')).toEqual(['North', 'South']);
    expect(await region('?includeArchived=true')).toEqual(['North', 'South', 'Central']);
  });

  it('refuses an archived category, and treats a deleted option as missing', async () => {
    expect(validationMessages(await withTracking([{ Name: 'Channel', Option: 'Retail' }]))).toEqual([
      "The tracking category 'Channel' has been archived.",
    ]);
    expect(validationMessages(await withTracking([{ Name: 'Store', Option: 'Old shop' }]))).toEqual([
      "The tracking option 'Old shop' does not exist in the tracking category 'Store'.",
    ]);
  });

  it('allows at most two entries per line, and one option per category', async () => {
    const three = await withTracking([
      { Name: 'Region', Option: 'North' },
      { Name: 'Store', Option: 'Web shop' },
      { Name: 'Region', Option: 'South' },
    ]);
    expect(validationMessages(three)).toEqual(['A line item can have at most 2 tracking categories.']);
    const twice = await withTracking([
      { Name: 'Region', Option: 'North' },
      { Name: 'region', Option: 'South' },
    ]);
    expect(validationMessages(twice)).toEqual([
      "The tracking category 'Region' is used more than once on a line item.",
    ]);
    expect(h.sandbox.state.invoices()).toHaveLength(2);
  });
});
