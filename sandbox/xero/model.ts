/** Record types held by the fake organisation. Amounts are scaled bigints (see decimal.ts), dates epoch ms. */

/** A tax component of a tax rate, in the spec's PascalCase shape. */
export interface TaxComponent {
  Name: string;
  Rate: number;
  IsCompound: boolean;
  IsNonRecoverable: boolean;
}

/** A tax rate in the spec's shape; EffectiveRate (percent) is what per-line tax uses. */
export interface TaxRate {
  Name: string;
  TaxType: string;
  ReportTaxType: string;
  Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED' | 'PENDING';
  TaxComponents: TaxComponent[];
  CanApplyToAssets: boolean;
  CanApplyToEquity: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToLiabilities: boolean;
  CanApplyToRevenue: boolean;
  DisplayTaxRate: number;
  EffectiveRate: number;
}

/** A chart-of-accounts entry in the spec's shape. */
export interface Account {
  AccountID: string;
  Code: string;
  Name: string;
  Type: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  Description?: string;
  TaxType: string;
  Class: 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';
  SystemAccount?: string;
  EnablePaymentsToAccount: boolean;
  ShowInExpenseClaims: boolean;
  BankAccountNumber?: string;
  BankAccountType?: string;
  CurrencyCode?: string;
  ReportingCode?: string;
  ReportingCodeName?: string;
  HasAttachments: boolean;
  AddToWatchlist: boolean;
}

/** A tracking option of a tracking category. */
export interface TrackingOption {
  TrackingOptionID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
}

/** A tracking category (e.g. Region) with its options. */
export interface TrackingCategory {
  TrackingCategoryID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  Options: TrackingOption[];
}

/** A branding theme; CreatedDateUTC is epoch ms. */
export interface BrandingTheme {
  BrandingThemeID: string;
  Name: string;
  SortOrder: number;
  Type: 'INVOICE';
  CreatedDateUTC: number;
}

/** An enabled currency. */
export interface Currency {
  Code: string;
  Description: string;
}

/** Organisation settings returned by GET /Organisation (dates as epoch ms). */
export interface OrganisationInfo {
  OrganisationID: string;
  Name: string;
  LegalName: string;
  ShortCode: string;
  Version: string;
  OrganisationType: string;
  BaseCurrency: string;
  CountryCode: string;
  IsDemoCompany: boolean;
  OrganisationStatus: string;
  PaysTax: boolean;
  SalesTaxBasis: string;
  SalesTaxPeriod: string;
  DefaultSalesTax: string;
  DefaultPurchasesTax: string;
  FinancialYearEndDay: number;
  FinancialYearEndMonth: number;
  Timezone: string;
  OrganisationEntityType: string;
  Class: string;
  Edition: string;
  CreatedDateUTC: number;
}

/** The seeded, mostly read-only settings of one organisation; tests may edit them through state.tenant(). */
export interface ReferenceData {
  organisation: OrganisationInfo;
  taxRates: TaxRate[];
  accounts: Account[];
  currencies: Currency[];
  brandingThemes: BrandingTheme[];
  trackingCategories: TrackingCategory[];
}

/** A phone slot of a contact. */
export interface Phone {
  PhoneType: string;
  PhoneNumber: string;
  PhoneAreaCode: string;
  PhoneCountryCode: string;
}

/** An address slot of a contact. */
export interface Address {
  AddressType: string;
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  AddressLine4?: string;
  City: string;
  Region: string;
  PostalCode: string;
  Country: string;
  AttentionTo?: string;
}

/** A contact: known fields typed, other supplied writable fields kept in `extra` and echoed back. */
export interface ContactRecord {
  ContactID: string;
  Name: string;
  ContactStatus: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
  ContactNumber?: string;
  AccountNumber?: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  Addresses: Address[];
  Phones: Phone[];
  IsCustomer: boolean;
  IsSupplier: boolean;
  extra: Record<string, unknown>;
  updatedAt: number;
}

/** Sales or purchase defaults of an item; UnitPrice is a scaled bigint. */
export interface ItemDetails {
  UnitPrice?: bigint;
  AccountCode?: string;
  COGSAccountCode?: string;
  TaxType?: string;
}

/** An inventory/price-list item. */
export interface ItemRecord {
  ItemID: string;
  Code: string;
  Name?: string;
  Description?: string;
  PurchaseDescription?: string;
  IsSold: boolean;
  IsPurchased: boolean;
  SalesDetails?: ItemDetails;
  PurchaseDetails?: ItemDetails;
  InventoryAssetAccountCode?: string;
  /** Stock of a tracked item (seeded only: the sandbox books no stock movements). */
  QuantityOnHand?: bigint;
  /** Average-cost pool of a tracked item (seeded only). */
  TotalCostPool?: bigint;
  updatedAt: number;
}

