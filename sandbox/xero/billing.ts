/** The validation invoices and credit notes share: status, line amount types, contact and lines, number, money lock. */
import { lockedEditProblems, statusProblems, type StatusWords } from './billing-status';
import type { Checked } from './batch';
import type { AccountingContext } from './context';
import { numberInUse, type NumberedDocuments, type TypedDocument } from './document-lookup';
import { lineAmountTypesOf, optionalDate, pendingContacts, prepareCore, type PreparedCore } from './documents';
import { str, type Json } from './fields';
import { carriesMoney, settledStatus, type Balance } from './ledger';
import { messages } from './messages';
import type { BillingLineAmountTypes, BillingRecord, ContactRecord, InvoiceStatus, TenantData } from './model';

/** Invoices' and credit notes' spelling of the line amount types. */
const LINE_AMOUNT_TYPES = { exclusive: 'Exclusive', inclusive: 'Inclusive', notax: 'NoTax' } as const;

/** A kind of billing document (invoices, credit notes), described once: how it is read and which rules differ. */
export interface BillingType<R extends BillingRecord & TypedDocument> {
  /** Path and envelope key (Invoices, CreditNotes). */
  key: string;
  /** Request field of the document's ID (InvoiceID, CreditNoteID). */
  idField: string;
  words: StatusWords;
  /** The sales type, whose numbers are unique (ACCREC, ACCRECCREDIT). */
  salesType: string;
  /** The purchase type (ACCPAY, ACCPAYCREDIT), whose lines are purchase lines and never take discounts. */
  purchaseType: string;
  /** Whether sales lines may carry discounts (invoices yes, credit notes no). */
  salesDiscounts: boolean;
  /** Request field of the document number (InvoiceNumber, CreditNoteNumber). */
  numberField: string;
  numberNotUnique: () => string;
  /** Prefix of generated numbers (INV-, CN-) and the tenant counter behind them. */
  numberPrefix: string;
  counter: keyof TenantData['counters'];
  setNumber(record: R, number: string): void;
  /** Fields of R, beyond the shared ones, that must not change once money is applied. */
  lockedFields: ReadonlyArray<keyof R>;
  docs(tenant: TenantData): NumberedDocuments<R>;
  balance(tenant: TenantData, record: R): Balance;
}

/** A validated invoice or credit note ready to save, plus a contact to create first when it named a new one. */
export interface PreparedBilling<R> {
  record: R;
  /** Whether a number must be generated on commit. */
  autoNumber: boolean;
  savedContact?: ContactRecord;
}

/** The shared part of a checked invoice or credit note; the caller adds its own fields and errors. */
export interface BillingChecked {
  errors: string[];
  /** The type sent or kept, upper case; the caller checks it is one of its types. */
  type?: string;
  /** The status asked for. */
  status: InvoiceStatus;
  /** The status to store: PAID when AUTHORISED with nothing outstanding (ledger.ts settledStatus). */
  settled: InvoiceStatus;
  lineAmountTypes: BillingLineAmountTypes;
  prepared: PreparedCore;
  dueDate?: number;
  /** The number to store; '' when one must be generated (sales documents) or none was given. */
  number: string;
  /** Whether a number must be generated on commit. */
  autoNumber: boolean;
  /** Whether money is applied to the document being updated (its amounts are then locked). */
  locked: boolean;
}

/** Whether the number is taken by another live sales document, or by a sales document earlier in the request. */
function numberTaken<R extends BillingRecord & TypedDocument>(
  ctx: AccountingContext,
  kind: BillingType<R>,
  number: string,
  existing: R | undefined,
  accepted: Array<PreparedBilling<R>>,
): boolean {
  const docs = kind.docs(ctx.tenant);
  const wanted = number.toLowerCase();
  const inBatch = accepted.some(
    (p) => p.record.Type === kind.salesType && docs.numberOf(p.record).toLowerCase() === wanted,
  );
  return inBatch || numberInUse(docs, kind.salesType, number, existing ? docs.idOf(existing) : undefined);
}

