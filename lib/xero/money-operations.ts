import type { Allocations, CreditNotes, Invoices, Payments, Quotes } from 'xero-node';
import type { AccountingCaller } from './accounting-call';
import { createBatchedCreate, type BatchEndpoint } from './batched-create';
import { rejectFailedElements } from './element-answers';
import { XeroValidationError } from './errors';
import { SUMMARIZE_ERRORS, UNIT_DP } from './request-constants';
import { fitsWhereString, whereEquals } from './where-literal';
import { canonicalRequestBody, toSdkEnvelope, toWire, type EnvelopeType } from './wire';
import type { WireAllocation, WireCreditNote, WireInvoice, WirePayment, WireQuote } from './wire-types';

/** The Accounting API operations that follow an invoice through its life: payments, credit notes, voids. */
export interface XeroMoneyOperations {
  /** One invoice by id with its amounts due, paid and credited, its payments and credit notes (GET /Invoices/{id}). */
  getInvoice(storeId: string, invoiceId: string): Promise<WireInvoice>;
  /** Sets an invoice's status: VOIDED (approved, nothing paid or credited) or DELETED (draft or submitted). */
  setInvoiceStatus(
    storeId: string,
    invoice: { InvoiceID: string; Status: 'VOIDED' | 'DELETED' },
    idempotencyKey: string,
  ): Promise<WireInvoice>;
  /** Updates an invoice in place (POST /Invoices/{id}, unitdp=4): its lines are replaced by those sent. */
  updateInvoice(storeId: string, invoiceId: string, invoice: object, idempotencyKey: string): Promise<WireInvoice>;
  /** Moves a quote to a status (POST /Quotes/{id}); Xero wants the quote's Contact and Date with it. */
  setQuoteStatus(
    storeId: string,
    quote: { QuoteID: string; Status: string; Contact: { ContactID: string }; Date: string },
    idempotencyKey: string,
  ): Promise<WireQuote>;
  /**
   * Creates one payment (PUT /Payments): on an invoice, or a cash refund of a credit note. With `mayBatch` it may
   * share one request with other payments of the store waiting for the same permit (docs/xero-batching.md).
   */
  createPayment(
    storeId: string,
    payment: WirePayment,
    idempotencyKey: string,
    options?: { mayBatch?: boolean },
  ): Promise<WirePayment>;
  /** Creates one credit note (PUT /CreditNotes, unitdp=4). */
  createCreditNote(storeId: string, creditNote: object, idempotencyKey: string): Promise<WireCreditNote>;
  /** One credit note by id, with its allocations and cash refunds (GET /CreditNotes/{id}). */
  getCreditNote(storeId: string, creditNoteId: string): Promise<WireCreditNote>;
  /** Live (not VOIDED/DELETED) credit notes with exactly this number. */
  findCreditNotes(storeId: string, creditNoteNumber: string): Promise<WireCreditNote[]>;
  /** Removes an allocation of a credit note (DELETE /CreditNotes/{id}/Allocations/{allocationId}). */
  deleteAllocation(storeId: string, creditNoteId: string, allocationId: string): Promise<void>;
  /** Deletes a payment (POST /Payments/{id} with Status DELETED): Xero never edits a payment, it deletes it. */
  deletePayment(storeId: string, paymentId: string, idempotencyKey: string): Promise<void>;
  /** Voids a credit note (POST /CreditNotes/{id}); Xero refuses while money is applied to it. */
  voidCreditNote(storeId: string, creditNoteId: string, idempotencyKey: string): Promise<void>;
  /** Allocates part of a credit note to an invoice (PUT /CreditNotes/{id}/Allocations). */
  allocateCreditNote(
    storeId: string,
    creditNoteId: string,
    allocation: WireAllocation,
    idempotencyKey: string,
  ): Promise<WireAllocation>;
}

const DEAD_STATUSES = new Set(['VOIDED', 'DELETED']);

/** PUT /Payments as a batchable endpoint: answers matched by the paid document and the payment's Reference. */
const PAYMENT_ENDPOINT: BatchEndpoint<WirePayment> = {
  envelope: 'Payments',
  what: 'PUT /Payments',
  identityOf: (payment) => {
    const target = payment.Invoice?.InvoiceID ?? payment.CreditNote?.CreditNoteID;
    return target && payment.Reference ? `${target}\n${payment.Reference}` : undefined;
  },
  send: (api, tenant, body, summarizeErrors, idempotencyKey) =>
    api.createPayments(tenant, toSdkEnvelope<Payments>('Payments', body), summarizeErrors, idempotencyKey),
};

