import {
  AccountingApi,
  CreditNote,
  CurrencyCode,
  Invoice,
  LineAmountTypes,
  type Allocation,
  type LineItem,
  type Payment,
} from 'xero-node';
import { createContact, startHarness, type Harness } from './helpers';

/** A sandbox with the official SDK pointed at it, and a customer to bill. */
export interface SdkHarness {
  h: Harness;
  api: AccountingApi;
  tenant: string;
  contactId: string;
}

/** Starts a sandbox, connects xero-node to it and creates the customer "Acme Widgets Ltd". */
export async function startSdk(): Promise<SdkHarness> {
  const h = await startHarness();
  const api = new AccountingApi(`${h.sandbox.url}/api.xro/2.0`);
  api.accessToken = h.token;
  return { h, api, tenant: h.tenantId, contactId: await createContact(h, 'Acme Widgets Ltd') };
}

/** The body of the non-2xx answer xero-node rejected with (it rejects with a JSON string). */
export async function rejection(p: Promise<unknown>): Promise<{ statusCode: number; body: unknown }> {
  try {
    await p;
  } catch (error) {
    if (typeof error !== 'string') throw error;
    const parsed = JSON.parse(error) as { response: { statusCode: number; body: unknown } };
    return parsed.response;
  }
  throw new Error('expected a rejection');
}

/** Every ValidationErrors message of the 400 ValidationException xero-node rejected with. */
export async function refusal(p: Promise<unknown>): Promise<string[]> {
  const { statusCode, body } = await rejection(p);
  if (statusCode !== 400) throw new Error(`expected 400, got ${statusCode}`);
  const elements = (body as { Elements?: Array<{ ValidationErrors?: Array<{ Message: string }> }> }).Elements ?? [];
  return elements.flatMap((e) => (e.ValidationErrors ?? []).map((v) => v.Message));
}

/** A sales line on account 200 with 15% OUTPUT2 tax. */
export function line(
  description: string,
  quantity: number,
  unitAmount: number,
  more: Partial<LineItem> = {},
): LineItem {
  return { description, quantity, unitAmount, accountCode: '200', taxType: 'OUTPUT2', ...more };
}

/** Creates an ACCREC invoice (AUTHORISED unless told) and returns it as xero-node read it. */
export async function createInvoice(s: SdkHarness, more: Partial<Invoice> = {}): Promise<Invoice> {
  const invoice: Invoice = {
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactID: s.contactId },
    date: '2024-01-31',
    dueDate: '2024-02-29',
    status: Invoice.StatusEnum.AUTHORISED,
    lineAmountTypes: LineAmountTypes.Exclusive,
    currencyCode: CurrencyCode.NZD,
    lineItems: [line('Blue widget', 2, 50)], // 100.00 + 15.00 tax = 115.00
    ...more,
  };
  const res = await s.api.createInvoices(s.tenant, { invoices: [invoice] }, true, 4);
  return res.body.invoices![0];
}

/** Creates an ACCRECCREDIT credit note (AUTHORISED unless told) and returns it as xero-node read it. */
export async function createCreditNote(s: SdkHarness, more: Partial<CreditNote> = {}): Promise<CreditNote> {
  const note: CreditNote = {
    type: CreditNote.TypeEnum.ACCRECCREDIT,
    contact: { contactID: s.contactId },
    date: '2024-02-05',
    status: CreditNote.StatusEnum.AUTHORISED,
    lineAmountTypes: LineAmountTypes.Exclusive,
    lineItems: [line('Returned widget', 1, 20)], // 20.00 + 3.00 tax = 23.00
    ...more,
  };
  const res = await s.api.createCreditNotes(s.tenant, { creditNotes: [note] }, true, 4);
  return res.body.creditNotes![0];
}

/** A payment of `amount` into the 090 bank account on 2024-02-10, on the given invoice. */
export function paymentOn(invoiceID: string, amount: number, more: Partial<Payment> = {}): Payment {
  return { invoice: { invoiceID }, account: { code: '090' }, date: '2024-02-10', amount, ...more };
}

/** An allocation of `amount` to the given invoice on 2024-02-12. */
export function allocationTo(invoiceID: string, amount: number, more: Partial<Allocation> = {}): Allocation {
  return { invoice: { invoiceID }, amount, date: '2024-02-12', ...more };
}

/** Reads an invoice back through the SDK. */
export async function readInvoice(s: SdkHarness, id: string): Promise<Invoice> {
  return (await s.api.getInvoice(s.tenant, id, 4)).body.invoices![0];
}

/** Reads a credit note back through the SDK. */
export async function readCreditNote(s: SdkHarness, id: string): Promise<CreditNote> {
  return (await s.api.getCreditNote(s.tenant, id, 4)).body.creditNotes![0];
}
