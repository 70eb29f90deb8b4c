import { runBatch, type BatchSpec, type Checked } from './batch';
import { isResponse, parseElements, summarizeErrors, type AccountingContext } from './context';
import { msDate } from './dates';
import { envelope } from './envelope';
import { notFound } from './errors';
import { field, isObject, list, str, type Json } from './fields';
import { queryBool, type SandboxRequest, type SandboxResponse } from './http-types';
import { isGuid, newId, ZERO_GUID } from './ids';
import { messages } from './messages';
import type { Address, ContactRecord, Phone, TenantData } from './model';
import { applyModifiedSince, applySearchTerm, filterByList } from './query';
import { pagedListResponse } from './list-response';
import type { Router } from './router';

const ADDRESS_TYPES = ['STREET', 'POBOX'];
const PHONE_TYPES = ['DEFAULT', 'DDI', 'FAX', 'MOBILE'];
const LIMITS: Array<[string, number]> = [
  ['Name', 255],
  ['FirstName', 255],
  ['LastName', 255],
  ['EmailAddress', 255],
  ['ContactNumber', 50],
  ['AccountNumber', 50],
  ['CompanyNumber', 50],
  ['TaxNumber', 50],
];
/** Writable fields stored as given and echoed back. */
const PASS_THROUGH = [
  'CompanyNumber',
  'TaxNumber',
  'BankAccountDetails',
  'DefaultCurrency',
  'ContactPersons',
  'AccountsReceivableTaxType',
  'AccountsPayableTaxType',
  'PaymentTerms',
  'SalesDefaultAccountCode',
  'PurchasesDefaultAccountCode',
];

/** A valid contact element: the record to save and whether it replaces an existing one. */
interface PreparedContact {
  record: ContactRecord;
}

/** Both address slots, filled from the supplied addresses by AddressType. */
function addressSlots(supplied: Json[] | undefined, current: Address[] = []): Address[] {
  return ADDRESS_TYPES.map((type) => {
    const given = supplied?.find((a) => (str(a, 'AddressType') ?? 'POBOX').toUpperCase() === type);
    const base = current.find((a) => a.AddressType === type) ?? {
      AddressType: type,
      City: '',
      Region: '',
      PostalCode: '',
      Country: '',
    };
    if (!given) return base;
    const out: Address = { AddressType: type, City: '', Region: '', PostalCode: '', Country: '' };
    for (const key of [
      'AddressLine1',
      'AddressLine2',
      'AddressLine3',
      'AddressLine4',
      'City',
      'Region',
      'PostalCode',
      'Country',
      'AttentionTo',
    ] as const) {
      const v = str(given, key);
      if (v !== undefined) out[key] = v;
    }
    return out;
  });
}

/** The four phone slots, filled from the supplied phones by PhoneType. */
function phoneSlots(supplied: Json[] | undefined, current: Phone[] = []): Phone[] {
  return PHONE_TYPES.map((type) => {
    const given = supplied?.find((p) => (str(p, 'PhoneType') ?? 'DEFAULT').toUpperCase() === type);
    const base = current.find((p) => p.PhoneType === type) ?? {
      PhoneType: type,
      PhoneNumber: '',
      PhoneAreaCode: '',
      PhoneCountryCode: '',
    };
    if (!given) return base;
    return {
      PhoneType: type,
      PhoneNumber: str(given, 'PhoneNumber') ?? '',
      PhoneAreaCode: str(given, 'PhoneAreaCode') ?? '',
      PhoneCountryCode: str(given, 'PhoneCountryCode') ?? '',
    };
  });
}

/** A new active contact with empty slots. */
function newContact(name: string, now: number): ContactRecord {
  return {
    ContactID: newId(),
    Name: name,
    ContactStatus: 'ACTIVE',
    Addresses: addressSlots(undefined),
    Phones: phoneSlots(undefined),
    IsCustomer: false,
    IsSupplier: false,
    extra: {},
    updatedAt: now,
  };
}

/** Whether two contact names clash: Xero compares them ignoring case and surrounding spaces. */
export function sameContactName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Finds an ACTIVE contact by name, ignoring case and surrounding spaces. */
export function findActiveContactByName(tenant: TenantData, name: string, except?: string): ContactRecord | undefined {
  return [...tenant.contacts.values()].find(
    (c) => c.ContactStatus === 'ACTIVE' && c.ContactID !== except && sameContactName(c.Name, name),
  );
}

