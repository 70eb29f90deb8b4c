/** Resolving what a payment element pays (invoice or credit note) and the account it is paid from or into. */
import { findAccount } from './account-rules';
import { findCreditNote } from './credit-notes';
import { has, obj, str, type Json } from './fields';
import { ZERO_GUID } from './ids';
import { findInvoice } from './invoices';
import type { MoneyDocument } from './ledger';
import { messages } from './messages';
import type { Account, PaymentType, TenantData } from './model';

/** The record a `{ <id field>, <number field> }` reference (or a top-level number shortcut) names, if any. */
function named<R>(
  reference: Json | undefined,
  idField: string,
  numberField: string,
  shortcut: string | undefined,
  byId: (id: string) => R | undefined,
  byNumber: (number: string) => R | undefined,
): R | undefined {
  const id = reference && str(reference, idField);
  if (id !== undefined && id !== ZERO_GUID) return byId(id);
  const number = (reference && str(reference, numberField)) ?? shortcut;
  return number === undefined ? undefined : byNumber(number);
}

/**
 * The document a payment element pays: `Invoice` ({InvoiceID} or {InvoiceNumber}, or the top-level InvoiceNumber
 * shortcut) or `CreditNote` ({CreditNoteID}/{CreditNoteNumber}, or CreditNoteNumber): a cash refund. Prepayments and
 * overpayments are not modelled by the sandbox and are refused.
 */
export function paymentTarget(tenant: TenantData, element: Json, errors: string[]): MoneyDocument | undefined {
  for (const kind of ['Prepayment', 'Overpayment']) {
    if (has(element, kind)) errors.push(messages.paymentTargetUnsupported(kind.toLowerCase()));
  }
  const invoiceRef = obj(element, 'Invoice');
  const noteRef = obj(element, 'CreditNote');
  const invoiceNumber = str(element, 'InvoiceNumber');
  const noteNumber = str(element, 'CreditNoteNumber');
  const invoiceNamed = invoiceRef !== undefined || invoiceNumber !== undefined;
  const noteNamed = noteRef !== undefined || noteNumber !== undefined;
  if (invoiceNamed && noteNamed) {
    errors.push(messages.paymentAppliedToMany());
    return undefined;
  }
  if (!invoiceNamed && !noteNamed) {
    if (errors.length === 0) errors.push(messages.paymentTargetRequired());
    return undefined;
  }
  let doc: MoneyDocument | undefined;
  if (invoiceNamed) {
    const byId = (id: string) => tenant.invoices.get(id);
    const record = named(invoiceRef, 'InvoiceID', 'InvoiceNumber', invoiceNumber, byId, (n) => findInvoice(tenant, n));
    doc = record && { kind: 'invoice', record };
  } else {
    const byId = (id: string) => tenant.creditNotes.get(id);
    const record = named(noteRef, 'CreditNoteID', 'CreditNoteNumber', noteNumber, byId, (n) =>
      findCreditNote(tenant, n),
    );
    doc = record && { kind: 'creditNote', record };
  }
  if (!doc) errors.push(messages.paymentDocumentNotFound());
  return doc;
}

/** The payment type of a payment on this document. */
export function paymentTypeOf(doc: MoneyDocument): PaymentType {
  if (doc.kind === 'invoice') return doc.record.Type === 'ACCREC' ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT';
  return doc.record.Type === 'ACCRECCREDIT' ? 'ARCREDITPAYMENT' : 'APCREDITPAYMENT';
}

/**
 * The account a payment element names by `Account.Code`, `Account.AccountID` or the top-level `Code`. It must exist,
 * be ACTIVE and be a BANK account or have EnablePaymentsToAccount (§4.5). A bank account in a foreign currency only
 * takes documents in that currency [UNVERIFIED wording; the rule is how Xero's bank accounts work].
 */
export function paymentAccount(
  tenant: TenantData,
  element: Json,
  documentCurrency: string | undefined,
  errors: string[],
): Account | undefined {
  const reference = obj(element, 'Account');
  const code = (reference && str(reference, 'Code')) ?? str(element, 'Code');
  const id = reference && str(reference, 'AccountID');
  if (code === undefined && (id === undefined || id === ZERO_GUID)) {
    errors.push(messages.paymentAccountRequired());
    return undefined;
  }
  const account = findAccount(tenant.reference, code, id);
  if (!account) {
    errors.push(messages.paymentAccountNotFound());
    return undefined;
  }
  if (account.Status !== 'ACTIVE' || (account.Type !== 'BANK' && !account.EnablePaymentsToAccount)) {
    errors.push(messages.paymentAccountInvalid());
    return undefined;
  }
  const base = tenant.reference.organisation.BaseCurrency;
  const currency = account.CurrencyCode ?? base;
  if (documentCurrency !== undefined && currency !== base && currency !== documentCurrency) {
    errors.push(messages.paymentAccountCurrency(account.Code, documentCurrency));
  }
  return account;
}
