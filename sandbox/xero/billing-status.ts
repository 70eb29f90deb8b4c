/** Status rules shared by invoices and credit notes (xero-api.md §4.3 "Statuses and transitions"). */
import { messages } from './messages';
import type { BillingRecord, InvoiceStatus } from './model';

/** Statuses a document may be created with. */
export const CREATE_STATUSES: InvoiceStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];
const ALL_STATUSES: InvoiceStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'];

/** Status changes Xero allows from each status; PAID is reached and left only by money moving (ledger.ts). */
const TRANSITIONS: Record<InvoiceStatus, InvoiceStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: [],
  DELETED: [],
};

/** The messages one kind of document answers status problems with. */
export interface StatusWords {
  /** The document as named in the VOIDED message ("invoice", "credit note"). */
  noun: 'invoice' | 'credit note';
  forCreation: (status: string) => string;
  forModification: () => string;
}

/** Invoices' status messages. */
export const INVOICE_WORDS: StatusWords = {
  noun: 'invoice',
  forCreation: messages.invalidStatusForCreation,
  forModification: messages.invalidStatusForModification,
};

/** Credit notes' status messages. */
export const CREDIT_NOTE_WORDS: StatusWords = {
  noun: 'credit note',
  forCreation: messages.creditNoteInvalidStatusForCreation,
  forModification: messages.creditNoteInvalidStatusForModification,
};

/**
 * Why `requested` cannot be set on a new document (current undefined) or on one in status `current`. VOIDED on a
 * document carrying payments or allocations gets Xero's own message, whether it is AUTHORISED or already PAID.
 */
export function statusProblems(
  words: StatusWords,
  current: InvoiceStatus | undefined,
  requested: InvoiceStatus,
  withMoney: boolean,
): string[] {
  if (current === undefined) return CREATE_STATUSES.includes(requested) ? [] : [words.forCreation(requested)];
  if (requested === 'VOIDED' && current !== 'VOIDED' && withMoney) return [messages.voidedWithMoney(words.noun)];
  const allowed = ALL_STATUSES.includes(requested) && TRANSITIONS[current].includes(requested);
  return allowed ? [] : [words.forModification()];
}

/** Document fields that must stay as they are once money is applied (besides the lines' amounts). */
const LOCKED_FIELDS = ['Date', 'CurrencyCode', 'CurrencyRate', 'LineAmountTypes'] as const;
/** Line fields that must stay as they are; Description, AccountCode and Tracking remain editable. */
const LOCKED_LINE_FIELDS = [
  'LineItemID',
  'Quantity',
  'UnitAmount',
  'ItemCode',
  'TaxType',
  'TaxAmount',
  'LineAmount',
  'DiscountRate',
  'DiscountAmount',
] as const;

/**
 * Why an update of a document carrying payments or allocations is refused: Xero then lets only Reference, DueDate,
 * the number, BrandingThemeID, Contact, Url and the lines' Description, AccountCode and Tracking change (§4.3).
 * `extra` names further fields of the record that must not change. A line sent without its LineItemID is deleted
 * and re-created by Xero, so it counts as a change. A PAID document also answers the status message, as the
 * integrators' logs show both together; on a part-paid one only the document message is assumed (unverified).
 */
export function lockedEditProblems<R extends BillingRecord>(
  words: StatusWords,
  before: R,
  after: R,
  extra: ReadonlyArray<keyof R> = [],
): string[] {
  const fieldChanged = [...LOCKED_FIELDS, ...extra].some((key) => before[key] !== after[key]);
  const linesChanged =
    before.lines.length !== after.lines.length ||
    before.lines.some((line, i) => LOCKED_LINE_FIELDS.some((key) => line[key] !== after.lines[i][key]));
  if (!fieldChanged && !linesChanged) return [];
  return before.Status === 'PAID'
    ? [words.forModification(), messages.documentHasMoney()]
    : [messages.documentHasMoney()];
}
