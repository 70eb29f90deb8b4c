/**
 * Credit-note allocations (xero-api.md §4.6): part of an AUTHORISED credit note applied to an AUTHORISED invoice of the
 * matching type, contact and currency, never above the note's RemainingCredit or the invoice's AmountDue. Both
 * documents become PAID at 0; deleting the allocation reverses it.
 */
import { runWrite, type BatchSpec, type Checked } from './batch';
import type { AccountingContext } from './context';
import { findCreditNote } from './credit-notes';
import { notFound } from './errors';
import { obj, str, type Json } from './fields';
import { jsonResponse } from './http-types';
import { newId, ZERO_GUID } from './ids';
import { creditNoteBalance, invoiceBalance, resettle } from './ledger';
import { messages } from './messages';
import { positiveAmount, requiredDate } from './money-fields';
import { allocationSummary } from './money-render';
import type { AllocationRecord, CreditNoteRecord, InvoiceRecord, TenantData } from './model';
import type { Router } from './router';

/** A checked allocation and the invoice it applies to. */
interface PreparedAllocation {
  record: AllocationRecord;
  invoice: InvoiceRecord;
}

/** Which invoice type each credit-note type can be allocated to. */
const INVOICE_TYPE: Record<CreditNoteRecord['Type'], InvoiceRecord['Type']> = {
  ACCRECCREDIT: 'ACCREC',
  ACCPAYCREDIT: 'ACCPAY',
};

/** Why the invoice cannot take credit from this note (type, status, contact, currency), as messages. */
function invoiceProblems(note: CreditNoteRecord, invoice: InvoiceRecord): string[] {
  const problems: string[] = [];
  if (invoice.Type !== INVOICE_TYPE[note.Type]) problems.push(messages.allocationWrongInvoiceType());
  if (invoice.Status === 'PAID') problems.push(messages.allocationInvoicePaid());
  else if (invoice.Status !== 'AUTHORISED') problems.push(messages.allocationInvoiceNotAuthorised());
  if (invoice.ContactID !== note.ContactID) problems.push(messages.allocationContactMismatch());
  if (invoice.CurrencyCode !== note.CurrencyCode) problems.push(messages.allocationCurrencyMismatch());
  return problems;
}

/**
 * Validates one allocation of `note`. A document that is not AUTHORISED has nothing to give or take, so an amount
 * then also answers the amount message (Xero's answer in waynerobinson/xeroizer#320 carries both).
 */
function checkAllocation(
  tenant: TenantData,
  note: CreditNoteRecord,
  element: Json,
  accepted: PreparedAllocation[],
): Checked<PreparedAllocation> {
  const errors: string[] = [];
  if (note.Status !== 'AUTHORISED') errors.push(messages.allocationCreditNoteNotAuthorised());
  const id = str(obj(element, 'Invoice') ?? {}, 'InvoiceID');
  const invoice = id === undefined ? undefined : tenant.invoices.get(id);
  if (id === undefined || id === ZERO_GUID) errors.push(messages.allocationInvoiceRequired());
  else if (!invoice) errors.push(messages.allocationInvoiceNotFound(id));
  const amount = positiveAmount(element, errors, messages.allocationAmountRequired);
  const date = requiredDate(element, errors, messages.allocationDateRequired);
  if (invoice) errors.push(...invoiceProblems(note, invoice));
  const taken = (match: (p: PreparedAllocation) => boolean) =>
    accepted.filter(match).reduce((sum, p) => sum + p.record.Amount, 0n);
  const remaining = note.Status === 'AUTHORISED' ? creditNoteBalance(tenant, note).outstanding - taken(() => true) : 0n;
  const due =
    invoice?.Status === 'AUTHORISED'
      ? invoiceBalance(tenant, invoice).outstanding - taken((p) => p.invoice === invoice)
      : 0n;
  if (amount !== undefined && (amount > remaining || (invoice !== undefined && amount > due))) {
    errors.push(messages.allocationExceedsOutstanding());
  }
  if (errors.length > 0 || !invoice || amount === undefined || date === undefined) {
    return { ok: false, errors: [...new Set(errors)] };
  }
  const record = {
    AllocationID: newId(),
    CreditNoteID: note.CreditNoteID,
    InvoiceID: invoice.InvoiceID,
    Amount: amount,
    Date: date,
  };
  return { ok: true, prepared: { record, invoice } };
}

/** JSON of an allocation with both its documents. */
function renderAllocation(tenant: TenantData, note: CreditNoteRecord, a: AllocationRecord): Json {
  return {
    ...allocationSummary(tenant, a),
    CreditNote: {
      CreditNoteID: note.CreditNoteID,
      CreditNoteNumber: note.CreditNoteNumber,
      ID: note.CreditNoteID,
      LineItems: [],
    },
  };
}

/** Re-derives both documents' statuses after an allocation between them was added or removed. */
function resettleBoth(ctx: AccountingContext, note: CreditNoteRecord, invoice: InvoiceRecord): void {
  const now = ctx.clock.now();
  resettle(ctx.tenant, { kind: 'invoice', record: invoice }, now);
  resettle(ctx.tenant, { kind: 'creditNote', record: note }, now);
}

/** Batch rules for PUT /CreditNotes/{id}/Allocations. */
function allocationSpec(ctx: AccountingContext, note: CreditNoteRecord): BatchSpec<PreparedAllocation> {
  const tenant = ctx.tenant;
  return {
    key: 'Allocations',
    check: (element, accepted) => checkAllocation(tenant, note, element, accepted),
    commit: ({ record, invoice }) => {
      tenant.allocations.set(record.AllocationID, record);
      resettleBoth(ctx, note, invoice);
      return { ...renderAllocation(tenant, note, record), ValidationErrors: [] };
    },
    echo: (element, errors) => ({
      ...element,
      StatusAttributeString: 'ERROR',
      ValidationErrors: errors.map((Message) => ({ Message })),
    }),
  };
}

/** Registers PUT /CreditNotes/{id}/Allocations and DELETE /CreditNotes/{id}/Allocations/{AllocationID}. */
export function allocationRoutes(router: Router<AccountingContext>): void {
  router
    .on('PUT', '/CreditNotes/:id/Allocations', (req, ctx) => {
      const note = findCreditNote(ctx.tenant, req.params.id);
      return note ? runWrite(req, ctx, allocationSpec(ctx, note)) : notFound();
    })
    .on('DELETE', '/CreditNotes/:id/Allocations/:allocationId', (req, ctx) => {
      const note = findCreditNote(ctx.tenant, req.params.id);
      const allocation = ctx.tenant.allocations.get(req.params.allocationId.toLowerCase());
      const invoice = allocation && ctx.tenant.invoices.get(allocation.InvoiceID);
      if (!note || !allocation || !invoice || allocation.CreditNoteID !== note.CreditNoteID) return notFound();
      ctx.tenant.allocations.delete(allocation.AllocationID);
      resettleBoth(ctx, note, invoice);
      // The spec answers the bare Allocation (no envelope) with IsDeleted true.
      return jsonResponse(200, { ...renderAllocation(ctx.tenant, note, allocation), IsDeleted: true });
    });
}