/** Checks what invoices and credit notes share, for a create (`existing` undefined) or an update. */
export function checkBilling<R extends BillingRecord & TypedDocument>(
  ctx: AccountingContext,
  kind: BillingType<R>,
  element: Json,
  existing: R | undefined,
  accepted: Array<PreparedBilling<R>>,
  dp: 2 | 4,
): BillingChecked {
  const errors: string[] = [];
  const docs = kind.docs(ctx.tenant);
  const type = (str(element, 'Type') ?? existing?.Type)?.toUpperCase();
  const balance = existing ? kind.balance(ctx.tenant, existing) : undefined;
  const locked = balance !== undefined && carriesMoney(balance);
  const status = (str(element, 'Status')?.toUpperCase() ?? existing?.Status ?? 'DRAFT') as InvoiceStatus;
  errors.push(...statusProblems(kind.words, existing?.Status, status, locked));
  const lineAmountTypes = lineAmountTypesOf(
    element,
    LINE_AMOUNT_TYPES,
    existing?.LineAmountTypes ?? 'Exclusive',
    errors,
  );
  const purchase = type === kind.purchaseType;
  const rules = {
    side: purchase ? ('purchase' as const) : ('sales' as const),
    mode: lineAmountTypes.mode,
    unitDp: dp,
    allowDiscount: !purchase && kind.salesDiscounts,
    requireAccount: status === 'SUBMITTED' || status === 'AUTHORISED',
  };
  const prepared = prepareCore(ctx, element, rules, existing, pendingContacts(accepted));
  errors.push(...prepared.errors);
  const dueDate = optionalDate(element, 'DueDate', errors) ?? existing?.DueDate;
  const number = str(element, kind.numberField) ?? (existing ? docs.numberOf(existing) : '');
  if (number.length > 255) errors.push(messages.fieldTooLong(kind.numberField, 255));
  const sales = type === kind.salesType;
  if (sales && number !== '' && status !== 'DELETED' && numberTaken(ctx, kind, number, existing, accepted)) {
    errors.push(kind.numberNotUnique());
  }
  const applied = balance ? balance.paid + balance.credited : 0n;
  return {
    errors,
    type,
    status,
    settled: settledStatus(status, prepared.core.totals.Total - applied),
    lineAmountTypes: lineAmountTypes.value,
    prepared,
    dueDate,
    number,
    autoNumber: sales && number === '',
    locked,
  };
}

/** The fields every billing document stores from a check: the core, Reference (sales only), status, types, due date. */
export function billingFields<R extends BillingRecord & TypedDocument>(
  ctx: AccountingContext,
  kind: BillingType<R>,
  checked: BillingChecked,
): BillingRecord {
  const core = checked.prepared.core;
  return {
    ...core,
    Reference: checked.type === kind.salesType ? core.Reference : undefined,
    updatedAt: ctx.clock.now(),
    Status: checked.settled,
    LineAmountTypes: checked.lineAmountTypes,
    DueDate: checked.dueDate,
  };
}

/**
 * Concludes a check: the errors found (the caller's first), else the record `build` makes, unless the money lock
 * refuses it as a replacement for `existing`.
 */
export function concludeBilling<R extends BillingRecord & TypedDocument>(
  kind: BillingType<R>,
  checked: BillingChecked,
  existing: R | undefined,
  ownErrors: string[],
  build: () => R,
): Checked<PreparedBilling<R>> {
  const errors = [...new Set([...ownErrors, ...checked.errors])];
  if (errors.length > 0) return { ok: false, errors };
  const record = build();
  const locked = existing && checked.locked ? lockedEditProblems(kind.words, existing, record, kind.lockedFields) : [];
  if (locked.length > 0) return { ok: false, errors: locked };
  return {
    ok: true,
    prepared: { record, autoNumber: checked.autoNumber, savedContact: checked.prepared.savedContact },
  };
}
