import type { AppliedEffect, OrderChange } from '../lifecycle/order-changes';
import { decimalFromNumber, parseDecimal, toFixed, toWireNumber } from '../mapping/decimal';
import type { XeroAccountingClient } from '../xero/accounting-client';
import { createExactlyOnce, mayJoinBatch, type CreatedRecord } from '../xero/create-exactly-once';
import { XeroNotFoundError, XeroValidationError } from '../xero/errors';
import { idempotencyKeyFor } from '../xero/idempotency-key';
import type { AttemptStore, Clock } from '../xero/ports';
import { applyRebooking, type ApplyRebookingInput } from './apply-rebooking';
import type { WireAllocation, WirePayment } from '../xero/wire-types';

/** What applying one change needs: the order, the change, Xero and the attempts store. */
export interface ApplyOrderChangeInput {
  storeId: string;
  orderId: number;
  change: OrderChange;
  client: Pick<
    XeroAccountingClient,
    | 'getInvoice'
    | 'setInvoiceStatus'
    | 'createPayment'
    | 'createCreditNote'
    | 'getCreditNote'
    | 'findCreditNotes'
    | 'allocateCreditNote'
    | 'deleteAllocation'
    | 'deletePayment'
    | 'voidCreditNote'
  > &
    ApplyRebookingInput['client'];
  attempts: AttemptStore;
  memory?: ApplyRebookingInput['memory'];
  isRecordedElsewhere?: ApplyRebookingInput['isRecordedElsewhere'];
  now?: Clock;
}

/** Xero's refusal of a payment larger than what the document still owes (as a second copy of a payment would be). */
const EXCEEDS_OUTSTANDING = /exceeds the amount outstanding/i;

const wireAmount = (amount: string): number => toWireNumber(parseDecimal(amount));
const moneyOf = (value: number | undefined): string | null =>
  value === undefined ? null : toFixed(decimalFromNumber(value), 2);

/**
 * Applies one change of an order in Xero exactly once and says what it made: payments, credit notes, allocations
 * and cash refunds through the exactly-once create (looked up by their reference, number or target when an earlier
 * outcome is unknown); a void or deletion is a status change, done when Xero already shows that status.
 */
export async function applyOrderChange(input: ApplyOrderChangeInput): Promise<AppliedEffect> {
  const { change } = input;
  const base = { effectId: change.effectId, kind: change.kind };
  switch (change.kind) {
    case 'payment':
      return payOnce(
        input,
        { Invoice: { InvoiceID: change.invoiceId } },
        async () => (await input.client.getInvoice(input.storeId, change.invoiceId)).Payments,
      );
    case 'cash-refund':
      return payOnce(
        input,
        { CreditNote: { CreditNoteID: change.creditNoteId } },
        async () => (await input.client.getCreditNote(input.storeId, change.creditNoteId)).Payments,
      );
    case 'credit-note': {
      const number = change.creditNote.CreditNoteNumber;
      const created = await createOnce(
        input,
        'CreditNotes',
        change.creditNote,
        (body, key) => input.client.createCreditNote(input.storeId, body, key),
        async () => (await input.client.findCreditNotes(input.storeId, number))[0],
      );
      const { record } = created;
      return {
        ...base,
        xeroId: record.CreditNoteID ?? null,
        xeroNumber: record.CreditNoteNumber ?? number,
        amount: moneyOf(record.Total),
      };
    }
    case 'allocation': {
      const element: WireAllocation = {
        Invoice: { InvoiceID: change.invoiceId },
        Amount: wireAmount(change.amount),
        Date: change.date,
      };
      const created = await createOnce(
        input,
        'Allocations',
        element,
        (body, key) => input.client.allocateCreditNote(input.storeId, change.creditNoteId, body, key),
        async () =>
          (await input.client.getCreditNote(input.storeId, change.creditNoteId)).Allocations?.find(
            (allocation) => allocation.Invoice?.InvoiceID === change.invoiceId,
          ),
      );
      return {
        ...base,
        xeroId: created.record.AllocationID ?? null,
        xeroNumber: null,
        amount: moneyOf(created.record.Amount),
      };
    }
    case 'update':
    case 'reissue':
    case 'quote-to-invoice':
      return applyRebooking({ ...input, change });
    case 'unallocate':
    case 'undo-cash-refund':
    case 'void-credit-note':
      await takeBack(input, change);
      return { ...base, xeroId: change.creditNoteId, xeroNumber: null, amount: null };
    case 'void':
    case 'delete':
      await setStatus(input, change.documentId, change.kind === 'void' ? 'VOIDED' : 'DELETED');
      return { ...base, xeroId: change.documentId, xeroNumber: null, amount: null };
  }
}

/**
 * A payment on the invoice, or a cash refund out of the credit note: created once, looked up among the target's
 * payments by its Reference.
 */