/** Finds a contact by its ContactNumber. */
export function findContactByNumber(tenant: TenantData, number: string): ContactRecord | undefined {
  return [...tenant.contacts.values()].find((c) => c.ContactNumber === number);
}

/** Full JSON of a contact as GET and writes return it, with both address and all four phone slots. */
export function renderContact(c: ContactRecord): Json {
  const out: Json = { ContactID: c.ContactID };
  if (c.ContactNumber !== undefined) out.ContactNumber = c.ContactNumber;
  if (c.AccountNumber !== undefined) out.AccountNumber = c.AccountNumber;
  out.ContactStatus = c.ContactStatus;
  out.Name = c.Name;
  if (c.FirstName !== undefined) out.FirstName = c.FirstName;
  if (c.LastName !== undefined) out.LastName = c.LastName;
  if (c.EmailAddress !== undefined) out.EmailAddress = c.EmailAddress;
  return {
    ...out,
    BankAccountDetails: '',
    ...c.extra,
    Addresses: c.Addresses.map((a) => ({ ...a })),
    Phones: c.Phones.map((p) => ({ ...p })),
    UpdatedDateUTC: msDate(c.updatedAt),
    ContactGroups: [],
    IsSupplier: c.IsSupplier,
    IsCustomer: c.IsCustomer,
    SalesTrackingCategories: [],
    PurchasesTrackingCategories: [],
    ContactPersons: (c.extra.ContactPersons as unknown[] | undefined) ?? [],
    HasValidationErrors: false,
  };
}

/** The short contact embedded in invoices and quotes. */
export function renderContactSummary(c: ContactRecord): Json {
  return {
    ContactID: c.ContactID,
    ContactStatus: c.ContactStatus,
    Name: c.Name,
    ...(c.EmailAddress !== undefined ? { EmailAddress: c.EmailAddress } : {}),
    Addresses: [],
    Phones: [],
    ContactGroups: [],
    ContactPersons: [],
    HasValidationErrors: false,
  };
}

/** Validates a create (no existing record) or an update of `existing` against the tenant and the batch. */
function checkContact(
  ctx: AccountingContext,
  element: Json,
  existing: ContactRecord | undefined,
  accepted: PreparedContact[],
): Checked<PreparedContact> {
  const errors: string[] = [];
  const requestedStatus = str(element, 'ContactStatus')?.toUpperCase();
  if (existing && existing.ContactStatus === 'ARCHIVED' && requestedStatus !== 'ACTIVE') {
    errors.push(messages.contactArchived());
  }
  const name = str(element, 'Name') ?? existing?.Name;
  if (name === undefined || name.trim() === '') errors.push(messages.contactNameRequired());
  for (const [key, max] of LIMITS) {
    const v = str(element, key);
    if (v !== undefined && v.length > max) errors.push(messages.fieldTooLong(key, max));
  }
  const status = (requestedStatus ?? existing?.ContactStatus ?? 'ACTIVE') as ContactRecord['ContactStatus'];
  if (name !== undefined && status === 'ACTIVE') {
    const clash =
      findActiveContactByName(ctx.tenant, name, existing?.ContactID) ??
      accepted.find(
        (p) =>
          p.record.ContactID !== existing?.ContactID &&
          p.record.ContactStatus === 'ACTIVE' &&
          sameContactName(p.record.Name, name),
      );
    if (clash) errors.push(messages.contactNameNotUnique(name));
  }
  if (errors.length > 0) return { ok: false, errors };
  const base = existing ?? newContact(name!, ctx.clock.now());
  const extra = { ...base.extra };
  for (const key of PASS_THROUGH) {
    const v = field(element, key);
    if (v !== undefined) extra[key] = v;
  }
  const record: ContactRecord = {
    ...base,
    Name: name!,
    ContactStatus: status,
    ContactNumber: str(element, 'ContactNumber') ?? base.ContactNumber,
    AccountNumber: str(element, 'AccountNumber') ?? base.AccountNumber,
    FirstName: str(element, 'FirstName') ?? base.FirstName,
    LastName: str(element, 'LastName') ?? base.LastName,
    EmailAddress: str(element, 'EmailAddress') ?? base.EmailAddress,
    Addresses: addressSlots(list(element, 'Addresses'), base.Addresses),
    Phones: phoneSlots(list(element, 'Phones'), base.Phones),
    extra,
    updatedAt: ctx.clock.now(),
  };
  return { ok: true, prepared: { record } };
}

