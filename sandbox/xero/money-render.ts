/** The short forms in which payments and allocations appear inside invoices and credit notes (spec examples). */
import { dateString, msDate } from './dates';
import { toNumber } from './decimal';
import type { Json } from './fields';
import type { AllocationRecord, PaymentRecord, TenantData } from './model';

/** A payment inside a document's Payments[] (as in the spec's GET /Payments/{id} and GET /CreditNotes examples). */
export function paymentSummary(p: PaymentRecord): Json {
  return {
    PaymentID: p.PaymentID,
    Date: msDate(p.Date),
    Amount: toNumber(p.Amount),
    ...(p.Reference !== undefined ? { Reference: p.Reference } : {}),
    CurrencyRate: toNumber(p.CurrencyRate),
    HasAccount: false,
    HasValidationErrors: false,
  };
}

/** A credit note allocated to an invoice, inside the invoice's CreditNotes[]: AppliedAmount is what this allocation applied. */
export function creditedSummary(tenant: TenantData, a: AllocationRecord): Json {
  const note = tenant.creditNotes.get(a.CreditNoteID);
  return {
    CreditNoteID: a.CreditNoteID,
    CreditNoteNumber: note?.CreditNoteNumber ?? '',
    ID: a.CreditNoteID,
    AppliedAmount: toNumber(a.Amount),
    DateString: dateString(a.Date),
    Date: msDate(a.Date),
    LineItems: [],
    ...(note ? { Total: toNumber(note.totals.Total) } : {}),
  };
}

/** An allocation inside a credit note's Allocations[]. */
export function allocationSummary(tenant: TenantData, a: AllocationRecord): Json {
  const invoice = tenant.invoices.get(a.InvoiceID);
  return {
    AllocationID: a.AllocationID,
    Amount: toNumber(a.Amount),
    Date: msDate(a.Date),
    Invoice: invoiceStub({ InvoiceID: a.InvoiceID, ...(invoice ? { InvoiceNumber: invoice.InvoiceNumber } : {}) }),
  };
}

/** A document named inside another as Xero shows it there: the given fields, empty lists, no lines. */
export function invoiceStub(fields: Json): Json {
  return {
    ...fields,
    Payments: [],
    CreditNotes: [],
    Prepayments: [],
    Overpayments: [],
    HasErrors: false,
    IsDiscounted: false,
    LineItems: [],
  };
}
