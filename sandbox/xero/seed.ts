import { newId } from './ids';
import type { Account, Currency, ReferenceData, TenantData } from './model';
import { seededItems } from './seed-items';
import { taxRate } from './seed-tax';

export { effectiveRate, taxRate } from './seed-tax';

/** How a tenant is described in XeroSandboxOptions.tenants. */
export interface TenantOptions {
  tenantId?: string;
  name: string;
  baseCurrency?: string;
  /** Edits the seeded reference data (tax rates, accounts, currencies, …) of this tenant before it starts. */
  customize?: (reference: ReferenceData) => void;
}

/** The single organisation used when no tenants are configured. */
export const DEFAULT_TENANTS: TenantOptions[] = [{ name: 'Demo Company (NZ)', baseCurrency: 'NZD' }];

const CURRENCY_NAMES: Record<string, string> = {
  NZD: 'New Zealand Dollar',
  USD: 'United States Dollar',
  AUD: 'Australian Dollar',
  EUR: 'Euro',
  GBP: 'British Pound',
  JPY: 'Japanese Yen',
};

/** Builds an account with sensible defaults for the optional fields. */
export function account(
  Code: string,
  Name: string,
  Type: string,
  Class: Account['Class'],
  TaxType: string,
  more: Partial<Account> = {},
): Account {
  return {
    AccountID: newId(),
    Code,
    Name,
    Type,
    Class,
    TaxType,
    Status: 'ACTIVE',
    EnablePaymentsToAccount: false,
    ShowInExpenseClaims: false,
    HasAttachments: false,
    AddToWatchlist: false,
    ...more,
  };
}

/** The NZ demo-organisation settings every tenant starts with (see docs/sandbox-xero.md). */
export function defaultReferenceData(tenantId: string, name: string, baseCurrency: string, now: number): ReferenceData {
  const currencies: Currency[] = [baseCurrency, 'NZD', 'USD', 'AUD', 'EUR', 'GBP', 'JPY']
    .filter((code, i, all) => all.indexOf(code) === i)
    .map((Code) => ({ Code, Description: CURRENCY_NAMES[Code] ?? Code }));
  return {
    organisation: {
      OrganisationID: tenantId,
      Name: name,
      LegalName: name,
      ShortCode: `!${tenantId.slice(0, 5)}`,
      Version: 'NZ',
      OrganisationType: 'COMPANY',
      BaseCurrency: baseCurrency,
      CountryCode: 'NZ',
      IsDemoCompany: true,
      OrganisationStatus: 'ACTIVE',
      PaysTax: true,
      SalesTaxBasis: 'INVOICE',
      SalesTaxPeriod: 'TWOMONTHS',
      DefaultSalesTax: 'Tax Exclusive',
      DefaultPurchasesTax: 'Tax Inclusive',
      FinancialYearEndDay: 31,
      FinancialYearEndMonth: 3,
      Timezone: 'NEWZEALANDSTANDARDTIME',
      OrganisationEntityType: 'COMPANY',
      Class: 'DEMO',
      Edition: 'BUSINESS',
      CreatedDateUTC: now,
    },
    taxRates: [
      taxRate('OUTPUT2', '15% GST on Income', 'OUTPUT', [{ Name: 'GST', Rate: 15 }]),
      taxRate('INPUT2', '15% GST on Expenses', 'INPUT', [{ Name: 'GST', Rate: 15 }]),
      taxRate('NONE', 'No GST', 'NONE', [{ Name: 'GST', Rate: 0 }]),
      taxRate('ZERORATED', 'Zero Rated', 'ZERORATEDOUTPUT', [{ Name: 'GST', Rate: 0 }]),
      taxRate('EXEMPTOUTPUT', 'Exempt Sales', 'EXEMPTOUTPUT', [{ Name: 'GST', Rate: 0 }]),
      taxRate('TAX001', 'GST plus compound levy', 'OUTPUT', [
        { Name: 'GST', Rate: 15 },
        { Name: 'Levy', Rate: 2, IsCompound: true },
      ]),
      taxRate('TAX002', 'Old 12.5% GST', 'OUTPUT', [{ Name: 'GST', Rate: 12.5 }], 'DELETED'),
    ],
    accounts: [
      account('090', 'Business Bank Account', 'BANK', 'ASSET', 'NONE', {
        BankAccountNumber: '0102030405060708',
        BankAccountType: 'BANK',
        CurrencyCode: baseCurrency,
      }),
      account('200', 'Sales', 'REVENUE', 'REVENUE', 'OUTPUT2'),
      account('210', 'Old Sales (archived)', 'REVENUE', 'REVENUE', 'OUTPUT2', { Status: 'ARCHIVED' }),
      account('260', 'Other Revenue', 'REVENUE', 'REVENUE', 'OUTPUT2'),
      account('300', 'Purchases', 'DIRECTCOSTS', 'EXPENSE', 'INPUT2'),
      account('310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'EXPENSE', 'INPUT2'),
      account('400', 'Advertising', 'OVERHEADS', 'EXPENSE', 'INPUT2'),
      account('610', 'Accounts Receivable', 'CURRENT', 'ASSET', 'NONE', { SystemAccount: 'DEBTORS' }),
      // A current asset that takes payments (e.g. a payment gateway's clearing account before payout).
      account('615', 'Payment Gateway Clearing', 'CURRENT', 'ASSET', 'NONE', { EnablePaymentsToAccount: true }),
      account('630', 'Inventory', 'INVENTORY', 'ASSET', 'NONE'),
      account('820', 'GST', 'CURRLIAB', 'LIABILITY', 'NONE', { SystemAccount: 'GST' }),
      account('860', 'Rounding', 'CURRLIAB', 'LIABILITY', 'NONE', { SystemAccount: 'ROUNDING' }),
    ],
    currencies,
    brandingThemes: [
      { BrandingThemeID: newId(), Name: 'Standard', SortOrder: 0, Type: 'INVOICE', CreatedDateUTC: now },
    ],
    trackingCategories: [
      {
        TrackingCategoryID: newId(),
        Name: 'Region',
        Status: 'ACTIVE',
        Options: [
          { TrackingOptionID: newId(), Name: 'North', Status: 'ACTIVE' },
          { TrackingOptionID: newId(), Name: 'South', Status: 'ACTIVE' },
          { TrackingOptionID: newId(), Name: 'Central', Status: 'ARCHIVED' },
        ],
      },
    ],
  };
}

/** Creates the empty organisation for one configured tenant, with its seeded reference data. */
export function createTenant(options: TenantOptions, now: number): TenantData {
  const tenantId = options.tenantId ?? newId();
  const reference = defaultReferenceData(tenantId, options.name, options.baseCurrency ?? 'NZD', now);
  options.customize?.(reference);
  return {
    tenantId,
    name: options.name,
    reference,
    contacts: new Map(),
    items: new Map(seededItems(now).map((item) => [item.ItemID, item])),
    invoices: new Map(),
    quotes: new Map(),
    creditNotes: new Map(),
    payments: new Map(),
    allocations: new Map(),
    counters: { invoice: 0, quote: 0, creditNote: 0 },
  };
}