/** The money operations over a store's Accounting API caller. */
export function createMoneyOperations(call: AccountingCaller): XeroMoneyOperations {
  const createPaymentBatched = createBatchedCreate(call, PAYMENT_ENDPOINT);
  async function send<W extends object>(
    storeId: string,
    what: string,
    envelope: EnvelopeType,
    element: object,
    request: (
      api: Parameters<Parameters<AccountingCaller>[2]>[0],
      tenant: string,
      body: string,
    ) => Promise<{ body: unknown }>,
  ): Promise<W> {
    const body = canonicalRequestBody(envelope, [element]);
    const result = await call(storeId, what, (api, tenant) => request(api, tenant, body));
    const [answered] = toWire<Record<string, W[] | undefined>>(result, envelope)[envelope] ?? [];
    if (!answered) throw new XeroValidationError([`Xero answered ${what} without the ${envelope} it created`]);
    rejectFailedElements([answered]);
    return answered;
  }

  const updateInvoice: XeroMoneyOperations['updateInvoice'] = (storeId, invoiceId, invoice, idempotencyKey) =>
    send<WireInvoice>(storeId, 'POST /Invoices/{id}', 'Invoices', invoice, (api, tenant, body) =>
      api.updateInvoice(tenant, invoiceId, toSdkEnvelope<Invoices>('Invoices', body), UNIT_DP, idempotencyKey),
    );

  return {
    async getInvoice(storeId, invoiceId) {
      const result = await call(storeId, 'GET /Invoices/{id}', (api, tenant) =>
        api.getInvoice(tenant, invoiceId, UNIT_DP),
      );
      const [invoice] = toWire<{ Invoices?: WireInvoice[] }>(result, 'Invoices').Invoices ?? [];
      if (!invoice) throw new XeroValidationError([`Xero has no invoice ${invoiceId}`]);
      return invoice;
    },

    setInvoiceStatus: (storeId, invoice, idempotencyKey) =>
      updateInvoice(storeId, invoice.InvoiceID, invoice, idempotencyKey),

    updateInvoice,

    setQuoteStatus(storeId, quote, idempotencyKey) {
      return send<WireQuote>(storeId, 'POST /Quotes/{id}', 'Quotes', quote, (api, tenant, body) =>
        api.updateQuote(tenant, quote.QuoteID, toSdkEnvelope<Quotes>('Quotes', body), idempotencyKey),
      );
    },

    createPayment(storeId, payment, idempotencyKey, options) {
      if (options?.mayBatch) return createPaymentBatched(storeId, { document: payment, idempotencyKey });
      return send<WirePayment>(storeId, 'PUT /Payments', 'Payments', payment, (api, tenant, body) =>
        PAYMENT_ENDPOINT.send(api, tenant, body, SUMMARIZE_ERRORS, idempotencyKey),
      );
    },

    createCreditNote(storeId, creditNote, idempotencyKey) {
      return send<WireCreditNote>(storeId, 'PUT /CreditNotes', 'CreditNotes', creditNote, (api, tenant, body) =>
        api.createCreditNotes(
          tenant,
          toSdkEnvelope<CreditNotes>('CreditNotes', body),
          SUMMARIZE_ERRORS,
          UNIT_DP,
          idempotencyKey,
        ),
      );
    },

    async getCreditNote(storeId, creditNoteId) {
      const result = await call(storeId, 'GET /CreditNotes/{id}', (api, tenant) =>
        api.getCreditNote(tenant, creditNoteId, UNIT_DP),
      );
      const [creditNote] = toWire<{ CreditNotes?: WireCreditNote[] }>(result, 'CreditNotes').CreditNotes ?? [];
      if (!creditNote) throw new XeroValidationError([`Xero has no credit note ${creditNoteId}`]);
      return creditNote;
    },

    async findCreditNotes(storeId, creditNoteNumber) {
      // A number holding `"` cannot go into a where filter; the numbers this service chooses never do.
      if (!fitsWhereString(creditNoteNumber)) return [];
      const where = whereEquals('CreditNoteNumber', creditNoteNumber);
      const result = await call(storeId, 'GET /CreditNotes', (api, tenant) =>
        api.getCreditNotes(tenant, undefined, where, undefined, 1, UNIT_DP),
      );
      const found = toWire<{ CreditNotes?: WireCreditNote[] }>(result, 'CreditNotes').CreditNotes ?? [];
      return found.filter(
        (note) => note.CreditNoteNumber === creditNoteNumber && !DEAD_STATUSES.has(note.Status ?? ''),
      );
    },

    async deleteAllocation(storeId, creditNoteId, allocationId) {
      await call(storeId, 'DELETE /CreditNotes/{id}/Allocations/{id}', (api, tenant) =>
        api.deleteCreditNoteAllocations(tenant, creditNoteId, allocationId),
      );
    },

    async deletePayment(storeId, paymentId, idempotencyKey) {
      await call(storeId, 'POST /Payments/{id}', (api, tenant) =>
        api.deletePayment(tenant, paymentId, { status: 'DELETED' }, idempotencyKey),
      );
    },

    async voidCreditNote(storeId, creditNoteId, idempotencyKey) {
      const element = { CreditNoteID: creditNoteId, Status: 'VOIDED' };
      await send<WireCreditNote>(storeId, 'POST /CreditNotes/{id}', 'CreditNotes', element, (api, tenant, body) =>
        api.updateCreditNote(
          tenant,
          creditNoteId,
          toSdkEnvelope<CreditNotes>('CreditNotes', body),
          UNIT_DP,
          idempotencyKey,
        ),
      );
    },

    allocateCreditNote(storeId, creditNoteId, allocation, idempotencyKey) {
      return send<WireAllocation>(
        storeId,
        'PUT /CreditNotes/{id}/Allocations',
        'Allocations',
        allocation,
        (api, tenant, body) =>
          api.createCreditNoteAllocation(
            tenant,
            creditNoteId,
            toSdkEnvelope<Allocations>('Allocations', body),
            SUMMARIZE_ERRORS,
            idempotencyKey,
          ),
      );
    },
  };
}
