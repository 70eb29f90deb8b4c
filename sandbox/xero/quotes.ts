import type { BatchSpec, Checked } from './batch';
import type { AccountingContext } from './context';
import { dateString, msDateNoOffset, parseRequestDate } from './dates';
import { toNumber } from './decimal';
import { documentRoutes } from './document-routes';
import {
  echoDocument,
  lineAmountTypesOf,
  nextDocumentNumber,
  optionalDate,
  pendingContacts,
  prepareCore,
} from './documents';
import { envelope } from './envelope';
import { notFound } from './errors';
import { has, str, type Json } from './fields';
import { queryParam, type SandboxRequest, type SandboxResponse } from './http-types';
import { isGuid, newId, ZERO_GUID } from './ids';
import { renderLine } from './line-items';
import { messages } from './messages';
import type { ContactRecord, QuoteRecord, QuoteStatus, TenantData } from './model';
import { applyModifiedSince, applyOrder, paginate } from './query';
import type { Router } from './router';

const STATUSES: QuoteStatus[] = ['DRAFT', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'DELETED'];
const CREATE_STATUSES: QuoteStatus[] = ['DRAFT', 'SENT'];
const EDITABLE_LINES: QuoteStatus[] = ['DRAFT', 'SENT'];
const LINE_AMOUNT_TYPES = { exclusive: 'EXCLUSIVE', inclusive: 'INCLUSIVE', notax: 'NOTAX' } as const;

/** The sandbox's working model of quote status changes (xero-api.md §4.4). */
const TRANSITIONS: Record<QuoteStatus, QuoteStatus[]> = {
  DRAFT: ['DRAFT', 'SENT', 'DELETED'],
  SENT: ['SENT', 'ACCEPTED', 'DECLINED', 'DRAFT', 'DELETED'],
  ACCEPTED: ['ACCEPTED', 'SENT', 'INVOICED', 'DELETED'],
  DECLINED: ['DECLINED', 'SENT', 'DELETED'],
  INVOICED: ['INVOICED'],
  DELETED: [],
};

/** A validated quote ready to save. */
interface PreparedQuote {
  record: QuoteRecord;
  autoNumber: boolean;
  savedContact?: ContactRecord;
}

/** Whether a quote number is taken by another non-deleted quote. */
function numberTaken(tenant: TenantData, number: string, except?: string): boolean {
  return [...tenant.quotes.values()].some(
    (q) => q.Status !== 'DELETED' && q.QuoteID !== except && q.QuoteNumber.toLowerCase() === number.toLowerCase(),
  );
}

/** Validates a quote create or update. */
function checkQuote(
  ctx: AccountingContext,
  element: Json,
  existing: QuoteRecord | undefined,
  accepted: PreparedQuote[],
  dp: 2 | 4,
): Checked<PreparedQuote> {
  const errors: string[] = [];
  const status = (str(element, 'Status')?.toUpperCase() ?? existing?.Status ?? 'DRAFT') as QuoteStatus;
  if (!STATUSES.includes(status)) errors.push(messages.quoteStatusInvalid(status));
  else if (!existing && !CREATE_STATUSES.includes(status)) errors.push(messages.quoteStatusTransition('DRAFT', status));
  else if (existing && !TRANSITIONS[existing.Status].includes(status)) {
    errors.push(messages.quoteStatusTransition(existing.Status, status));
  }
  if (existing && has(element, 'LineItems') && !EDITABLE_LINES.includes(existing.Status)) {
    errors.push(messages.quoteStatusTransition(existing.Status, existing.Status));
  }
  const lineAmountTypes = lineAmountTypesOf(
    element,
    LINE_AMOUNT_TYPES,
    existing?.LineAmountTypes ?? 'EXCLUSIVE',
    errors,
  );
  const prepared = prepareCore(
    ctx,
    element,
    { side: 'sales', mode: lineAmountTypes.mode, unitDp: dp, allowDiscount: true, requireAccount: false },
    existing,
    pendingContacts(accepted),
  );
  errors.push(...prepared.errors);
  const number = str(element, 'QuoteNumber') ?? existing?.QuoteNumber;
  if (number !== undefined && number !== '') {
    const inBatch = accepted.some((p) => p.record.QuoteNumber.toLowerCase() === number.toLowerCase());
    if (numberTaken(ctx.tenant, number, existing?.QuoteID) || inBatch) errors.push(messages.quoteNumberNotUnique());
  }
  for (const [key, max] of [
    ['Title', 100],
    ['Summary', 3000],
    ['Terms', 4000],
    ['Reference', 4000],
  ] as const) {
    const v = str(element, key);
    if (v !== undefined && v.length > max) errors.push(messages.fieldTooLong(key, max));
  }
  const expiry = optionalDate(element, 'ExpiryDate', errors) ?? existing?.ExpiryDate;
  if (errors.length > 0) return { ok: false, errors: [...new Set(errors)] };
  const record: QuoteRecord = {
    ...prepared.core,
    updatedAt: ctx.clock.now(),
    QuoteID: existing?.QuoteID ?? newId(),
    QuoteNumber: number ?? '',
    Status: status,
    LineAmountTypes: lineAmountTypes.value,
    ExpiryDate: expiry,
    Title: str(element, 'Title') ?? existing?.Title,
    Summary: str(element, 'Summary') ?? existing?.Summary,
    Terms: str(element, 'Terms') ?? existing?.Terms,
  };
  return {
    ok: true,
    prepared: { record, autoNumber: number === undefined || number === '', savedContact: prepared.savedContact },
  };
}

