import type { AccountingApi, Contacts, Invoices, Items, Quotes } from 'xero-node';
import { createAccountingCaller, type AccountingCallerOptions } from './accounting-call';
import { createBatchedCreate, type BatchEndpoint } from './batched-create';
import { elementFailed, rejectFailedElements } from './element-answers';
import { elementMessages, XeroValidationError } from './errors';
import { createMoneyOperations, type XeroMoneyOperations } from './money-operations';
import { SUMMARIZE_ERRORS, UNIT_DP } from './request-constants';
import { fitsWhereString, whereEquals } from './where-literal';
import { canonicalRequestBody, toSdkEnvelope, toWire, type EnvelopeType } from './wire';
import type {
  WireAccount,
  WireBrandingTheme,
  WireContact,
  WireCurrency,
  WireInvoice,
  WireItem,
  WireOrganisation,
  WireQuote,
  WireTaxRate,
  WireTrackingCategory,
} from './wire-types';

const DEAD_INVOICE_STATUSES = new Set(['VOIDED', 'DELETED']);
/** Xero's default page size, and how many pages a lookup reads at most. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;
const CODES_PER_QUERY = 25;

/** How Xero answered one item of a `createItemsEach` batch: created, or refused with its validation messages. */
export interface ItemCreateResult {
  code: string;
  created: boolean;
  messages: string[];
}

/** The Accounting API operations the sync needs, in Xero wire format (PascalCase JSON). */
export interface XeroAccountingClient extends XeroMoneyOperations {
  /** Contacts matching a `where` filter or a free-text search (Name, names, ContactNumber, email). */
  getContacts(storeId: string, query: { where?: string; searchTerm?: string; page?: number }): Promise<WireContact[]>;
  /** Creates one contact (PUT /Contacts). */
  createContact(storeId: string, contact: WireContact, idempotencyKey?: string): Promise<WireContact>;
  /** Items whose Code equals one of `codes` (compared case-insensitively, as Xero does). */
  getItemsByCode(storeId: string, codes: readonly string[]): Promise<WireItem[]>;
  /** Creates items (PUT /Items, unitdp=4). */
  createItems(storeId: string, items: readonly WireItem[], idempotencyKey?: string): Promise<WireItem[]>;
  /** Creates the valid items of a batch (PUT /Items, summarizeErrors=false) and says per item how Xero answered. */
  createItemsEach(storeId: string, items: readonly WireItem[], idempotencyKey?: string): Promise<ItemCreateResult[]>;
  /** Live (not VOIDED/DELETED) ACCREC invoices exactly matching the given numbers and/or reference, with lines. */
  findInvoices(
    storeId: string,
    query: { invoiceNumbers?: readonly string[]; reference?: string },
  ): Promise<WireInvoice[]>;
  /** Live (not DELETED) quotes exactly matching the number and/or reference; a reference-only search scans pages. */
  findQuotes(
    storeId: string,
    query: { quoteNumber?: string; reference?: string; modifiedSince?: Date },
  ): Promise<WireQuote[]>;
  /**
   * Creates one invoice with PUT (never POST, which can update), summarizeErrors=true, unitdp=4. With `mayBatch`
   * it may share one request with other invoices of the store waiting for the same permit (docs/xero-batching.md).
   */
  createInvoice(
    storeId: string,
    invoice: WireInvoice,
    idempotencyKey: string,
    options?: { mayBatch?: boolean },
  ): Promise<WireInvoice>;
  /** Creates one quote with PUT, summarizeErrors=true. */
  createQuote(storeId: string, quote: WireQuote, idempotencyKey: string): Promise<WireQuote>;
  /** The organisation's tax rates. */
  getTaxRates(storeId: string): Promise<WireTaxRate[]>;
  /** The chart of accounts, optionally filtered with `where`. */
  getAccounts(storeId: string, where?: string): Promise<WireAccount[]>;
  /** The connected organisation. */
  getOrganisation(storeId: string): Promise<WireOrganisation>;
  /** Invoice branding themes. */
  getBrandingThemes(storeId: string): Promise<WireBrandingTheme[]>;
  /** Currencies the organisation has added. */
  getCurrencies(storeId: string): Promise<WireCurrency[]>;
  /** Tracking categories and their options. */
  getTrackingCategories(storeId: string): Promise<WireTrackingCategory[]>;
}

