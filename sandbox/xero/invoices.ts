import { runBatch, type BatchSpec, type Checked } from './batch';
import { renderContactSummary } from './contacts';
import { isResponse, parseElements, summarizeErrors, unitDp, type AccountingContext } from './context';
import { dateString, msDate, utcString } from './dates';
import { toNumber } from './decimal';
import { echoDocument, nextDocumentNumber, optionalDate, pendingContacts, prepareCore, taxMode } from './documents';
import { envelope } from './envelope';
import { notFound } from './errors';
import { bool, isObject, str, type Json } from './fields';
import { queryBool, queryParam, type SandboxRequest, type SandboxResponse } from './http-types';
import { isGuid, newId, ZERO_GUID } from './ids';
import { renderLine } from './line-items';
import { messages } from './messages';
import type { ContactRecord, InvoiceRecord, InvoiceStatus, TenantData } from './model';
import { applyModifiedSince, applySearchTerm, filterByList } from './query';
import { pagedListResponse } from './list-response';
import type { Router } from './router';

const CREATE_STATUSES: InvoiceStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];
const ALL_STATUSES: InvoiceStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'];
const LINE_AMOUNT_TYPES = { exclusive: 'Exclusive', inclusive: 'Inclusive', notax: 'NoTax' } as const;

/** Status changes Xero allows from each status (payments aside). */
const TRANSITIONS: Record<InvoiceStatus, InvoiceStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: [],
  DELETED: [],
};

/** A validated invoice ready to save, plus a contact to create first when the invoice named a new one. */
interface PreparedInvoice {
  record: InvoiceRecord;
  autoNumber: boolean;
  savedContact?: ContactRecord;
}

/** Whether an ACCREC invoice number is taken by another non-deleted sales invoice. */
function numberTaken(tenant: TenantData, number: string, except?: string): boolean {
  const wanted = number.toLowerCase();
  return [...tenant.invoices.values()].some(
    (i) =>
      i.Type === 'ACCREC' &&
      i.Status !== 'DELETED' &&
      i.InvoiceID !== except &&
      i.InvoiceNumber.toLowerCase() === wanted,
  );
}

/** Finds an invoice by InvoiceID or InvoiceNumber (preferring a non-deleted match). */
function findInvoice(tenant: TenantData, idOrNumber: string): InvoiceRecord | undefined {
  if (isGuid(idOrNumber)) return tenant.invoices.get(idOrNumber);
  const matches = [...tenant.invoices.values()].filter(
    (i) => i.InvoiceNumber.toLowerCase() === idOrNumber.toLowerCase(),
  );
  return matches.find((i) => i.Status !== 'DELETED') ?? matches[0];
}

