/**
 * Money applied to invoices and credit notes. Nothing about it is stored on the documents themselves: what has been
 * paid, credited or refunded is always summed from the live payments and allocations, so the two can never disagree.
 */
import type {
  AllocationRecord,
  BillingRecord,
  CreditNoteRecord,
  InvoiceRecord,
  InvoiceStatus,
  PaymentRecord,
  TenantData,
} from './model';

/** A document money can be applied to: an invoice (or bill), or a credit note. */
export type MoneyDocument =
  { kind: 'invoice'; record: InvoiceRecord } | { kind: 'creditNote'; record: CreditNoteRecord };

/** What has been applied to a document and what is left. */
export interface Balance {
  /** Payments on the document (on a credit note: cash refunds). */
  paid: bigint;
  /** Credit-note allocations (on an invoice: credited to it; on a credit note: allocated from it). */
  credited: bigint;
  /** AmountDue of an invoice, RemainingCredit of a credit note; 0 once VOIDED or DELETED. */
  outstanding: bigint;
  /** The live payments, oldest first. */
  payments: PaymentRecord[];
  /** The allocations, oldest first. */
  allocations: AllocationRecord[];
  /** The latest date among the payments and allocations (FullyPaidOnDate once the document is PAID). */
  lastMoveDate?: number;
}

/** The id of a document, whichever kind it is. */
export function documentId(doc: MoneyDocument): string {
  return doc.kind === 'invoice' ? doc.record.InvoiceID : doc.record.CreditNoteID;
}

/** The balance of a document from its live payments and allocations. */
export function balanceOf(tenant: TenantData, doc: MoneyDocument): Balance {
  const id = documentId(doc);
  const payments = [...tenant.payments.values()].filter(
    (p) => p.Status === 'AUTHORISED' && p.target.kind === doc.kind && p.target.id === id,
  );
  const allocations = [...tenant.allocations.values()].filter((a) =>
    doc.kind === 'invoice' ? a.InvoiceID === id : a.CreditNoteID === id,
  );
  const paid = payments.reduce((sum, p) => sum + p.Amount, 0n);
  const credited = allocations.reduce((sum, a) => sum + a.Amount, 0n);
  const closed = doc.record.Status === 'VOIDED' || doc.record.Status === 'DELETED';
  const dates = [...payments.map((p) => p.Date), ...allocations.map((a) => a.Date)];
  return {
    paid,
    credited,
    outstanding: closed ? 0n : doc.record.totals.Total - paid - credited,
    payments,
    allocations,
    lastMoveDate: dates.length > 0 ? Math.max(...dates) : undefined,
  };
}

/** The balance of an invoice. */
export function invoiceBalance(tenant: TenantData, record: InvoiceRecord): Balance {
  return balanceOf(tenant, { kind: 'invoice', record });
}

/** The balance of a credit note (its outstanding amount is RemainingCredit). */
export function creditNoteBalance(tenant: TenantData, record: CreditNoteRecord): Balance {
  return balanceOf(tenant, { kind: 'creditNote', record });
}

/** Whether any payment or allocation is applied to the document, which locks its amounts and forbids voiding it. */
export function carriesMoney(balance: Balance): boolean {
  return balance.payments.length > 0 || balance.allocations.length > 0;
}

/** The status once money has moved: AUTHORISED with nothing outstanding is PAID, PAID with something outstanding is AUTHORISED again. */
export function settledStatus(status: InvoiceStatus, outstanding: bigint): InvoiceStatus {
  if (status === 'AUTHORISED' && outstanding === 0n) return 'PAID';
  if (status === 'PAID' && outstanding !== 0n) return 'AUTHORISED';
  return status;
}

/** Applies settledStatus to a document after a payment or allocation was added or removed, touching UpdatedDateUTC. */
export function resettle(tenant: TenantData, doc: MoneyDocument, now: number): void {
  const record: BillingRecord = doc.record;
  record.Status = settledStatus(record.Status, balanceOf(tenant, doc).outstanding);
  record.updatedAt = now;
}