/**
 * The contact a document names by `Name` without an ID, checked as PUT /Contacts checks a contact (required
 * Name, field lengths): `existing` (the active contact of that name, which keeps its own spelling of the name)
 * updated with the other fields sent, or a new one.
 */
export function contactNamedOnDocument(
  ctx: AccountingContext,
  element: Json,
  existing: ContactRecord | undefined,
): Checked<ContactRecord> {
  const checked = checkContact(ctx, existing ? { ...element, Name: existing.Name } : element, existing, []);
  return checked.ok ? { ok: true, prepared: checked.prepared.record } : checked;
}

/** Batch rules for contacts; `target` fixes the contact for POST /Contacts/{id}. */
function contactSpec(
  ctx: AccountingContext,
  mode: 'create' | 'upsert',
  target?: ContactRecord,
): BatchSpec<PreparedContact> {
  return {
    key: 'Contacts',
    check: (element, accepted) => {
      const id = str(element, 'ContactID');
      let existing = target;
      if (!existing && mode === 'upsert' && id !== undefined && id !== ZERO_GUID) {
        existing = ctx.tenant.contacts.get(id);
        if (!existing) return notFound();
      }
      return checkContact(ctx, element, existing, accepted);
    },
    commit: ({ record }) => {
      ctx.tenant.contacts.set(record.ContactID, record);
      return renderContact(record);
    },
    echo: (element, errors) => ({
      ContactID: ZERO_GUID,
      ...element,
      Addresses: (list(element, 'Addresses') ?? []).map((a) => ({ ...a, ValidationErrors: [] })),
      Phones: (list(element, 'Phones') ?? []).map((p) => ({ ...p, ValidationErrors: [] })),
      HasValidationErrors: true,
      StatusAttributeString: 'ERROR',
      ValidationErrors: errors.map((Message) => ({ Message })),
    }),
  };
}

/** GET /Contacts with where, IDs, searchTerm, includeArchived, order and page/pageSize. */
function listContacts(req: SandboxRequest, ctx: AccountingContext): SandboxResponse {
  const includeArchived = queryBool(req, 'includeArchived') ?? false;
  let rows = [...ctx.tenant.contacts.values()]
    .filter((c) => includeArchived || c.ContactStatus !== 'ARCHIVED')
    .map(renderContact);
  rows = filterByList(req, applyModifiedSince(req, rows), 'IDs', 'ContactID');
  return pagedListResponse(
    req,
    ctx,
    'Contacts',
    applySearchTerm(req, rows, ['Name', 'FirstName', 'LastName', 'ContactNumber', 'EmailAddress']),
  );
}

/** Looks a contact up by ContactID or, for non-GUID segments, by ContactNumber. */
function findContact(tenant: TenantData, idOrNumber: string): ContactRecord | undefined {
  return isGuid(idOrNumber)
    ? (tenant.contacts.get(idOrNumber.toLowerCase()) ?? tenant.contacts.get(idOrNumber))
    : findContactByNumber(tenant, idOrNumber);
}

/** Registers the Contacts routes. */
export function contactRoutes(router: Router<AccountingContext>): void {
  router
    .on('GET', '/Contacts', listContacts)
    .on('GET', '/Contacts/:id', (req, ctx) => {
      const contact = findContact(ctx.tenant, req.params.id);
      return contact ? envelope(ctx, 'Contacts', [renderContact(contact)]) : notFound();
    })
    .on('PUT', '/Contacts', (req, ctx) => write(req, ctx, 'create'))
    .on('POST', '/Contacts', (req, ctx) => write(req, ctx, 'upsert'))
    .on('POST', '/Contacts/:id', (req, ctx) => {
      const contact = findContact(ctx.tenant, req.params.id);
      return contact ? write(req, ctx, 'upsert', contact) : notFound();
    });
}

/** Runs a contacts write request. */
function write(
  req: SandboxRequest,
  ctx: AccountingContext,
  mode: 'create' | 'upsert',
  target?: ContactRecord,
): SandboxResponse {
  const elements = parseElements(req, 'Contacts');
  if (isResponse(elements)) return elements;
  return runBatch(ctx, contactSpec(ctx, mode, target), elements.filter(isObject), summarizeErrors(req));
}