/** Validates an invoice create (existing undefined) or update against the organisation and this batch. */
function checkInvoice(
  ctx: AccountingContext,
  element: Json,
  existing: InvoiceRecord | undefined,
  accepted: PreparedInvoice[],
  dp: 2 | 4,
): Checked<PreparedInvoice> {
  const errors: string[] = [];
  const type = (str(element, 'Type') ?? existing?.Type)?.toUpperCase();
  if (type !== 'ACCREC' && type !== 'ACCPAY') errors.push(messages.invoiceTypeRequired());
  const status = (str(element, 'Status')?.toUpperCase() ?? existing?.Status ?? 'DRAFT') as InvoiceStatus;
  if (!existing && !CREATE_STATUSES.includes(status)) errors.push(messages.invalidStatusForCreation(status));
  if (existing && (!ALL_STATUSES.includes(status) || !TRANSITIONS[existing.Status].includes(status))) {
    errors.push(messages.invalidStatusForModification());
  }
  const latValue = str(element, 'LineAmountTypes');
  const mode = latValue === undefined ? undefined : taxMode(latValue);
  if (latValue !== undefined && mode === undefined) errors.push(messages.lineAmountTypesInvalid(latValue));
  const lineAmountTypes = mode ? LINE_AMOUNT_TYPES[mode] : (existing?.LineAmountTypes ?? 'Exclusive');
  const prepared = prepareCore(
    ctx,
    element,
    {
      side: type === 'ACCPAY' ? 'purchase' : 'sales',
      mode: taxMode(lineAmountTypes)!,
      unitDp: dp,
      allowDiscount: type !== 'ACCPAY',
      requireAccount: status === 'SUBMITTED' || status === 'AUTHORISED',
    },
    existing,
    pendingContacts(accepted),
  );
  errors.push(...prepared.errors);
  const dueDate = optionalDate(element, 'DueDate', errors) ?? existing?.DueDate;
  if ((status === 'SUBMITTED' || status === 'AUTHORISED') && dueDate === undefined)
    errors.push(messages.dueDateRequired());
  const number = str(element, 'InvoiceNumber') ?? existing?.InvoiceNumber;
  if (number !== undefined && number.length > 255) errors.push(messages.fieldTooLong('InvoiceNumber', 255));
  if (type === 'ACCREC' && number !== undefined && number !== '' && status !== 'DELETED') {
    const inBatch = accepted.some(
      (p) => p.record.Type === 'ACCREC' && p.record.InvoiceNumber.toLowerCase() === number.toLowerCase(),
    );
    if (numberTaken(ctx.tenant, number, existing?.InvoiceID) || inBatch) errors.push(messages.invoiceNumberNotUnique());
  }
  if (errors.length > 0) return { ok: false, errors: [...new Set(errors)] };
  const core = prepared.core;
  const finalStatus: InvoiceStatus = status === 'AUTHORISED' && core.totals.Total === 0n ? 'PAID' : status;
  const record: InvoiceRecord = {
    ...core,
    Reference: type === 'ACCREC' ? core.Reference : undefined,
    updatedAt: ctx.clock.now(),
    InvoiceID: existing?.InvoiceID ?? newId(),
    Type: type as 'ACCREC' | 'ACCPAY',
    InvoiceNumber: number ?? '',
    Status: finalStatus,
    LineAmountTypes: lineAmountTypes,
    DueDate: dueDate,
    ExpectedPaymentDate: optionalDate(element, 'ExpectedPaymentDate', []) ?? existing?.ExpectedPaymentDate,
    PlannedPaymentDate: optionalDate(element, 'PlannedPaymentDate', []) ?? existing?.PlannedPaymentDate,
    Url: str(element, 'Url') ?? existing?.Url,
    SentToContact: bool(element, 'SentToContact') ?? existing?.SentToContact ?? false,
    AmountPaid: existing?.AmountPaid ?? 0n,
    AmountCredited: existing?.AmountCredited ?? 0n,
    createdByClientId: existing?.createdByClientId ?? ctx.clientId,
  };
  return {
    ok: true,
    prepared: {
      record,
      autoNumber: type === 'ACCREC' && (number === undefined || number === ''),
      savedContact: prepared.savedContact,
    },
  };
}

/** JSON of an invoice; line items only when asked for (single GET, paged list, writes). */
export function renderInvoice(tenant: TenantData, inv: InvoiceRecord, dp: 2 | 4, withLines: boolean): Json {
  const contact = tenant.contacts.get(inv.ContactID);
  const closed = inv.Status === 'VOIDED' || inv.Status === 'DELETED';
  const amountDue = closed ? 0n : inv.totals.Total - inv.AmountPaid - inv.AmountCredited;
  const out: Json = {
    Type: inv.Type,
    InvoiceID: inv.InvoiceID,
    InvoiceNumber: inv.InvoiceNumber,
    ...(inv.Reference !== undefined ? { Reference: inv.Reference } : {}),
    Payments: [],
    CreditNotes: [],
    Prepayments: [],
    Overpayments: [],
    AmountDue: toNumber(amountDue),
    AmountPaid: toNumber(inv.AmountPaid),
    AmountCredited: toNumber(inv.AmountCredited),
    CurrencyRate: toNumber(inv.CurrencyRate),
    IsDiscounted: inv.totals.TotalDiscount !== 0n,
    HasAttachments: false,
    HasErrors: false,
    SentToContact: inv.SentToContact,
    Contact: contact ? renderContactSummary(contact) : { ContactID: inv.ContactID },
    DateString: dateString(inv.Date),
    Date: msDate(inv.Date),
    ...(inv.DueDate !== undefined ? { DueDateString: dateString(inv.DueDate), DueDate: msDate(inv.DueDate) } : {}),
    ...(inv.ExpectedPaymentDate !== undefined ? { ExpectedPaymentDate: msDate(inv.ExpectedPaymentDate) } : {}),
    ...(inv.PlannedPaymentDate !== undefined ? { PlannedPaymentDate: msDate(inv.PlannedPaymentDate) } : {}),
    ...(inv.BrandingThemeID !== undefined ? { BrandingThemeID: inv.BrandingThemeID } : {}),
    ...(inv.Url !== undefined ? { Url: inv.Url } : {}),
    Status: inv.Status,
    LineAmountTypes: inv.LineAmountTypes,
    LineItems: withLines ? inv.lines.map((l) => renderLine(l, dp)) : [],
    SubTotal: toNumber(inv.totals.SubTotal),
    TotalTax: toNumber(inv.totals.TotalTax),
    Total: toNumber(inv.totals.Total),
    ...(inv.totals.TotalDiscount !== 0n ? { TotalDiscount: toNumber(inv.totals.TotalDiscount) } : {}),
    UpdatedDateUTC: msDate(inv.updatedAt),
    UpdatedDateUTCString: utcString(inv.updatedAt),
    CurrencyCode: inv.CurrencyCode,
  };
  return out;
}

