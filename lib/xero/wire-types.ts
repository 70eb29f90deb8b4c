// Xero wire-format (PascalCase JSON) shapes: the fields this project reads or writes are typed,
// anything else Xero sends is kept as unknown.

/** A tracking option on a line: by name, or by IDs as Xero returns them. */
export interface WireTracking {
  Name?: string;
  Option?: string;
  TrackingCategoryID?: string;
  TrackingOptionID?: string;
  [field: string]: unknown;
}

/** A line of an invoice or quote. */
export interface WireLineItem {
  LineItemID?: string;
  Description?: string;
  Quantity?: number;
  UnitAmount?: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType?: string;
  TaxAmount?: number;
  LineAmount?: number;
  DiscountRate?: number;
  DiscountAmount?: number;
  Tracking?: WireTracking[];
  [field: string]: unknown;
}

/** A contact, or the contact reference on a document ({ ContactID }). */
export interface WireContact {
  ContactID?: string;
  Name?: string;
  ContactNumber?: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  ContactStatus?: string;
  [field: string]: unknown;
}

/** A sales invoice (ACCREC) as sent to and returned by Xero. */
export interface WireInvoice {
  InvoiceID?: string;
  Type?: string;
  Contact?: WireContact;
  InvoiceNumber?: string;
  Reference?: string;
  Date?: string;
  DueDate?: string;
  LineAmountTypes?: string;
  Status?: string;
  CurrencyCode?: string;
  BrandingThemeID?: string;
  Url?: string;
  LineItems?: WireLineItem[];
  SubTotal?: number;
  TotalTax?: number;
  Total?: number;
  AmountDue?: number;
  AmountPaid?: number;
  AmountCredited?: number;
  Payments?: WirePayment[];
  CreditNotes?: WireCreditNote[];
  UpdatedDateUTC?: string;
  [field: string]: unknown;
}

/** A payment on an invoice, or a cash refund of a credit note, as sent to and returned by Xero. */
export interface WirePayment {
  PaymentID?: string;
  Invoice?: { InvoiceID?: string; InvoiceNumber?: string; [field: string]: unknown };
  CreditNote?: { CreditNoteID?: string; CreditNoteNumber?: string; [field: string]: unknown };
  Account?: { Code?: string; AccountID?: string; [field: string]: unknown };
  Date?: string;
  Amount?: number;
  Reference?: string;
  Status?: string;
  PaymentType?: string;
  [field: string]: unknown;
}

/** An allocation of a credit note to an invoice. */
export interface WireAllocation {
  AllocationID?: string;
  Invoice?: { InvoiceID?: string; [field: string]: unknown };
  Amount?: number;
  Date?: string;
  [field: string]: unknown;
}

/** A credit note as sent to and returned by Xero. */
export interface WireCreditNote {
  CreditNoteID?: string;
  CreditNoteNumber?: string;
  Type?: string;
  Contact?: WireContact;
  Reference?: string;
  Date?: string;
  Status?: string;
  CurrencyCode?: string;
  LineAmountTypes?: string;
  LineItems?: WireLineItem[];
  Total?: number;
  RemainingCredit?: number;
  Allocations?: WireAllocation[];
  Payments?: WirePayment[];
  [field: string]: unknown;
}

/** A quote as sent to and returned by Xero. */
export interface WireQuote {
  QuoteID?: string;
  QuoteNumber?: string;
  Reference?: string;
  Contact?: WireContact;
  Date?: string;
  ExpiryDate?: string;
  Title?: string;
  Summary?: string;
  Terms?: string;
  LineAmountTypes?: string;
  Status?: string;
  CurrencyCode?: string;
  BrandingThemeID?: string;
  LineItems?: WireLineItem[];
  SubTotal?: number;
  TotalTax?: number;
  Total?: number;
  UpdatedDateUTC?: string;
  [field: string]: unknown;
}

/** An inventory or service item. */
export interface WireItem {
  ItemID?: string;
  Code?: string;
  Name?: string;
  Description?: string;
  IsSold?: boolean;
  IsPurchased?: boolean;
  SalesDetails?: { UnitPrice?: number; AccountCode?: string; TaxType?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** A tax rate of the organisation. */
export interface WireTaxRate {
  Name?: string;
  TaxType?: string;
  Status?: string;
  EffectiveRate?: number;
  DisplayTaxRate?: number;
  [field: string]: unknown;
}

/** An account of the chart of accounts. */
export interface WireAccount {
  AccountID?: string;
  Code?: string;
  Name?: string;
  Type?: string;
  Status?: string;
  TaxType?: string;
  Class?: string;
  SystemAccount?: string;
  EnablePaymentsToAccount?: boolean;
  [field: string]: unknown;
}

/** The connected organisation. */
export interface WireOrganisation {
  OrganisationID?: string;
  Name?: string;
  BaseCurrency?: string;
  CountryCode?: string;
  Version?: string;
  Timezone?: string;
  PaysTax?: boolean;
  [field: string]: unknown;
}

/** An invoice branding theme. */
export interface WireBrandingTheme {
  BrandingThemeID?: string;
  Name?: string;
  SortOrder?: number;
  [field: string]: unknown;
}

/** A currency the organisation has added. */
export interface WireCurrency {
  Code?: string;
  Description?: string;
  [field: string]: unknown;
}

/** A tracking category with its options. */
export interface WireTrackingCategory {
  TrackingCategoryID?: string;
  Name?: string;
  Status?: string;
  Options?: { TrackingOptionID?: string; Name?: string; Status?: string; [field: string]: unknown }[];
  [field: string]: unknown;
}