/** PUT /Invoices as a batchable endpoint: unitdp=4, answers matched by InvoiceNumber. */
const INVOICE_ENDPOINT: BatchEndpoint<WireInvoice> = {
  envelope: 'Invoices',
  what: 'PUT /Invoices',
  identityOf: (invoice) => invoice.InvoiceNumber || undefined,
  send: (api, tenant, body, summarizeErrors, idempotencyKey) =>
    api.createInvoices(tenant, toSdkEnvelope<Invoices>('Invoices', body), summarizeErrors, UNIT_DP, idempotencyKey),
};

/** Creates the Accounting client over xero-node's AccountingApi with a configurable base path. */
export function createAccountingClient(options: AccountingCallerOptions): XeroAccountingClient {
  const call = createAccountingCaller(options);
  const createInvoiceBatched = createBatchedCreate(call, INVOICE_ENDPOINT);

  async function create<W extends object>(
    storeId: string,
    envelope: EnvelopeType,
    documents: readonly W[],
    send: (tenantId: string, body: string, api: AccountingApi) => Promise<{ body: unknown }>,
  ): Promise<W[]> {
    const body = canonicalRequestBody(envelope, documents);
    const result = await call(storeId, `PUT /${envelope}`, (api, tenantId) => send(tenantId, body, api));
    const created = toWire<Record<string, W[] | undefined>>(result, envelope)[envelope] ?? [];
    rejectFailedElements(created);
    return created;
  }

  return {
    ...createMoneyOperations(call),

    async getContacts(storeId, query) {
      const result = await call(storeId, 'GET /Contacts', (api, tenant) =>
        api.getContacts(
          tenant,
          undefined,
          query.where,
          undefined,
          undefined,
          query.page,
          false,
          undefined,
          query.searchTerm,
        ),
      );
      return toWire<{ Contacts?: WireContact[] }>(result, 'Contacts').Contacts ?? [];
    },

    async createContact(storeId, contact, idempotencyKey) {
      const [created] = await create(storeId, 'Contacts', [contact], (tenant, body, api) =>
        api.createContacts(tenant, toSdkEnvelope<Contacts>('Contacts', body), SUMMARIZE_ERRORS, idempotencyKey),
      );
      return created;
    },

    async getItemsByCode(storeId, codes) {
      const wanted = new Set(codes.map((code) => code.toLowerCase()));
      const unique = [...new Set(codes)];
      // A code holding `"` cannot go into a where filter: then read the whole list (GET /Items has no paging).
      const filters = unique.every(fitsWhereString)
        ? chunks(unique, CODES_PER_QUERY).map((chunk) => chunk.map((code) => whereEquals('Code', code)).join(' OR '))
        : [undefined];
      const found: WireItem[] = [];
      for (const where of filters) {
        const result = await call(storeId, 'GET /Items', (api, tenant) =>
          api.getItems(tenant, undefined, where, undefined, UNIT_DP),
        );
        found.push(...(toWire<{ Items?: WireItem[] }>(result, 'Items').Items ?? []));
      }
      return found.filter((item) => item.Code !== undefined && wanted.has(item.Code.toLowerCase()));
    },

    createItems(storeId, items, idempotencyKey) {
      return create(storeId, 'Items', items, (tenant, body, api) =>
        api.createItems(tenant, toSdkEnvelope<Items>('Items', body), SUMMARIZE_ERRORS, UNIT_DP, idempotencyKey),
      );
    },

    async createItemsEach(storeId, items, idempotencyKey) {
      const body = canonicalRequestBody('Items', items);
      const result = await call(storeId, 'PUT /Items', (api, tenant) =>
        api.createItems(tenant, toSdkEnvelope<Items>('Items', body), false, UNIT_DP, idempotencyKey),
      );
      const answered = toWire<{ Items?: Array<WireItem & Record<string, unknown>> }>(result, 'Items').Items ?? [];
      // Xero answers every element in request order, the refused ones echoing their Code.
      return items.map((item, i) => {
        const answer = answered[i];
        const failed = !answer || elementFailed(answer);
        return { code: item.Code ?? '', created: !failed, messages: answer ? elementMessages(answer) : [] };
      });
    },

    async findInvoices(storeId, query) {
      const numbers = query.invoiceNumbers?.length ? [...query.invoiceNumbers] : undefined;
      const { reference } = query;
      // A Reference holding `"` cannot go into a where filter: search its text and keep the exact matches below.
      const byText = reference !== undefined && !fitsWhereString(reference);
      const where = reference === undefined || byText ? undefined : whereEquals('Reference', reference);
      const invoices: WireInvoice[] = [];
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const result = await call(storeId, 'GET /Invoices', (api, tenant) =>
          // A page makes Xero include line items; unitdp=4 keeps unit amounts unrounded.
          api.getInvoices(
            tenant,
            undefined,
            where,
            undefined,
            undefined,
            numbers,
            undefined,
            undefined,
            page,
            undefined,
            undefined,
            UNIT_DP,
            undefined,
            undefined,
            byText ? reference : undefined,
          ),
        );
        const found = toWire<{ Invoices?: WireInvoice[] }>(result, 'Invoices').Invoices ?? [];
        invoices.push(...found);
        if (found.length < PAGE_SIZE) break;
      }
      return invoices.filter(
        (invoice) =>
          invoice.Type === 'ACCREC' &&
          !DEAD_INVOICE_STATUSES.has(invoice.Status ?? '') &&
          (numbers === undefined || numbers.includes(invoice.InvoiceNumber ?? '')) &&
          (query.reference === undefined || invoice.Reference === query.reference),
      );
    },

    async findQuotes(storeId, query) {
      const matches: WireQuote[] = [];
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const result = await call(storeId, 'GET /Quotes', (api, tenant) =>
          api.getQuotes(
            tenant,
            query.modifiedSince,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            page,
            undefined,
            query.quoteNumber,
          ),
        );
        const quotes = toWire<{ Quotes?: WireQuote[] }>(result, 'Quotes').Quotes ?? [];
        matches.push(
          ...quotes.filter(
            (quote) =>
              quote.Status !== 'DELETED' &&
              (query.quoteNumber === undefined || quote.QuoteNumber === query.quoteNumber) &&
              (query.reference === undefined || quote.Reference === query.reference),
          ),
        );
        if (quotes.length < PAGE_SIZE) break;
      }
      return matches;
    },

    async createInvoice(storeId, invoice, idempotencyKey, createOptions) {
      if (createOptions?.mayBatch) return createInvoiceBatched(storeId, { document: invoice, idempotencyKey });
      const [created] = await create(storeId, 'Invoices', [invoice], (tenant, body, api) =>
        INVOICE_ENDPOINT.send(api, tenant, body, SUMMARIZE_ERRORS, idempotencyKey),
      );
      return created;
    },

    async createQuote(storeId, quote, idempotencyKey) {
      const [created] = await create(storeId, 'Quotes', [quote], (tenant, body, api) =>
        api.createQuotes(tenant, toSdkEnvelope<Quotes>('Quotes', body), SUMMARIZE_ERRORS, idempotencyKey),
      );
      return created;
    },

    async getTaxRates(storeId) {
      const result = await call(storeId, 'GET /TaxRates', (api, tenant) => api.getTaxRates(tenant));
      return toWire<{ TaxRates?: WireTaxRate[] }>(result, 'TaxRates').TaxRates ?? [];
    },

    async getAccounts(storeId, where) {
      const result = await call(storeId, 'GET /Accounts', (api, tenant) => api.getAccounts(tenant, undefined, where));
      return toWire<{ Accounts?: WireAccount[] }>(result, 'Accounts').Accounts ?? [];
    },

    async getOrganisation(storeId) {
      const result = await call(storeId, 'GET /Organisation', (api, tenant) => api.getOrganisations(tenant));
      const [organisation] =
        toWire<{ Organisations?: WireOrganisation[] }>(result, 'Organisations').Organisations ?? [];
      if (!organisation) throw new XeroValidationError(['Xero returned no organisation for this tenant']);
      return organisation;
    },

    async getBrandingThemes(storeId) {
      const result = await call(storeId, 'GET /BrandingThemes', (api, tenant) => api.getBrandingThemes(tenant));
      return toWire<{ BrandingThemes?: WireBrandingTheme[] }>(result, 'BrandingThemes').BrandingThemes ?? [];
    },

    async getCurrencies(storeId) {
      const result = await call(storeId, 'GET /Currencies', (api, tenant) => api.getCurrencies(tenant));
      return toWire<{ Currencies?: WireCurrency[] }>(result, 'Currencies').Currencies ?? [];
    },

    async getTrackingCategories(storeId) {
      const result = await call(storeId, 'GET /TrackingCategories', (api, tenant) => api.getTrackingCategories(tenant));
      return (
        toWire<{ TrackingCategories?: WireTrackingCategory[] }>(result, 'TrackingCategories').TrackingCategories ?? []
      );
    },
  };
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