/** Batch rules for invoices: PUT creates only, POST upserts by InvoiceID or ACCREC InvoiceNumber. */
function invoiceSpec(
  ctx: AccountingContext,
  dp: 2 | 4,
  mode: 'create' | 'upsert',
  target?: InvoiceRecord,
): BatchSpec<PreparedInvoice> {
  const tenant = ctx.tenant;
  return {
    key: 'Invoices',
    check: (element, accepted) => {
      let existing = target;
      if (!existing && mode === 'upsert') {
        const id = str(element, 'InvoiceID');
        if (id !== undefined && id !== ZERO_GUID) {
          existing = tenant.invoices.get(id);
          if (!existing) return notFound();
        } else {
          const number = str(element, 'InvoiceNumber');
          const candidate = number === undefined ? undefined : findInvoice(tenant, number);
          if (candidate && candidate.Type === 'ACCREC' && candidate.Status !== 'DELETED') existing = candidate;
        }
      }
      return checkInvoice(ctx, element, existing, accepted, dp);
    },
    commit: ({ record, autoNumber, savedContact }) => {
      if (savedContact) tenant.contacts.set(savedContact.ContactID, savedContact);
      if (autoNumber) {
        const counter = { value: tenant.counters.invoice };
        record.InvoiceNumber = nextDocumentNumber('INV-', counter, (n) => numberTaken(tenant, n));
        tenant.counters.invoice = counter.value;
      }
      const contact = tenant.contacts.get(record.ContactID);
      if (contact && record.Type === 'ACCREC') contact.IsCustomer = true;
      if (contact && record.Type === 'ACCPAY') contact.IsSupplier = true;
      tenant.invoices.set(record.InvoiceID, record);
      return renderInvoice(tenant, record, dp, true);
    },
    echo: (element, errors) => echoDocument(element, 'InvoiceID', errors, { HasErrors: true }),
  };
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

/** Runs an invoices write request. */
function write(
  req: SandboxRequest,
  ctx: AccountingContext,
  mode: 'create' | 'upsert',
  target?: InvoiceRecord,
): SandboxResponse {
  const elements = parseElements(req, 'Invoices');
  if (isResponse(elements)) return elements;
  return runBatch(ctx, invoiceSpec(ctx, unitDp(req), mode, target), elements.filter(isObject), summarizeErrors(req));
}

/** Registers the Invoices routes. */
export function invoiceRoutes(router: Router<AccountingContext>): void {
  router
    .on('GET', '/Invoices', listInvoices)
    .on('GET', '/Invoices/:id', (req, ctx) => {
      const invoice = findInvoice(ctx.tenant, req.params.id);
      return invoice ? envelope(ctx, 'Invoices', [renderInvoice(ctx.tenant, invoice, unitDp(req), true)]) : notFound();
    })
    .on('PUT', '/Invoices', (req, ctx) => write(req, ctx, 'create'))
    .on('POST', '/Invoices', (req, ctx) => write(req, ctx, 'upsert'))
    .on('POST', '/Invoices/:id', (req, ctx) => {
      const invoice = findInvoice(ctx.tenant, req.params.id);
      return invoice ? write(req, ctx, 'upsert', invoice) : notFound();
    });
}
