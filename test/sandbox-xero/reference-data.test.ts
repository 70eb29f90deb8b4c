import { startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    tenants: [
      { name: 'NZ Org' },
      {
        name: 'Custom Org',
        customize: (ref) => {
          ref.currencies.splice(1);
          ref.taxRates.push({
            ...ref.taxRates[0],
            TaxType: 'TAX003',
            Name: 'Custom 9%',
            EffectiveRate: 9,
            DisplayTaxRate: 9,
          });
        },
      },
    ],
  });
});
afterAll(() => h.sandbox.close());

const get = async (path: string, tenant = h.sandbox.tenantIds[0]) =>
  (await h.call('GET', path, undefined, { 'xero-tenant-id': tenant })).json;

describe('reference data', () => {
  it('seeds NZ tax rates including a compound custom rate and an inactive one', async () => {
    const rates = (await get('/TaxRates')).TaxRates;
    expect(rates.map((r: { TaxType: string }) => r.TaxType)).toEqual([
      'OUTPUT2',
      'INPUT2',
      'NONE',
      'ZERORATED',
      'EXEMPTOUTPUT',
      'TAX001',
      'TAX002',
    ]);
    expect(rates[0]).toMatchObject({
      Name: '15% GST on Income',
      EffectiveRate: 15,
      Status: 'ACTIVE',
      TaxComponents: [{ Name: 'GST', Rate: 15, IsCompound: false }],
      CanApplyToRevenue: true,
      CanApplyToExpenses: false,
    });
    expect(rates[1]).toMatchObject({ TaxType: 'INPUT2', CanApplyToRevenue: false, CanApplyToExpenses: true });
    expect(rates.find((r: { TaxType: string }) => r.TaxType === 'TAX001')).toMatchObject({
      EffectiveRate: 17.3,
      DisplayTaxRate: 17,
    });
    expect(
      (await get(`/TaxRates?where=${encodeURIComponent('Status=="DELETED"')}`)).TaxRates.map(
        (r: { TaxType: string }) => r.TaxType,
      ),
    ).toEqual(['TAX002']);
    expect((await get('/TaxRates/OUTPUT2')).TaxRates).toHaveLength(1);
  });

  it('seeds the chart of accounts: 200 Sales, 090 Bank, 860 Rounding, an archived revenue account', async () => {
    const accounts = (await get('/Accounts')).Accounts;
    const byCode = (code: string) => accounts.find((a: { Code: string }) => a.Code === code);
    expect(byCode('200')).toMatchObject({
      Name: 'Sales',
      Type: 'REVENUE',
      TaxType: 'OUTPUT2',
      Status: 'ACTIVE',
      Class: 'REVENUE',
    });
    expect(byCode('260')).toMatchObject({ Name: 'Other Revenue', Type: 'REVENUE' });
    expect(byCode('090')).toMatchObject({ Type: 'BANK', CurrencyCode: 'NZD' });
    expect(byCode('860')).toMatchObject({ Name: 'Rounding', SystemAccount: 'ROUNDING' });
    expect(byCode('400')).toMatchObject({ Class: 'EXPENSE' });
    expect(byCode('310')).toMatchObject({ Name: 'Cost of Goods Sold', Type: 'DIRECTCOSTS', TaxType: 'INPUT2' });
    expect(byCode('630')).toMatchObject({ Type: 'INVENTORY', Class: 'ASSET' });
    expect(byCode('210')).toMatchObject({ Status: 'ARCHIVED', Type: 'REVENUE' });
    const banks = (await get(`/Accounts?where=${encodeURIComponent('Status=="ACTIVE" AND Type=="BANK"')}`)).Accounts;
    expect(banks.map((a: { Code: string }) => a.Code)).toEqual(['090']);
    expect((await get(`/Accounts/${byCode('200').AccountID}`)).Accounts[0].Code).toBe('200');
  });

  it('serves Organisation, Organisation/Actions, Currencies, BrandingThemes and TrackingCategories', async () => {
    const org = (await get('/Organisation')).Organisations[0];
    expect(org).toMatchObject({
      OrganisationID: h.sandbox.tenantIds[0],
      Name: 'NZ Org',
      Version: 'NZ',
      CountryCode: 'NZ',
      BaseCurrency: 'NZD',
      OrganisationStatus: 'ACTIVE',
    });
    expect(org.CreatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    expect((await get('/Organisation/Actions')).Actions).toContainEqual({
      Name: 'CreateApprovedInvoice',
      Status: 'ALLOWED',
    });
    expect((await get('/Currencies')).Currencies.map((c: { Code: string }) => c.Code)).toEqual([
      'NZD',
      'USD',
      'AUD',
      'EUR',
      'GBP',
      'JPY',
    ]);
    expect((await get(`/Currencies?where=${encodeURIComponent('Code=="USD"')}`)).Currencies).toEqual([
      { Code: 'USD', Description: 'United States Dollar' },
    ]);
    const themes = (await get('/BrandingThemes')).BrandingThemes;
    expect(themes).toEqual([expect.objectContaining({ Name: 'Standard', SortOrder: 0, Type: 'INVOICE' })]);
    expect((await get(`/BrandingThemes/${themes[0].BrandingThemeID}`)).BrandingThemes).toHaveLength(1);
    const tracking = (await get('/TrackingCategories')).TrackingCategories;
    expect(tracking).toEqual([expect.objectContaining({ Name: 'Region', Status: 'ACTIVE' })]);
    expect(tracking[0].Options.map((o: { Name: string }) => o.Name)).toEqual(['North', 'South']);
  });

  it('lets each tenant customise its seed', async () => {
    const custom = h.sandbox.tenantIds[1];
    expect((await get('/Currencies', custom)).Currencies.map((c: { Code: string }) => c.Code)).toEqual(['NZD']);
    expect((await get('/TaxRates/TAX003', custom)).TaxRates[0].Name).toBe('Custom 9%');
    expect((await h.call('GET', '/TaxRates/TAX003')).status).toBe(404);
  });
});
