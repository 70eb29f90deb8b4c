import type { BatchSpec, Checked } from './batch';
import { INVOICE_WORDS } from './billing-status';
import { billingFields, checkBilling, concludeBilling, type BillingType, type PreparedBilling } from './billing';
import { unitDp, type AccountingContext } from './context';
import { billingJson } from './billing-render';
import { msDate } from './dates';
import { toNumber } from './decimal';
import { documentRoutes, type WriteMode } from './document-routes';
import { billingSpec, type BillingCheck } from './billing-spec';
import { findByIdOrNumber, type NumberedDocuments } from './document-lookup';
import { optionalDate } from './documents';
import { bool, str, type Json } from './fields';
import { queryBool, queryParam, type SandboxRequest, type SandboxResponse } from './http-types';
import { newId } from './ids';
import { invoiceBalance } from './ledger';
import { messages } from './messages';
import { creditedSummary, paymentSummary } from './money-render';
import type { InvoiceRecord, TenantData } from './model';
import { applyModifiedSince, applySearchTerm, filterByList } from './query';
import { pagedListResponse } from './list-response';
import type { Router } from './router';

/** A validated invoice ready to save. */
type PreparedInvoice = PreparedBilling<InvoiceRecord>;

/** The tenant's invoices as numbered documents. */
function invoiceDocs(tenant: TenantData): NumberedDocuments<InvoiceRecord> {
  return {
    records: tenant.invoices,
    idOf: (i) => i.InvoiceID,
    numberOf: (i) => i.InvoiceNumber,
  };
}

/** Finds an invoice by InvoiceID or InvoiceNumber (preferring a non-deleted match). */
export function findInvoice(tenant: TenantData, idOrNumber: string): InvoiceRecord | undefined {
  return findByIdOrNumber(invoiceDocs(tenant), idOrNumber);
}

/** Invoices as billing documents (billing.ts). */
const INVOICES: BillingType<InvoiceRecord> = {
  key: 'Invoices',
  idField: 'InvoiceID',
  words: INVOICE_WORDS,
  salesType: 'ACCREC',
  purchaseType: 'ACCPAY',
  salesDiscounts: true,
  numberField: 'InvoiceNumber',
  numberNotUnique: messages.invoiceNumberNotUnique,
  numberPrefix: 'INV-',
  counter: 'invoice',
  setNumber: (invoice, number) => (invoice.InvoiceNumber = number),
  lockedFields: ['Type', 'ExpectedPaymentDate', 'PlannedPaymentDate', 'SentToContact'],
  docs: invoiceDocs,
  balance: invoiceBalance,
};

/** Validates an invoice create (existing undefined) or update against the organisation and this batch. */
function checkInvoice(
  ctx: AccountingContext,
  element: Json,
  existing: InvoiceRecord | undefined,
  accepted: PreparedInvoice[],
  dp: 2 | 4,
): Checked<PreparedInvoice> {
  const checked = checkBilling(ctx, INVOICES, element, existing, accepted, dp);
  const { type, status } = checked;
  const errors: string[] = [];
  if (type !== 'ACCREC' && type !== 'ACCPAY') errors.push(messages.invoiceTypeRequired());
  if ((status === 'SUBMITTED' || status === 'AUTHORISED') && checked.dueDate === undefined)
    errors.push(messages.dueDateRequired());
  return concludeBilling(INVOICES, checked, existing, errors, () => ({
    ...billingFields(ctx, INVOICES, checked),
    InvoiceID: existing?.InvoiceID ?? newId(),
    Type: type as InvoiceRecord['Type'],
    InvoiceNumber: checked.number,
    ExpectedPaymentDate: optionalDate(element, 'ExpectedPaymentDate', []) ?? existing?.ExpectedPaymentDate,
    PlannedPaymentDate: optionalDate(element, 'PlannedPaymentDate', []) ?? existing?.PlannedPaymentDate,
    Url: str(element, 'Url') ?? existing?.Url,
    SentToContact: bool(element, 'SentToContact') ?? existing?.SentToContact ?? false,
    createdByClientId: existing?.createdByClientId ?? ctx.clientId,
  }));
}

