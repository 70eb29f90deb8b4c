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
