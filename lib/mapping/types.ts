import type { WireContact, WireInvoice, WireItem, WireQuote } from './wire';

/** A Xero tax rate as GET /TaxRates returns it (EffectiveRate in percent). */
export interface XeroTaxRate {
  TaxType: string;
  EffectiveRate: number;
  Status: string;
}

/** What the mapping needs to know about the connected Xero organisation. */
export interface XeroOrgContext {
  taxRates: XeroTaxRate[];
  baseCurrency: string;
}

/** The store and organisation an order is mapped for. */
export interface MappingContext {
  storeId: string;
  storeUrl: string;
  org: XeroOrgContext;
}

/** Xero's totals for a document, as fixed-point strings. */
export interface ComputedTotals {
  subTotal: string;
  totalTax: string;
  total: string;
  roundingAdjustment: string;
}

/** Everything an activity needs to create the Xero document for one order. */
export interface XeroDocumentPlan {
  kind: 'invoice' | 'quote';
  contact: {
    match: { email?: string; name: string };
    create: WireContact;
    /** Deterministic alternative name for when another contact already holds `create.Name`. */
    disambiguatedName: string;
  };
  /** Items to ensure exist before the document is created, deduplicated by Code. */
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
