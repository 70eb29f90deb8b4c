/**
 * Every validation message the sandbox emits, in one place. Messages marked [ref] are the exact texts from
 * xero-api.md; the others are plausible wordings (no primary source) and may differ from real Xero.
 */
export const messages = {
  /** [ref §4.1] duplicate contact name among ACTIVE contacts. */
  contactNameNotUnique: (name: string) =>
    `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
  /** [ref §4.1] editing an archived contact. */
  contactArchived: () =>
    'The specified contact details matched an archived contact. Archived contacts cannot currently be edited via the API.',
  contactNameRequired: () => 'The contact name must be specified.',
  fieldTooLong: (field: string, max: number) => `${field} must not be more than ${max} characters long.`,
  /** [ref §4.2] duplicate item code (the doubled quotes are in the spec). */
  itemCodeExists: (code: string) => `Price List Item with Code ''${code}'' already exists`,
  itemCodeRequired: () => 'Code is required for an item.',
  /** [ref §4.3] duplicate ACCREC invoice number. */
  invoiceNumberNotUnique: () => 'Invoice # must be unique.',
  /** [ref §4.3] status change not allowed from the current status. */
  invalidStatusForModification: () => 'Invoice not of valid status for modification',
  invalidStatusForCreation: (status: string) => `Invoices cannot be created with the status ${status}.`,
  /**
   * [ref §4.3, 3P reported text] voiding an invoice that has payments or allocated credit notes (Xero refuses it
   * for credit notes too, per a Xero staff answer on community.xero.com; the credit-note wording is ours).
   */
  voidedWithMoney: (document: 'invoice' | 'credit note') =>
    `The status VOIDED cannot be applied to the ${document} because it has payments or credit notes allocated to it.`,
  /** [ref §4.3, 3P; also reported for credit notes in waynerobinson/xeroizer#211] editing amounts once money is applied. */
  documentHasMoney: () => 'This document cannot be edited as it has a payment or credit note allocated to it.',
  /** [3P bill.com help: "Credit Note not of valid status for modification"] the credit-note twin of the invoice text. */
  creditNoteInvalidStatusForModification: () => 'Credit Note not of valid status for modification',
  creditNoteInvalidStatusForCreation: (status: string) => `Credit notes cannot be created with the status ${status}.`,
  creditNoteTypeRequired: () => 'A valid Credit Note Type must be specified (ACCRECCREDIT or ACCPAYCREDIT).',
  creditNoteNumberNotUnique: () => 'Credit Note # must be unique.',
  /** [ref §4.5, SPEC example] a payment (or refund) above what is outstanding on its document. */
  paymentExceedsOutstanding: () => 'Payment amount exceeds the amount outstanding on this document',
  /** [ref §4.5, 3P] a payment on a document that is not AUTHORISED (a PAID one included, 3P HireHop log). */
  paymentDocumentNotAuthorised: () => 'Payments can only be made against Authorised documents',
  /** [3P garagehive Xero error list] an Invoice and a CreditNote (or two targets) named on one payment. */
  paymentAppliedToMany: () => 'Payment is applied to more than one document.',
  paymentTargetRequired: () => 'An Invoice or CreditNote must be specified for the payment.',
  /** [3P neto Xero error list] the invoice or credit note named on a payment does not exist. */
  paymentDocumentNotFound: () => 'Document could not be found',
  /** Prepayments and overpayments are not modelled by the sandbox; a payment naming one is refused. */
  paymentTargetUnsupported: (kind: string) => `Payments on ${kind}s are not supported by this sandbox.`,
  /** [3P bill.com help] a payment without an account. */
  paymentAccountRequired: () => 'You must specify an Account code or Account ID for the payment',
  /** [3P garagehive Xero error list] the payment's account does not exist. */
  paymentAccountNotFound: () => 'Account could not be found.',
  /** [3P: an integration matches this exact text in Xero's answers] neither BANK nor EnablePaymentsToAccount (nor ACTIVE). */
  paymentAccountInvalid: () => 'Account type is invalid for making a payment to/from',
  paymentAccountCurrency: (account: string, currency: string) =>
    `The bank account ${account} is not in the currency of the document (${currency}).`,
  paymentAmountRequired: () => 'Payment amount must be greater than zero.',
  paymentDateRequired: () => 'A valid payment Date must be specified (YYYY-MM-DD).',
  /** [3P Bookeo's Xero error list, truncated there as "Payment not of valid status…"] editing or re-deleting a payment. */
  paymentInvalidStatusForModification: () => 'Payment not of valid status for modification',
  /** [3P, an integration's refusal table] deleting a reconciled payment. */
  paymentReconciled: () => 'This payment has been reconciled and cannot be deleted',
  /** [ISSUE waynerobinson/xeroizer#320, real response] allocating to an invoice with nothing outstanding. */
  allocationInvoicePaid: () => 'The invoice you are trying to allocate to has already been paid off',
  /** [ISSUE waynerobinson/xeroizer#320, calcinai/xero-php#251] more than the invoice's due or the remaining credit. */
  allocationExceedsOutstanding: () => 'Credit Note cannot be allocated as amount is greater than amount outstanding',
  /** [ISSUE waynerobinson/xeroizer#320, cut off there after "incorrect invoice t"] ACCRECCREDIT to ACCPAY or the reverse. */
  allocationWrongInvoiceType: () => 'Credit Note cannot be allocated to an incorrect invoice type',
  allocationCreditNoteNotAuthorised: () => 'Only Authorised credit notes can be allocated.',
  allocationInvoiceNotAuthorised: () => 'Credit notes can only be allocated to Authorised invoices.',
  allocationInvoiceRequired: () => 'An Invoice with an InvoiceID must be specified for the allocation.',
  allocationInvoiceNotFound: (id: string) => `The invoice with InvoiceID ${id} could not be found.`,
  allocationContactMismatch: () => 'The credit note and the invoice must be for the same contact.',
  allocationCurrencyMismatch: () => 'The credit note and the invoice must be in the same currency.',
  allocationAmountRequired: () => 'Allocation amount must be greater than zero.',
  allocationDateRequired: () => 'A valid allocation Date must be specified (YYYY-MM-DD).',
  invoiceTypeRequired: () => 'A valid Invoice Type must be specified (ACCREC or ACCPAY).',
  contactRequired: () => 'A Contact must be specified for this type of transaction',
  contactNotFound: (id: string) => `The contact with ContactID ${id} could not be found.`,
  /** A document naming an archived contact (also what a merged-away contact becomes); wording not from a primary source. */
  contactArchivedOnDocument: (id: string) => `The contact with ContactID ${id} is archived and cannot be used.`,
  dueDateRequired: () => 'Due Date is required when the invoice status is SUBMITTED or AUTHORISED.',
  invalidDate: (field: string) => `${field} is not a valid date.`,
  /** [ref §4.7] currency not enabled on the organisation. */
  currencyNotSubscribed: (code: string) => `Organisation is not subscribed to currency ${code}`,
  brandingThemeNotFound: (id: string) => `The BrandingThemeID ${id} does not exist.`,
  accountCodeInvalid: (code: string) => `Account code '${code}' is not a valid code for this document.`,
  /** Archived or DELETED account on a line or item; close to the wording integrators report (landscape §2.11). */
  accountArchived: (code: string) =>
    `Account code '${code}' has been archived, or has been deleted. Each line item must reference a valid account.`,
  taxTypeInvalid: (code: string) =>
    `The TaxType code '${code}' does not exist or cannot be used with this type of transaction.`,
  /** [ref §4.7, 3P] the tax rate's CanApplyTo… flag for the account's Class is false. */
  taxTypeNotForAccount: (code: string, account: string) =>
    `The TaxType code '${code}' cannot be used with account code '${account}'.`,
  itemCodeInvalid: (code: string) => `Item code '${code}' is not valid.`,
  descriptionRequired: () => 'Description needs to be at least 1 char long',
  numberInvalid: (field: string) => `${field} must be a number.`,
  trackingTooMany: () => 'A line item can have at most 2 tracking categories.',
  trackingCategoryNotFound: (name: string) => `The tracking category '${name}' does not exist.`,
  trackingOptionNotFound: (category: string, option: string) =>
    `The tracking option '${option}' does not exist in the tracking category '${category}'.`,
  trackingCategoryArchived: (name: string) => `The tracking category '${name}' has been archived.`,
  trackingOptionArchived: (category: string, option: string) =>
    `The tracking option '${option}' in the tracking category '${category}' has been archived.`,
  trackingCategoryRepeated: (name: string) => `The tracking category '${name}' is used more than once on a line item.`,
  inventoryAccountInvalid: (code: string) =>
    `InventoryAssetAccountCode '${code}' must be an active account of type INVENTORY.`,
  /** [SPEC Item.InventoryAssetAccountCode] the rule is documented, the wording is not. */
  cogsAccountRequired: () => 'A COGSAccountCode in PurchaseDetails is required to track an item as inventory.',
  discountNotAllowed: () => 'Discounts can only be applied to sales invoices and quotes.',
  lineAmountTypesInvalid: (value: string) => `LineAmountTypes '${value}' is not valid.`,
  quoteNumberNotUnique: () => 'Quote # must be unique.',
  quoteStatusTransition: (from: string, to: string) => `A quote with status ${from} cannot be changed to ${to}.`,
  quoteStatusInvalid: (status: string) => `Quote status ${status} is not valid.`,
  /** [ref §3] idempotency key reused with a different method, URL or body. */
  idempotencyMismatch: (key: string) => `Idempotency Key: ${key} is used with a different request.`,
  idempotencyKeyTooLong: (key: string) =>
    `Idempotency Key: ${key} is ${key.length} characters long; the maximum length is 128 characters.`,
  /** Undocumented by Xero: a second request while the first with the key is still being processed. */
  idempotencyKeyInFlight: (key: string) =>
    `Idempotency Key: ${key} is in use by a request that is still being processed; retry later.`,
} as const;
