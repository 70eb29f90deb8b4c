/** Credit notes (xero-api.md §4.6): ACCRECCREDIT to customers, ACCPAYCREDIT from suppliers, with invoices' rules. */
import type { BatchSpec, Checked } from './batch';
import { billingFields, checkBilling, concludeBilling, type BillingType, type PreparedBilling } from './billing';
import { billingJson } from './billing-render';
import { CREDIT_NOTE_WORDS } from './billing-status';
import { unitDp, type AccountingContext } from './context';
import { toNumber } from './decimal';
import { billingSpec, type BillingCheck } from './billing-spec';
import { findByIdOrNumber, type NumberedDocuments } from './document-lookup';
import { documentRoutes, type WriteMode } from './document-routes';
import type { Json } from './fields';
import { queryParam, type SandboxRequest, type SandboxResponse } from './http-types';
import { newId } from './ids';
import { creditNoteBalance } from './ledger';
import { pagedListResponse } from './list-response';
import { messages } from './messages';
import type { CreditNoteRecord, TenantData } from './model';
import { allocationSummary, paymentSummary } from './money-render';
import { applyModifiedSince } from './query';
import type { Router } from './router';

/** A validated credit note ready to save. */
type PreparedCreditNote = PreparedBilling<CreditNoteRecord>;

/** The tenant's credit notes as numbered documents. */
function creditNoteDocs(tenant: TenantData): NumberedDocuments<CreditNoteRecord> {
  return {
    records: tenant.creditNotes,
    idOf: (c) => c.CreditNoteID,
    numberOf: (c) => c.CreditNoteNumber,
  };
}

/** Finds a credit note by CreditNoteID or CreditNoteNumber (preferring a non-deleted match). */
export function findCreditNote(tenant: TenantData, idOrNumber: string): CreditNoteRecord | undefined {
  return findByIdOrNumber(creditNoteDocs(tenant), idOrNumber);
}

/**
 * Credit notes as billing documents: numbers unique among live ACCRECCREDIT notes, and no discounts on any line
 * (§4.3 "ACCPAY and credit notes do not support discounts"; Xero's wording for the refusal was not found, so the
 * sandbox's invoice wording is used). Allocations sent inline with a credit note are ignored, as Xero ignores them:
 * allocating is a separate call (Xero support, quoted in waynerobinson/xeroizer#196).
 */
const CREDIT_NOTES: BillingType<CreditNoteRecord> = {
  key: 'CreditNotes',
  idField: 'CreditNoteID',
  words: CREDIT_NOTE_WORDS,
  salesType: 'ACCRECCREDIT',
  purchaseType: 'ACCPAYCREDIT',
  salesDiscounts: false,
  numberField: 'CreditNoteNumber',
  numberNotUnique: messages.creditNoteNumberNotUnique,
  numberPrefix: 'CN-',
  counter: 'creditNote',
  setNumber: (note, number) => (note.CreditNoteNumber = number),
  lockedFields: ['Type'],
  docs: creditNoteDocs,
  balance: creditNoteBalance,
};

/** Validates a credit note create (existing undefined) or update. */
function checkCreditNote(
  ctx: AccountingContext,
  element: Json,
  existing: CreditNoteRecord | undefined,
  accepted: PreparedCreditNote[],
  dp: 2 | 4,
): Checked<PreparedCreditNote> {
  const checked = checkBilling(ctx, CREDIT_NOTES, element, existing, accepted, dp);
  const { type } = checked;
  const typeErrors = type === 'ACCRECCREDIT' || type === 'ACCPAYCREDIT' ? [] : [messages.creditNoteTypeRequired()];
  return concludeBilling(CREDIT_NOTES, checked, existing, typeErrors, () => ({
    ...billingFields(ctx, CREDIT_NOTES, checked),
    CreditNoteID: existing?.CreditNoteID ?? newId(),
    Type: type as CreditNoteRecord['Type'],
    CreditNoteNumber: checked.number,
  }));
}

/** JSON of a credit note with its allocations and refunds; line items only when asked for. */
export function renderCreditNote(tenant: TenantData, note: CreditNoteRecord, dp: 2 | 4, withLines: boolean): Json {
  const balance = creditNoteBalance(tenant, note);
  return {
    CreditNoteID: note.CreditNoteID,
    CreditNoteNumber: note.CreditNoteNumber,
    ID: note.CreditNoteID,
    Type: note.Type,
    ...(note.Reference !== undefined ? { Reference: note.Reference } : {}),
    Payments: balance.payments.map(paymentSummary),
    Allocations: balance.allocations.map((a) => allocationSummary(tenant, a)),
    RemainingCredit: toNumber(balance.outstanding),
    AppliedAmount: toNumber(balance.credited),
    ...billingJson(tenant, note, balance, dp, withLines),
  };
}

/** Batch rules for credit notes (billing-spec.ts). */
function creditNoteSpec(
  ctx: AccountingContext,
  dp: 2 | 4,
  mode: WriteMode,
  target?: CreditNoteRecord,
): BatchSpec<PreparedCreditNote> {
  const check: BillingCheck<CreditNoteRecord> = (element, existing, accepted) =>
    checkCreditNote(ctx, element, existing, accepted, dp);
  return billingSpec(ctx, CREDIT_NOTES, mode, target, check, (record) =>
    renderCreditNote(ctx.tenant, record, dp, true),
  );
}

/** GET /CreditNotes: `where` (Reference, CreditNoteNumber, Status, Type, Contact.ContactID …), order, page. */
function listCreditNotes(req: SandboxRequest, ctx: AccountingContext): SandboxResponse {
  const dp = unitDp(req);
  const paged = queryParam(req, 'page') !== undefined;
  const rows = [...ctx.tenant.creditNotes.values()].map((c) => renderCreditNote(ctx.tenant, c, dp, paged));
  return pagedListResponse(req, ctx, 'CreditNotes', applyModifiedSince(req, rows));
}

/** Registers the CreditNotes routes (allocations are in allocations.ts). */
export function creditNoteRoutes(router: Router<AccountingContext>): void {
  router.on('GET', '/CreditNotes', listCreditNotes);
  documentRoutes(router, {
    key: 'CreditNotes',
    find: findCreditNote,
    render: (req, ctx, note) => renderCreditNote(ctx.tenant, note, unitDp(req), true),
    spec: (req, ctx, mode, target) => creditNoteSpec(ctx, unitDp(req), mode, target),
  });
}
