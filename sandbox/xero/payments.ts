/**
 * Payments (xero-api.md §4.5): on AUTHORISED invoices and bills, and on AUTHORISED credit notes as cash refunds, never
 * above what is outstanding; the document becomes PAID at 0 and AUTHORISED again when a payment is deleted.
 * Payments cannot be edited, only deleted (`POST /Payments/{id}` with Status DELETED).
 */
import { runWrite, type BatchSpec, type Checked } from './batch';
import type { AccountingContext } from './context';
import { renderCreditNote } from './credit-notes';
import { msDate, utcString } from './dates';
import { ONE, parseDecimal, ratio, toNumber } from './decimal';
import { envelope } from './envelope';
import { notFound } from './errors';
import { bool, field, has, str, type Json } from './fields';
import type { SandboxRequest, SandboxResponse } from './http-types';
import { newId, ZERO_GUID } from './ids';
import { renderInvoice } from './invoices';
import { balanceOf, documentId, resettle, type MoneyDocument } from './ledger';
import { pagedListResponse } from './list-response';
import { messages } from './messages';
import { positiveAmount, requiredDate } from './money-fields';
import { invoiceStub } from './money-render';
import type { PaymentRecord, TenantData } from './model';
import { paymentAccount, paymentTarget, paymentTypeOf } from './payment-targets';
import { applyModifiedSince } from './query';
import type { Router } from './router';
import type { WriteMode } from './document-routes';

/** A checked write: a payment to create on its document, or a payment to delete. */
type PreparedPayment = { action: 'create' | 'delete'; record: PaymentRecord; doc: MoneyDocument };

/** The document a stored payment was made on. */
function documentOf(tenant: TenantData, payment: PaymentRecord): MoneyDocument | undefined {
  const { kind, id } = payment.target;
  const invoice = kind === 'invoice' ? tenant.invoices.get(id) : undefined;
  const note = kind === 'creditNote' ? tenant.creditNotes.get(id) : undefined;
  if (invoice) return { kind: 'invoice', record: invoice };
  return note && { kind: 'creditNote', record: note };
}

/** What earlier payments of the same request already take from the document. */
function pendingOn(doc: MoneyDocument, accepted: PreparedPayment[]): bigint {
  return accepted
    .filter((p) => p.action === 'create' && p.doc.kind === doc.kind && documentId(p.doc) === documentId(doc))
    .reduce((sum, p) => sum + p.record.Amount, 0n);
}

/**
 * The payment's currency rate: for a document in a foreign currency the one sent (else the document's); for one in
 * the base currency always 1, since the spec says CurrencyRate is "only used for non base currency invoices and
 * credit notes" (a rate sent there is ignored rather than refused; Xero's handling is not documented further).
 */
function currencyRate(tenant: TenantData, element: Json, doc: MoneyDocument, errors: string[]): bigint {
  if (doc.record.CurrencyCode === tenant.reference.organisation.BaseCurrency) return ONE;
  if (!has(element, 'CurrencyRate')) return doc.record.CurrencyRate;
  const rate = parseDecimal(field(element, 'CurrencyRate'));
  if (rate === undefined || rate <= 0n) errors.push(messages.numberInvalid('CurrencyRate'));
  return rate !== undefined && rate > 0n ? rate : ONE;
}

/**
 * Validates a new payment. A document that is not AUTHORISED has nothing outstanding to pay, so such a payment
 * answers both "Payments can only be made against Authorised documents" and the amount message, as Xero's logs show.
 */
function checkNewPayment(ctx: AccountingContext, element: Json, accepted: PreparedPayment[]): Checked<PreparedPayment> {
  const tenant = ctx.tenant;
  const errors: string[] = [];
  const doc = paymentTarget(tenant, element, errors);
  const account = paymentAccount(tenant, element, doc?.record.CurrencyCode, errors);
  const date = requiredDate(element, errors, messages.paymentDateRequired);
  const amount = positiveAmount(element, errors, messages.paymentAmountRequired);
  if (doc) {
    const authorised = doc.record.Status === 'AUTHORISED';
    if (!authorised) errors.push(messages.paymentDocumentNotAuthorised());
    const outstanding = authorised ? balanceOf(tenant, doc).outstanding - pendingOn(doc, accepted) : 0n;
    if (amount !== undefined && amount > outstanding) errors.push(messages.paymentExceedsOutstanding());
  }
  const rate = doc ? currencyRate(tenant, element, doc, errors) : ONE;
  if (errors.length > 0 || !doc || !account || date === undefined || amount === undefined) {
    return { ok: false, errors: [...new Set(errors)] };
  }
  const inDocumentCurrency = account.CurrencyCode !== undefined && account.CurrencyCode === doc.record.CurrencyCode;
  const record: PaymentRecord = {
    PaymentID: newId(),
    target: { kind: doc.kind, id: documentId(doc) },
    AccountID: account.AccountID,
    Date: date,
    Amount: amount,
    BankAmount: inDocumentCurrency ? amount : ratio(amount, rate, 2),
    CurrencyRate: rate,
    Reference: str(element, 'Reference'),
    IsReconciled: bool(element, 'IsReconciled') ?? false,
    Status: 'AUTHORISED',
    PaymentType: paymentTypeOf(doc),
    updatedAt: ctx.clock.now(),
  };
  return { ok: true, prepared: { action: 'create', record, doc } };
}

