/**
 * Xero Accounting API request shapes exactly as sent in a PUT body (PascalCase JSON, `unitdp=4`).
 * Only the fields the mapping sets are declared; all money values are JSON numbers on the wire. Type aliases (not
 * interfaces) so that they are assignable to looser record types such as `{ [field: string]: unknown }`.
 */

/** `Exclusive` / `Inclusive` / `NoTax` on invoices; quotes spell the same values in upper case. */
export type WireLineAmountType = 'Exclusive' | 'Inclusive' | 'NoTax' | 'EXCLUSIVE' | 'INCLUSIVE' | 'NOTAX';

/** A tracking option on a line (at most two per line). */
export type WireTracking = {
  Name: string;
  Option: string;
};

/** An invoice or quote line. */
export type WireLineItem = {
  Description: string;
  Quantity: number;
  UnitAmount: number;
  DiscountAmount?: number;
  DiscountRate?: number;
  ItemCode?: string;
  AccountCode: string;
  TaxType: string;
  TaxAmount?: number;
  Tracking?: WireTracking[];
};

/** A postal (`POBOX`) or physical (`STREET`) address of a contact. */
export type WireAddress = {
  AddressType: 'POBOX' | 'STREET';
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
  AttentionTo?: string;
};

/** A contact phone number. */
export type WirePhone = {
  PhoneType: 'DEFAULT' | 'DDI' | 'MOBILE' | 'FAX' | 'OFFICE';
  PhoneNumber: string;
};

/** A contact to create (PUT /Contacts). */
export type WireContact = {
  Name: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  Addresses?: WireAddress[];
  Phones?: WirePhone[];
};

/** An item to create (PUT /Items?unitdp=4). */
export type WireItem = {
  Code: string;
  Name: string;
  Description: string;
  IsSold: true;
  SalesDetails: { UnitPrice: number; AccountCode: string; TaxType: string };
};

/** A sales invoice without its Contact (the activity adds `{ ContactID }`). */
export type WireInvoice = {
  Type: 'ACCREC';
  Date: string;
  DueDate?: string;
  InvoiceNumber?: string;
  Reference: string;
  Url?: string;
  CurrencyCode: string;
  Status: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED';
  BrandingThemeID?: string;
  LineAmountTypes: 'Exclusive' | 'Inclusive';
  LineItems: WireLineItem[];
};

/** A quote without its Contact (the activity adds `{ ContactID }`). */
export type WireQuote = {
  Date: string;
  ExpiryDate?: string;
  QuoteNumber?: string;
  Reference: string;
  CurrencyCode: string;
  Status: 'DRAFT' | 'SENT';
  BrandingThemeID?: string;
  LineAmountTypes: 'EXCLUSIVE' | 'INCLUSIVE';
  LineItems: WireLineItem[];
};

/** A sales credit note (one per WooCommerce refund), carrying the invoice's contact. */
export type WireCreditNote = {
  Type: 'ACCRECCREDIT';
  Contact: { ContactID: string };
  Date: string;
  CreditNoteNumber: string;
  Reference: string;
  CurrencyCode: string;
  Status: 'AUTHORISED';
  LineAmountTypes: 'Exclusive' | 'Inclusive';
  LineItems: WireLineItem[];
};
