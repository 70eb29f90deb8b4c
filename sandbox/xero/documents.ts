import type { TaxMode } from './calc';
import { computeTotals } from './calc';
import type { AccountingContext } from './context';
import { contactNamedOnDocument, findActiveContactByName, findContactByNumber, sameContactName } from './contacts';
import { startOfDay, parseRequestDate } from './dates';
import { ONE, parseDecimal } from './decimal';
import { has, list, obj, str, type Json } from './fields';
import { echoLines, lineToInput, prepareLines, type LineRules } from './line-items';
import { ZERO_GUID } from './ids';
import { messages } from './messages';
import type { ContactRecord, DocumentCore, TenantData } from './model';

/** The shared part of an invoice or quote, validated; the contact it names by Name, to save on commit. */
export interface PreparedCore {
  core: Omit<DocumentCore, 'updatedAt'>;
  savedContact?: ContactRecord;
  errors: string[];
}

/**
 * Resolves the document's Contact by ContactID, ContactNumber or Name. A Contact given by Name (no ID) is checked
 * as PUT /Contacts checks it; it creates the contact when no active contact has the name, else it is the active
 * contact of that name, updated with any other fields sent. `pending` holds contacts that earlier documents of
 * the same request will create, once per request.
 */
function resolveContact(
  ctx: AccountingContext,
  element: Json,
  pending: ContactRecord[],
  errors: string[],
): { contact?: ContactRecord; saved?: ContactRecord } {
  const contact = obj(element, 'Contact');
  if (!contact) {
    errors.push(messages.contactRequired());
    return {};
  }
  const id = str(contact, 'ContactID');
  if (id !== undefined) {
    const found = ctx.tenant.contacts.get(id);
    if (!found) errors.push(messages.contactNotFound(id));
    else if (found.ContactStatus === 'ARCHIVED') errors.push(messages.contactArchivedOnDocument(id));
    return { contact: found };
  }
  const number = str(contact, 'ContactNumber');
  if (number !== undefined) {
    const found = findContactByNumber(ctx.tenant, number);
    if (found) return { contact: found };
  }
  const name = str(contact, 'Name');
  if (name === undefined) {
    errors.push(messages.contactRequired());
    return {};
  }
  const planned = pending.find((c) => sameContactName(c.Name, name));
  const existing = findActiveContactByName(ctx.tenant, name) ?? planned;
  const onlyNamed = Object.keys(contact).every((key) => key === 'Name' || key === 'ContactNumber');
  if (existing && onlyNamed) return { contact: existing, saved: existing === planned ? planned : undefined };
  const checked = contactNamedOnDocument(ctx, contact, existing);
  if (!checked.ok) {
    errors.push(...checked.errors);
    return {};
  }
  return { contact: checked.prepared, saved: checked.prepared };
}

/** Contacts that the documents accepted so far in a request will create, for later documents to reuse. */
export function pendingContacts(accepted: Array<{ savedContact?: ContactRecord }>): ContactRecord[] {
  return accepted.flatMap((p) => (p.savedContact ? [p.savedContact] : []));
}

/** Parses an optional date field into epoch ms, recording an error when it is not a date. */
export function optionalDate(element: Json, name: string, errors: string[]): number | undefined {
  if (!has(element, name)) return undefined;
  const ms = parseRequestDate(str(element, name));
  if (ms === undefined) errors.push(messages.invalidDate(name));
  return ms;
}

/**
 * Validates what invoices and quotes share: contact, date (default today), currency enabled on the
 * organisation, branding theme, and every line; computes the lines and totals. `current` supplies values
 * for fields an update leaves out; `pending` holds contacts that earlier elements of the request will create.
 */