/** Validates the deletion of a payment: the only change Xero allows, and not on a reconciled one. */
function checkDeletion(ctx: AccountingContext, element: Json, payment: PaymentRecord): Checked<PreparedPayment> {
  const doc = documentOf(ctx.tenant, payment);
  const deleting = str(element, 'Status')?.toUpperCase() === 'DELETED';
  if (payment.Status === 'DELETED' || !deleting || !doc) {
    return { ok: false, errors: [messages.paymentInvalidStatusForModification()] };
  }
  if (payment.IsReconciled) return { ok: false, errors: [messages.paymentReconciled()] };
  return { ok: true, prepared: { action: 'delete', record: payment, doc } };
}

/**
 * JSON of a payment. Its document is shown under `Invoice`, or, for a refund on a credit note, under `CreditNote` in
 * write responses but under `Invoice` (with Type ACCRECCREDIT/ACCPAYCREDIT and the note's ID and number) when read
 * back, as the spec's GET /Payments example and XeroAPI/xero-ruby#48 show real Xero doing.
 */
export function renderPayment(tenant: TenantData, p: PaymentRecord, view: 'write' | 'read'): Json {
  const account = tenant.reference.accounts.find((a) => a.AccountID === p.AccountID);
  const doc = documentOf(tenant, p);
  let target: Json = {};
  if (doc?.kind === 'invoice') target = { Invoice: renderInvoice(tenant, doc.record, 2, view === 'write') };
  else if (doc && view === 'write') target = { CreditNote: renderCreditNote(tenant, doc.record, 2, true) };
  else if (doc) {
    const contact = renderCreditNote(tenant, doc.record, 2, false).Contact;
    target = {
      Invoice: {
        ...invoiceStub({ Type: doc.record.Type, InvoiceID: doc.record.CreditNoteID }),
        InvoiceNumber: doc.record.CreditNoteNumber,
        Contact: contact,
        CurrencyCode: doc.record.CurrencyCode,
      },
    };
  }
  return {
    PaymentID: p.PaymentID,
    Date: msDate(p.Date),
    BankAmount: toNumber(p.BankAmount),
    Amount: toNumber(p.Amount),
    ...(p.Reference !== undefined ? { Reference: p.Reference } : {}),
    CurrencyRate: toNumber(p.CurrencyRate),
    PaymentType: p.PaymentType,
    Status: p.Status,
    UpdatedDateUTC: msDate(p.updatedAt),
    UpdatedDateUTCString: utcString(p.updatedAt),
    HasAccount: true,
    IsReconciled: p.IsReconciled,
    Account: account
      ? { AccountID: account.AccountID, Code: account.Code, Name: account.Name }
      : { AccountID: p.AccountID },
    ...target,
    HasValidationErrors: false,
  };
}

/** Batch rules for payments: PUT and POST create; an element naming a PaymentID (or POST /Payments/{id}) deletes. */
function paymentSpec(ctx: AccountingContext, mode: WriteMode, target?: PaymentRecord): BatchSpec<PreparedPayment> {
  const tenant = ctx.tenant;
  return {
    key: 'Payments',
    check: (element, accepted) => {
      const id = str(element, 'PaymentID');
      const existing =
        target ?? (mode === 'upsert' && id !== undefined && id !== ZERO_GUID ? tenant.payments.get(id) : undefined);
      if (!existing && mode === 'upsert' && id !== undefined && id !== ZERO_GUID) return notFound();
      return existing ? checkDeletion(ctx, element, existing) : checkNewPayment(ctx, element, accepted);
    },
    commit: ({ action, record, doc }) => {
      const now = ctx.clock.now();
      if (action === 'delete') {
        record.Status = 'DELETED';
        record.updatedAt = now;
      } else tenant.payments.set(record.PaymentID, record);
      resettle(tenant, doc, now);
      return renderPayment(tenant, record, 'write');
    },
    echo: (element, errors) => ({
      ...element,
      PaymentID: str(element, 'PaymentID') ?? ZERO_GUID,
      HasValidationErrors: true,
      StatusAttributeString: 'ERROR',
      ValidationErrors: errors.map((Message) => ({ Message })),
    }),
  };
}

/** GET /Payments: deleted payments included (filter with `where=Status=="AUTHORISED"`), `order`, `page`. */
function listPayments(req: SandboxRequest, ctx: AccountingContext): SandboxResponse {
  const rows = [...ctx.tenant.payments.values()].map((p) => renderPayment(ctx.tenant, p, 'read'));
  return pagedListResponse(req, ctx, 'Payments', applyModifiedSince(req, rows));
}

/** Registers the Payments routes. */
export function paymentRoutes(router: Router<AccountingContext>): void {
  router
    .on('GET', '/Payments', listPayments)
    .on('GET', '/Payments/:id', (req, ctx) => {
      const payment = ctx.tenant.payments.get(req.params.id.toLowerCase());
      return payment ? envelope(ctx, 'Payments', [renderPayment(ctx.tenant, payment, 'read')]) : notFound();
    })
    .on('PUT', '/Payments', (req, ctx) => runWrite(req, ctx, paymentSpec(ctx, 'create')))
    .on('POST', '/Payments', (req, ctx) => runWrite(req, ctx, paymentSpec(ctx, 'upsert')))
    .on('POST', '/Payments/:id', (req, ctx) => {
      const payment = ctx.tenant.payments.get(req.params.id.toLowerCase());
      return payment ? runWrite(req, ctx, paymentSpec(ctx, 'upsert', payment)) : notFound();
    });
}