/** JSON of an invoice, with the payments and credit notes applied to it; line items only when asked for. */
export function renderInvoice(tenant: TenantData, inv: InvoiceRecord, dp: 2 | 4, withLines: boolean): Json {
  const balance = invoiceBalance(tenant, inv);
  return {
    Type: inv.Type,
    InvoiceID: inv.InvoiceID,
    InvoiceNumber: inv.InvoiceNumber,
    ...(inv.Reference !== undefined ? { Reference: inv.Reference } : {}),
    Payments: balance.payments.map(paymentSummary),
    CreditNotes: balance.allocations.map((a) => creditedSummary(tenant, a)),
    Prepayments: [],
    Overpayments: [],
    AmountDue: toNumber(balance.outstanding),
    AmountPaid: toNumber(balance.paid),
    AmountCredited: toNumber(balance.credited),
    IsDiscounted: inv.totals.TotalDiscount !== 0n,
    SentToContact: inv.SentToContact,
    ...billingJson(tenant, inv, balance, dp, withLines),
    ...(inv.ExpectedPaymentDate !== undefined ? { ExpectedPaymentDate: msDate(inv.ExpectedPaymentDate) } : {}),
    ...(inv.PlannedPaymentDate !== undefined ? { PlannedPaymentDate: msDate(inv.PlannedPaymentDate) } : {}),
    ...(inv.Url !== undefined ? { Url: inv.Url } : {}),
    ...(inv.totals.TotalDiscount !== 0n ? { TotalDiscount: toNumber(inv.totals.TotalDiscount) } : {}),
  };
}

/** Batch rules for invoices (billing-spec.ts); saving an ACCREC invoice makes its contact a customer, ACCPAY a supplier. */
function invoiceSpec(
  ctx: AccountingContext,
  dp: 2 | 4,
  mode: WriteMode,
  target?: InvoiceRecord,
): BatchSpec<PreparedInvoice> {
  const check: BillingCheck<InvoiceRecord> = (element, existing, accepted) =>
    checkInvoice(ctx, element, existing, accepted, dp);
  return billingSpec(ctx, INVOICES, mode, target, check, (record) => {
    const contact = ctx.tenant.contacts.get(record.ContactID);
    if (contact && record.Type === 'ACCREC') contact.IsCustomer = true;
    if (contact && record.Type === 'ACCPAY') contact.IsSupplier = true;
    return renderInvoice(ctx.tenant, record, dp, true);
  });
}

/** GET /Invoices: list filters; line items only with `page`. */
function listInvoices(req: SandboxRequest, ctx: AccountingContext): SandboxResponse {
  const dp = unitDp(req);
  const paged = queryParam(req, 'page') !== undefined;
  const createdByMyApp = queryBool(req, 'createdByMyApp') ?? false;
  let rows = [...ctx.tenant.invoices.values()]
    .filter((i) => !createdByMyApp || i.createdByClientId === ctx.clientId)
    .map((i) => renderInvoice(ctx.tenant, i, dp, paged));
  rows = filterByList(req, applyModifiedSince(req, rows), 'IDs', 'InvoiceID');
  rows = filterByList(req, rows, 'InvoiceNumbers', 'InvoiceNumber');
  rows = filterByList(req, rows, 'ContactIDs', 'Contact.ContactID');
  rows = filterByList(req, rows, 'Statuses', 'Status');
  return pagedListResponse(req, ctx, 'Invoices', applySearchTerm(req, rows, ['InvoiceNumber', 'Reference']));
}

/** Registers the Invoices routes. */
export function invoiceRoutes(router: Router<AccountingContext>): void {
  router.on('GET', '/Invoices', listInvoices);
  documentRoutes(router, {
    key: 'Invoices',
    find: findInvoice,
    render: (req, ctx, invoice) => renderInvoice(ctx.tenant, invoice, unitDp(req), true),
    spec: (req, ctx, mode, target) => invoiceSpec(ctx, unitDp(req), mode, target),
  });
}