/** A resolved tracking assignment on a line. */
export interface LineTracking {
  TrackingCategoryID: string;
  TrackingOptionID: string;
  Name: string;
  Option: string;
}

/** A computed line item; every amount is a scaled bigint. */
export interface LineRecord {
  LineItemID: string;
  Description?: string;
  Quantity?: bigint;
  UnitAmount?: bigint;
  ItemCode?: string;
  ItemID?: string;
  AccountCode?: string;
  AccountID?: string;
  TaxType?: string;
  TaxAmount: bigint;
  LineAmount: bigint;
  DiscountRate?: bigint;
  DiscountAmount?: bigint;
  /** round2(Quantity × UnitAmount) before discount, for TotalDiscount. */
  GrossAmount: bigint;
  Tracking: LineTracking[];
}

/** Document totals computed from the lines. */
export interface Totals {
  SubTotal: bigint;
  TotalTax: bigint;
  Total: bigint;
  TotalDiscount: bigint;
}

/** Fields shared by invoices and quotes. */
export interface DocumentCore {
  ContactID: string;
  Date: number;
  CurrencyCode: string;
  CurrencyRate: bigint;
  BrandingThemeID?: string;
  Reference?: string;
  lines: LineRecord[];
  totals: Totals;
  updatedAt: number;
}

/** Invoice statuses. */
export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

/** Line amount types of invoices and credit notes (quotes spell theirs in capitals). */
export type BillingLineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

/** What invoices and credit notes share: their statuses, line amount types and due date. */
export interface BillingRecord extends DocumentCore {
  Status: InvoiceStatus;
  LineAmountTypes: BillingLineAmountTypes;
  DueDate?: number;
}

/** A stored invoice; what has been paid or credited on it is derived from payments and allocations (ledger.ts). */
export interface InvoiceRecord extends BillingRecord {
  InvoiceID: string;
  Type: 'ACCREC' | 'ACCPAY';
  InvoiceNumber: string;
  ExpectedPaymentDate?: number;
  PlannedPaymentDate?: number;
  Url?: string;
  SentToContact: boolean;
  createdByClientId: string;
}

/** A stored credit note (ACCRECCREDIT to a customer, ACCPAYCREDIT from a supplier). */
export interface CreditNoteRecord extends BillingRecord {
  CreditNoteID: string;
  Type: 'ACCRECCREDIT' | 'ACCPAYCREDIT';
  CreditNoteNumber: string;
}

/** Payment statuses: payments are created AUTHORISED and can only be deleted afterwards. */
export type PaymentStatus = 'AUTHORISED' | 'DELETED';

/** Payment types of the documents the sandbox takes payments on. */
export type PaymentType = 'ACCRECPAYMENT' | 'ACCPAYPAYMENT' | 'ARCREDITPAYMENT' | 'APCREDITPAYMENT';

/** The document a payment is made on: an invoice (or bill), or a credit note (a cash refund). */
export interface PaymentTarget {
  kind: 'invoice' | 'creditNote';
  id: string;
}

/** A stored payment; Amount is in the document's currency, BankAmount in the bank account's. */
export interface PaymentRecord {
  PaymentID: string;
  target: PaymentTarget;
  AccountID: string;
  Date: number;
  Amount: bigint;
  BankAmount: bigint;
  CurrencyRate: bigint;
  Reference?: string;
  IsReconciled: boolean;
  Status: PaymentStatus;
  PaymentType: PaymentType;
  updatedAt: number;
}

/** Part of a credit note applied to an invoice; deleting it removes the record. */
export interface AllocationRecord {
  AllocationID: string;
  CreditNoteID: string;
  InvoiceID: string;
  Amount: bigint;
  Date: number;
}

/** Quote statuses. */
export type QuoteStatus = 'DRAFT' | 'SENT' | 'DECLINED' | 'ACCEPTED' | 'INVOICED' | 'DELETED';

/** A stored quote. */
export interface QuoteRecord extends DocumentCore {
  QuoteID: string;
  QuoteNumber: string;
  Status: QuoteStatus;
  LineAmountTypes: 'EXCLUSIVE' | 'INCLUSIVE' | 'NOTAX';
  ExpiryDate?: number;
  Title?: string;
  Summary?: string;
  Terms?: string;
}

/** Everything the fake holds for one organisation (tenant). */
export interface TenantData {
  tenantId: string;
  name: string;
  reference: ReferenceData;
  contacts: Map<string, ContactRecord>;
  items: Map<string, ItemRecord>;
  invoices: Map<string, InvoiceRecord>;
  quotes: Map<string, QuoteRecord>;
  creditNotes: Map<string, CreditNoteRecord>;
  payments: Map<string, PaymentRecord>;
  allocations: Map<string, AllocationRecord>;
  counters: { invoice: number; quote: number; creditNote: number };
}
