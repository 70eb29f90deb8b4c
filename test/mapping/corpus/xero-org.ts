import { account, taxRate } from '../../../sandbox/xero/seed';
import { authorizeSandbox, startXeroSandbox, type XeroSandbox } from '../../../sandbox/xero';
import type { MappingContext, XeroDocumentPlan, XeroOrgContext } from '../../../lib/mapping';

/** The BrandingThemeID of the corpus organisation's second theme. */
export const WOO_THEME_ID = '0f3c2a9e-5b7d-4e21-9a8c-7d6e5f4a3b21';

/** What Xero answered for a created document. */
export interface XeroCreateAnswer {
  status: number;
  body: {
    Total?: number;
    SubTotal?: number;
    TotalTax?: number;
    Status?: string;
    BrandingThemeID?: string;
    CurrencyCode?: string;
    LineItems?: Array<{ Tracking?: Array<{ Name: string; Option: string }>; LineAmount?: number }>;
    [field: string]: unknown;
  };
  errors: string[];
}

/** A sandbox Xero organisation set up for the corpus: extra tax rates, currencies, accounts, tracking and theme. */
export class CorpusXero {
  private readonly contacts = new Map<string, string>();
  private readonly nameHolders = new Map<string, string>();
  private readonly itemCodes = new Set<string>();

  private constructor(
    private readonly sandbox: XeroSandbox,
    private readonly token: string,
    private readonly tenantId: string,
  ) {}

  /** Starts the sandbox and connects to it through its OAuth flow. */
  static async start(): Promise<CorpusXero> {
    const sandbox = await startXeroSandbox({
      rateLimits: { perMinute: 100_000, perDay: 1_000_000, concurrent: 100 },
      tenants: [
        {
          name: 'Corpus Trading Ltd',
          baseCurrency: 'NZD',
          customize: (reference) => {
            reference.taxRates.push(
              taxRate('GST10', '10% GST', 'OUTPUT', [{ Name: 'GST', Rate: 10 }]),
              taxRate('TAX075', 'CA state tax', 'OUTPUT', [{ Name: 'State', Rate: 7.5 }]),
              taxRate('VAT20', '20% VAT', 'OUTPUT', [{ Name: 'VAT', Rate: 20 }]),
              taxRate('VAT5', '5% VAT', 'OUTPUT', [{ Name: 'VAT', Rate: 5 }]),
              taxRate('IVA19', '19% IVA', 'OUTPUT', [{ Name: 'IVA', Rate: 19 }]),
              taxRate('TAX8875', 'NYC sales tax', 'OUTPUT', [{ Name: 'Sales tax', Rate: 8.875 }]),
            );
            reference.accounts.push(
              account('270', 'Discounts given', 'REVENUE', 'REVENUE', 'OUTPUT2'),
              account('280', 'Book sales', 'REVENUE', 'REVENUE', 'OUTPUT2'),
              account('290', 'Shipping income', 'REVENUE', 'REVENUE', 'OUTPUT2'),
            );
            for (const Code of ['CLP', 'KWD', 'CAD']) reference.currencies.push({ Code, Description: Code });
            reference.brandingThemes.push({
              BrandingThemeID: WOO_THEME_ID,
              Name: 'Web shop',
              SortOrder: 1,
              Type: 'INVOICE',
              CreatedDateUTC: 0,
            });
            reference.trackingCategories.push({
              TrackingCategoryID: '6a1d7c1e-2b3f-4a5b-8c9d-0e1f2a3b4c5d',
              Name: 'Store',
              Status: 'ACTIVE',
              Options: [
                { TrackingOptionID: '7b2e8d2f-3c4a-4b6c-9d0e-1f2a3b4c5d6e', Name: 'Main web shop', Status: 'ACTIVE' },
              ],
            });
          },
        },
      ],
    });
    const tokens = await authorizeSandbox(sandbox);
    return new CorpusXero(sandbox, tokens.access_token, sandbox.tenantIds[0]!);
  }

  /** Stops the sandbox. */
  close(): Promise<void> {
    return this.sandbox.close();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Xero JSON, checked by the tests that read it
  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${this.sandbox.url}/api.xro/2.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'xero-tenant-id': this.tenantId,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  /** The organisation as the mapping sees it, read from the sandbox's reference-data endpoints. */
  async org(): Promise<XeroOrgContext> {
    const [taxRates, accounts, tracking, organisation] = await Promise.all([
      this.call('GET', '/TaxRates'),
      this.call('GET', '/Accounts'),
      this.call('GET', '/TrackingCategories'),
      this.call('GET', '/Organisation'),
    ]);
    return {
      taxRates: taxRates.json.TaxRates,
      accounts: accounts.json.Accounts,
      trackingCategories: tracking.json.TrackingCategories,
      baseCurrency: organisation.json.Organisations[0].BaseCurrency,
    };
  }

  /** A mapping context for this organisation. */
  async context(extra: Partial<MappingContext> = {}): Promise<MappingContext> {
    return { storeId: 'corpus', storeUrl: 'https://shop.example.com', org: await this.org(), ...extra };
  }

  // One contact per customer (email, else name); a name held by another customer takes the disambiguated name.
  private async contactId(plan: XeroDocumentPlan['contact']): Promise<string> {
    const key = plan.match.email ?? `name:${plan.match.name}`;
    const known = this.contacts.get(key);
    if (known !== undefined) return known;
    const holder = this.nameHolders.get(plan.create.Name.toLowerCase());
    const name = holder !== undefined && holder !== key ? plan.disambiguatedName : plan.create.Name;
    const created = await this.call('PUT', '/Contacts', { Contacts: [{ ...plan.create, Name: name }] });
    if (created.status !== 200) throw new Error(`contact refused: ${JSON.stringify(created.json)}`);
    const id = (created.json as { Contacts: Array<{ ContactID: string }> }).Contacts[0]!.ContactID;
    this.contacts.set(key, id);
    this.nameHolders.set(name.toLowerCase(), key);
    return id;
  }

  /** Creates the plan's contact, missing items and document in the sandbox, as the activities do. */
  async push(plan: XeroDocumentPlan): Promise<XeroCreateAnswer> {
    const contactId = await this.contactId(plan.contact);
    const missing = plan.items.filter((item) => !this.itemCodes.has(item.Code.toUpperCase()));
    if (missing.length > 0) {
      const items = await this.call('PUT', '/Items?unitdp=4', { Items: missing });
      if (items.status !== 200) throw new Error(`items refused: ${JSON.stringify(items.json)}`);
      missing.forEach((item) => this.itemCodes.add(item.Code.toUpperCase()));
    }
    const key = plan.kind === 'invoice' ? 'Invoices' : 'Quotes';
    const body = { [key]: [{ ...plan.document, Contact: { ContactID: contactId } }] };
    const res = await this.call('PUT', `/${key}?unitdp=4`, body);
    const errors: string[] = (res.json?.Elements ?? []).flatMap(
      (element: { ValidationErrors?: Array<{ Message: string }> }) =>
        (element.ValidationErrors ?? []).map((error) => error.Message),
    );
    return { status: res.status, body: res.json?.[key]?.[0] ?? {}, errors };
  }
}