export function prepareCore(
  ctx: AccountingContext,
  element: Json,
  rules: LineRules,
  current?: DocumentCore,
  pending: ContactRecord[] = [],
): PreparedCore {
  const errors: string[] = [];
  const ref = ctx.tenant.reference;
  let contactId = current?.ContactID;
  let saved: ContactRecord | undefined;
  if (!current || has(element, 'Contact')) {
    const resolved = resolveContact(ctx, element, pending, errors);
    contactId = resolved.contact?.ContactID;
    saved = resolved.saved;
  }
  const date = optionalDate(element, 'Date', errors) ?? current?.Date ?? startOfDay(ctx.clock.now());
  const currency = (
    str(element, 'CurrencyCode') ??
    current?.CurrencyCode ??
    ref.organisation.BaseCurrency
  ).toUpperCase();
  if (!ref.currencies.some((c) => c.Code === currency)) errors.push(messages.currencyNotSubscribed(currency));
  const rate = has(element, 'CurrencyRate') ? parseDecimal(str(element, 'CurrencyRate')) : undefined;
  const brandingThemeId = str(element, 'BrandingThemeID') ?? current?.BrandingThemeID;
  if (brandingThemeId !== undefined && !ref.brandingThemes.some((b) => b.BrandingThemeID === brandingThemeId)) {
    errors.push(messages.brandingThemeNotFound(brandingThemeId));
  }
  const keepTax = !has(element, 'LineAmountTypes');
  const rawLines = list(element, 'LineItems') ?? current?.lines.map((l) => lineToInput(l, keepTax)) ?? [];
  const prepared = prepareLines(ctx.tenant, rawLines, rules);
  errors.push(...prepared.errors);
  const lines = prepared.lines;
  const totals = computeTotals(
    lines.map((l) => ({ lineAmount: l.LineAmount, taxAmount: l.TaxAmount, grossAmount: l.GrossAmount })),
    rules.mode,
  );
  return {
    core: {
      ContactID: contactId ?? '',
      Date: date,
      CurrencyCode: currency,
      CurrencyRate: currency === ref.organisation.BaseCurrency ? ONE : (rate ?? current?.CurrencyRate ?? ONE),
      BrandingThemeID: brandingThemeId ?? ref.brandingThemes[0]?.BrandingThemeID,
      Reference: str(element, 'Reference') ?? current?.Reference,
      lines,
      totals,
    },
    savedContact: saved,
    errors: [...new Set(errors)],
  };
}

/** Maps an invoice/quote LineAmountTypes value (any case) to a tax mode. */
export function taxMode(value: string): TaxMode | undefined {
  const v = value.toLowerCase();
  return v === 'exclusive' ? 'exclusive' : v === 'inclusive' ? 'inclusive' : v === 'notax' ? 'notax' : undefined;
}

/** The element's LineAmountTypes (any case) spelt as `names` spells it, else `current`; records a bad value. */
export function lineAmountTypesOf<S extends string>(
  element: Json,
  names: Record<TaxMode, S>,
  current: S,
  errors: string[],
): { value: S; mode: TaxMode } {
  const given = str(element, 'LineAmountTypes');
  const mode = given === undefined ? undefined : taxMode(given);
  if (given !== undefined && mode === undefined) errors.push(messages.lineAmountTypesInvalid(given));
  const value = mode ? names[mode] : current;
  return { value, mode: taxMode(value) ?? 'exclusive' };
}

/** Next free automatic number such as INV-0001, QU-0001 or CN-0001, advancing the tenant's counter past used ones. */
export function nextDocumentNumber(
  prefix: string,
  counters: TenantData['counters'],
  key: keyof TenantData['counters'],
  inUse: (candidate: string) => boolean,
): string {
  for (;;) {
    counters[key] += 1;
    const candidate = `${prefix}${String(counters[key]).padStart(4, '0')}`;
    if (!inUse(candidate)) return candidate;
  }
}

/** Echo of a failed invoice/quote element: its fields, a zero GUID id, lines with empty ValidationErrors, messages. */
export function echoDocument(element: Json, idField: string, errors: string[], flags: Json = {}): Json {
  const lines = echoLines(list(element, 'LineItems'));
  return {
    ...element,
    [idField]: str(element, idField) ?? ZERO_GUID,
    ...(lines ? { LineItems: lines } : {}),
    ...flags,
    StatusAttributeString: 'ERROR',
    ValidationErrors: errors.map((Message) => ({ Message })),
  };
}
