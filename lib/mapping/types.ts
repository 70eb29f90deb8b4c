import type { WireContact, WireInvoice, WireItem, WireQuote } from './wire';

/** A Xero tax rate as GET /TaxRates returns it (EffectiveRate in percent). */
export interface XeroTaxRate {
  TaxType: string;
  EffectiveRate: number;
  Status: string;
}

/** A Xero account as GET /Accounts returns it (only what the mapping checks). */
export interface XeroAccount {
  Code: string;
  Status: string;
}

/** A Xero tracking category with its options, as GET /TrackingCategories returns it. */
export interface XeroTrackingCategory {
  Name: string;
  Status: string;
  Options: Array<{ Name: string; Status: string }>;
}

/** What the mapping needs to know about the connected Xero organisation. */
export interface XeroOrgContext {
  taxRates: XeroTaxRate[];
  baseCurrency: string;
  /** When given, account codes the document uses are checked (archived, deleted or unknown codes warn). */
  accounts?: XeroAccount[];
  /** When given, tracking options are checked; a missing option is left off the line with a warning. */
  trackingCategories?: XeroTrackingCategory[];
}

/** The store and organisation an order is mapped for. */
export interface MappingContext {
  storeId: string;
  storeUrl: string;
  org: XeroOrgContext;
  /** Category slugs per product or variation id (order lines carry no categories), for `accounts.byCategory`. */
  productCategories?: Readonly<Record<number, readonly string[]>>;
}

/** A field a contact can be looked up by in Xero. */
export type ContactMatchField = 'email' | 'name' | 'company';

/** Xero's totals for a document, as fixed-point strings. */
export interface ComputedTotals {
  subTotal: string;
  totalTax: string;
  total: string;
  roundingAdjustment: string;
}

/** The kinds of Xero document an order becomes (each created exactly once per order). */
export type DocumentKind = 'invoice' | 'quote';

/** Everything an activity needs to create the Xero document for one order. */
export interface XeroDocumentPlan {
  kind: DocumentKind;
  contact: {
    /**
     * What to look the contact up by: `order` lists the fields to try, in the merchant's order (`contacts.matchOrder`);
     * `email` is lower-cased, `name` is the contact name, `company` the billing company (absent when empty).
     */
    match: { email?: string; name: string; company?: string; order: ContactMatchField[] };
    create: WireContact;
    /** Deterministic alternative name for when another contact already holds `create.Name`. */
    disambiguatedName: string;
  };
  /**
   * Items to create when missing before the document is created, deduplicated by Code (empty when
   * `items.createMissing` is false). Existing items are never updated: inventory-tracked items, prices and accounts
   * belong to the merchant.
   */
  items: WireItem[];
  /** The document to PUT, without Contact. */
  document: WireInvoice | WireQuote;
  /** Deterministic identity per store and order, used to find the document again. */
  identity: { invoiceNumber?: string; quoteNumber?: string; reference: string };
  /** The WooCommerce order total the Xero document must equal. */
  expectedTotal: string;
  /** What Xero will compute for `document`, by its per-line rules. */
  computed: ComputedTotals;
  warnings: string[];
}