async function payOnce(
  input: ApplyOrderChangeInput,
  target: Pick<WirePayment, 'Invoice' | 'CreditNote'>,
  targetPayments: () => Promise<WirePayment[] | undefined>,
): Promise<AppliedEffect> {
  const change = input.change as Extract<OrderChange, { kind: 'payment' | 'cash-refund' }>;
  const element: WirePayment = {
    ...target,
    Account: { Code: change.accountCode },
    Date: change.date,
    Amount: wireAmount(change.amount),
    Reference: change.reference,
    ...(change.currencyRate !== undefined ? { CurrencyRate: wireAmount(change.currencyRate) } : {}),
  };
  const { storeId, orderId, attempts, now } = input;
  const created = await createExactlyOnce({
    storeId,
    orderId,
    subject: change.effectId,
    envelope: 'Payments',
    element,
    // A payment of all the invoice owes may share a request: Xero refuses a second copy as exceeding what is due.
    send: (request) =>
      input.client.createPayment(storeId, request.element, request.idempotencyKey, {
        mayBatch: change.kind === 'payment' && change.settlesInvoice === true && mayJoinBatch(request),
      }),
    lookup: async () => findPayment(await targetPayments(), change.reference),
    refusalMeansMade: {
      test: (err) => err instanceof XeroValidationError && err.messages.some((m) => EXCEEDS_OUTSTANDING.test(m)),
      notMadeBefore: (refusal) => refusal,
      isFinal: () => false,
    },
    attempts,
    now,
  });
  const { PaymentID, Amount } = created.record;
  return {
    effectId: change.effectId,
    kind: change.kind,
    xeroId: PaymentID ?? null,
    xeroNumber: null,
    amount: moneyOf(Amount),
  };
}

function createOnce<T, E extends object>(
  input: ApplyOrderChangeInput,
  envelope: 'Payments' | 'CreditNotes' | 'Allocations',
  element: E,
  send: (element: E, idempotencyKey: string) => Promise<T>,
  lookup: () => Promise<T | undefined>,
): Promise<CreatedRecord<T>> {
  const { storeId, orderId, change, attempts, now } = input;
  return createExactlyOnce({
    storeId,
    orderId,
    subject: change.effectId,
    envelope,
    element,
    // A replay sends the element as recorded, byte for byte, under its key.
    send: (request) => send(request.element, request.idempotencyKey),
    lookup,
    attempts,
    now,
  });
}

/** The live payment with our reference among a document's payments (Xero lists them on the invoice or credit note). */
function findPayment(payments: WirePayment[] | undefined, reference: string): WirePayment | undefined {
  return payments?.find((payment) => payment.Reference === reference && payment.Status !== 'DELETED');
}

/**
 * Takes back what the sync made for a refund WooCommerce deleted, done when Xero already shows it gone (a retry):
 * the allocation removed from the credit note, the cash refund payment deleted, or the credit note voided.
 */
async function takeBack(
  input: ApplyOrderChangeInput,
  change: Extract<OrderChange, { kind: 'unallocate' | 'undo-cash-refund' | 'void-credit-note' }>,
): Promise<void> {
  const { storeId, orderId, client } = input;
  const key = idempotencyKeyFor(change.effectId, storeId, orderId, 1);
  const done = async (): Promise<boolean> => {
    const note = await client.getCreditNote(storeId, change.creditNoteId);
    if (change.kind === 'void-credit-note') return note.Status === 'VOIDED';
    if (change.kind === 'unallocate') {
      return !note.Allocations?.some((allocation) => allocation.AllocationID === change.allocationId);
    }
    return !note.Payments?.some((payment) => payment.PaymentID === change.paymentId && payment.Status !== 'DELETED');
  };
  try {
    if (change.kind === 'unallocate') await client.deleteAllocation(storeId, change.creditNoteId, change.allocationId);
    else if (change.kind === 'undo-cash-refund') await client.deletePayment(storeId, change.paymentId, key);
    else await client.voidCreditNote(storeId, change.creditNoteId, key);
  } catch (err) {
    if (!(err instanceof XeroValidationError || err instanceof XeroNotFoundError) || !(await done())) throw err;
  }
}

/** Sets the invoice's status; when Xero refuses, it is done if the invoice already shows that status (a retry). */
async function setStatus(input: ApplyOrderChangeInput, invoiceId: string, status: 'VOIDED' | 'DELETED'): Promise<void> {
  const { storeId, orderId, change } = input;
  // A status change is its own idempotent effect: replaying it cannot double anything.
  const key = idempotencyKeyFor(change.effectId, storeId, orderId, 1);
  try {
    await input.client.setInvoiceStatus(storeId, { InvoiceID: invoiceId, Status: status }, key);
  } catch (err) {
    if (!(err instanceof XeroValidationError)) throw err;
    const current = await input.client.getInvoice(storeId, invoiceId);
    if (current.Status !== status) throw err;
  }
}