/** JSON of a quote; its dates are `/Date(ms)/` without an offset, as in the spec examples. */
export function renderQuote(tenant: TenantData, q: QuoteRecord, dp: 2 | 4): Json {
  const contact = tenant.contacts.get(q.ContactID);
  return {
    QuoteID: q.QuoteID,
    QuoteNumber: q.QuoteNumber,
    ...(q.Reference !== undefined ? { Reference: q.Reference } : {}),
    ...(q.Terms !== undefined ? { Terms: q.Terms } : {}),
    Contact: contact
      ? {
          ContactID: contact.ContactID,
          Name: contact.Name,
          ...(contact.EmailAddress ? { EmailAddress: contact.EmailAddress } : {}),
        }
      : { ContactID: q.ContactID },
    LineItems: q.lines.map((l) => renderLine(l, dp)),
    Date: msDateNoOffset(q.Date),
    DateString: dateString(q.Date),
    ...(q.ExpiryDate !== undefined
      ? { ExpiryDate: msDateNoOffset(q.ExpiryDate), ExpiryDateString: dateString(q.ExpiryDate) }
      : {}),
    Status: q.Status,
    CurrencyRate: toNumber(q.CurrencyRate),
    CurrencyCode: q.CurrencyCode,
    SubTotal: toNumber(q.totals.SubTotal),
    TotalTax: toNumber(q.totals.TotalTax),
    Total: toNumber(q.totals.Total),
    TotalDiscount: toNumber(q.totals.TotalDiscount),
    ...(q.Title !== undefined ? { Title: q.Title } : {}),
    ...(q.Summary !== undefined ? { Summary: q.Summary } : {}),
    ...(q.BrandingThemeID !== undefined ? { BrandingThemeID: q.BrandingThemeID } : {}),
    UpdatedDateUTC: msDateNoOffset(q.updatedAt),
    LineAmountTypes: q.LineAmountTypes,
  };
}

/** Finds a quote by QuoteID or QuoteNumber. */
function findQuote(tenant: TenantData, idOrNumber: string): QuoteRecord | undefined {
  if (isGuid(idOrNumber)) return tenant.quotes.get(idOrNumber);
  return [...tenant.quotes.values()].find((q) => q.QuoteNumber.toLowerCase() === idOrNumber.toLowerCase());
}

/** Batch rules for quotes. */
function quoteSpec(
  ctx: AccountingContext,
  dp: 2 | 4,
  mode: 'create' | 'upsert',
  target?: QuoteRecord,
): BatchSpec<PreparedQuote> {
  const tenant = ctx.tenant;
  return {
    key: 'Quotes',
    check: (element, accepted) => {
      let existing = target;
      if (!existing && mode === 'upsert') {
        const id = str(element, 'QuoteID');
        if (id !== undefined && id !== ZERO_GUID) {
          existing = tenant.quotes.get(id);
          if (!existing) return notFound();
        }
      }
      return checkQuote(ctx, element, existing, accepted, dp);
    },
    commit: ({ record, autoNumber, savedContact }) => {
      if (savedContact) tenant.contacts.set(savedContact.ContactID, savedContact);
      if (autoNumber) {
        record.QuoteNumber = nextDocumentNumber('QU-', tenant.counters, 'quote', (n) => numberTaken(tenant, n));
      }
      tenant.quotes.set(record.QuoteID, record);
      return renderQuote(tenant, record, dp);
    },
    echo: (element, errors) => echoDocument(element, 'QuoteID', errors),
    extra: (summarize) => ({ SummarizeErrors: summarize }),
  };
}

/** Xero's Quotes endpoints take no `unitdp`: unit amounts are always kept and shown to 2 decimals. */
const QUOTE_UNIT_DP = 2;

/** GET /Quotes with DateFrom/DateTo/ExpiryDateFrom/ExpiryDateTo/ContactID/Status/QuoteNumber/page/order. */
function listQuotes(req: SandboxRequest, ctx: AccountingContext): SandboxResponse {
  const bound = (name: string) => parseRequestDate(queryParam(req, name));
  const [from, to, expFrom, expTo] = ['DateFrom', 'DateTo', 'ExpiryDateFrom', 'ExpiryDateTo'].map(bound);
  const contactId = queryParam(req, 'ContactID');
  const status = queryParam(req, 'Status')?.toUpperCase();
  const number = queryParam(req, 'QuoteNumber')?.toLowerCase();
  const quotes = [...ctx.tenant.quotes.values()].filter(
    (q) =>
      (from === undefined || q.Date >= from) &&
      (to === undefined || q.Date <= to) &&
      (expFrom === undefined || (q.ExpiryDate !== undefined && q.ExpiryDate >= expFrom)) &&
      (expTo === undefined || (q.ExpiryDate !== undefined && q.ExpiryDate <= expTo)) &&
      (contactId === undefined || q.ContactID === contactId) &&
      (status === undefined || q.Status === status) &&
      (number === undefined || q.QuoteNumber.toLowerCase() === number),
  );
  const rows = applyModifiedSince(
    req,
    quotes.map((q) => renderQuote(ctx.tenant, q, QUOTE_UNIT_DP)),
  );
  const page = paginate(req, applyOrder(req, rows));
  return envelope(ctx, 'Quotes', page.rows, page.pagination ? { pagination: page.pagination } : {});
}

/** Registers the Quotes routes. */
export function quoteRoutes(router: Router<AccountingContext>): void {
  router.on('GET', '/Quotes', listQuotes);
  documentRoutes(router, {
    key: 'Quotes',
    find: findQuote,
    render: (_req, ctx, quote) => renderQuote(ctx.tenant, quote, QUOTE_UNIT_DP),
    spec: (_req, ctx, mode, target) => quoteSpec(ctx, QUOTE_UNIT_DP, mode, target),
  });
}
