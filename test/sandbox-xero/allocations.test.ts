import { CreditNote, CurrencyCode, Invoice } from 'xero-node';
import { createContact } from './helpers';
import {
  allocationTo,
  createCreditNote,
  createInvoice,
  line,
  paymentOn,
  readCreditNote,
  readInvoice,
  refusal,
  startSdk,
  type SdkHarness,
} from './sdk';

let s: SdkHarness;
beforeEach(async () => {
  s = await startSdk();
});
afterEach(() => s.h.sandbox.close());

/** Allocates part of a credit note to an invoice through the SDK. */
const allocate = (noteId: string, invoiceId: string, amount: number) =>
  s.api.createCreditNoteAllocation(s.tenant, noteId, { allocations: [allocationTo(invoiceId, amount)] });

describe('Allocations: applying credit to an invoice', () => {
  it('moves AmountCredited, AmountDue, CreditNotes[] on the invoice and RemainingCredit, Allocations[] on the note', async () => {
    const invoice = await createInvoice(s); // 115.00
    const note = await createCreditNote(s); // 23.00
    const res = await allocate(note.creditNoteID!, invoice.invoiceID!, 20);
    const allocation = res.body.allocations![0];
    expect(allocation).toMatchObject({
      amount: 20,
      invoice: { invoiceID: invoice.invoiceID },
      creditNote: { creditNoteID: note.creditNoteID },
    });
    expect(allocation.allocationID).toEqual(expect.any(String));
    expect(allocation.date as unknown).toEqual(new Date('2024-02-12T00:00:00Z'));
    const credited = await readInvoice(s, invoice.invoiceID!);
    expect(credited).toMatchObject({
      amountCredited: 20,
      amountDue: 95,
      amountPaid: 0,
      status: Invoice.StatusEnum.AUTHORISED,
    });
    expect(credited.creditNotes!.map((c) => [c.creditNoteID, c.appliedAmount])).toEqual([[note.creditNoteID, 20]]);
    const used = await readCreditNote(s, note.creditNoteID!);
    expect(used).toMatchObject({ remainingCredit: 3, appliedAmount: 20, status: CreditNote.StatusEnum.AUTHORISED });
    expect(used.allocations!.map((a) => [a.allocationID, a.amount, a.invoice.invoiceID])).toEqual([
      [allocation.allocationID, 20, invoice.invoiceID],
    ]);
  });

  it('makes the note PAID when its credit is used up and the invoice PAID when nothing is due', async () => {
    const invoice = await createInvoice(s, { lineItems: [line('Small thing', 1, 20)] }); // 23.00
    const note = await createCreditNote(s); // 23.00
    await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 3));
    await allocate(note.creditNoteID!, invoice.invoiceID!, 20);
    const paid = await readInvoice(s, invoice.invoiceID!);
    expect(paid).toMatchObject({ status: Invoice.StatusEnum.PAID, amountDue: 0, amountPaid: 3, amountCredited: 20 });
    expect(paid.fullyPaidOnDate as unknown).toEqual(new Date('2024-02-12T00:00:00Z'));
    const other = await createInvoice(s);
    await allocate(note.creditNoteID!, other.invoiceID!, 3);
    expect(await readCreditNote(s, note.creditNoteID!)).toMatchObject({
      remainingCredit: 0,
      status: CreditNote.StatusEnum.PAID,
    });
  });

  it('deleteCreditNoteAllocations reverses it: both documents are AUTHORISED again', async () => {
    const invoice = await createInvoice(s, { lineItems: [line('Small thing', 1, 20)] }); // 23.00
    const note = await createCreditNote(s);
    const made = await allocate(note.creditNoteID!, invoice.invoiceID!, 23);
    expect((await readInvoice(s, invoice.invoiceID!)).status).toBe(Invoice.StatusEnum.PAID);
    const id = made.body.allocations![0].allocationID!;
    const deleted = await s.api.deleteCreditNoteAllocations(s.tenant, note.creditNoteID!, id);
    expect(deleted.body).toMatchObject({ allocationID: id, isDeleted: true, amount: 23 });
    expect(await readInvoice(s, invoice.invoiceID!)).toMatchObject({
      status: Invoice.StatusEnum.AUTHORISED,
      amountDue: 23,
      amountCredited: 0,
      creditNotes: [],
    });
    expect(await readCreditNote(s, note.creditNoteID!)).toMatchObject({
      status: CreditNote.StatusEnum.AUTHORISED,
      remainingCredit: 23,
      allocations: [],
    });
    const again = await s.h.call('DELETE', `/CreditNotes/${note.creditNoteID}/Allocations/${id}`);
    expect(again.status).toBe(404);
  });
});

describe('Allocations: Xero refuses', () => {
  it('more than the RemainingCredit or the invoice AmountDue, also across one batch', async () => {
    const invoice = await createInvoice(s, { lineItems: [line('Small thing', 1, 10)] }); // 11.50
    const big = await createInvoice(s);
    const note = await createCreditNote(s); // 23.00
    expect(await refusal(allocate(note.creditNoteID!, invoice.invoiceID!, 12))).toEqual([
      'Credit Note cannot be allocated as amount is greater than amount outstanding',
    ]);
    expect(await refusal(allocate(note.creditNoteID!, big.invoiceID!, 23.01))).toEqual([
      'Credit Note cannot be allocated as amount is greater than amount outstanding',
    ]);
    const batch = await s.api.createCreditNoteAllocation(
      s.tenant,
      note.creditNoteID!,
      { allocations: [allocationTo(big.invoiceID!, 20), allocationTo(big.invoiceID!, 5)] },
      false,
    );
    expect(batch.body.allocations!.map((a) => a.validationErrors)).toEqual([
      [],
      [{ message: 'Credit Note cannot be allocated as amount is greater than amount outstanding' }],
    ]);
    expect((await readCreditNote(s, note.creditNoteID!)).remainingCredit).toBe(3);
  });

  it('a note or invoice that is not AUTHORISED, and an invoice already paid off', async () => {
    const invoice = await createInvoice(s);
    const draftNote = await createCreditNote(s, { status: CreditNote.StatusEnum.DRAFT });
    expect(await refusal(allocate(draftNote.creditNoteID!, invoice.invoiceID!, 1))).toEqual([
      'Only Authorised credit notes can be allocated.',
      'Credit Note cannot be allocated as amount is greater than amount outstanding',
    ]);
    const note = await createCreditNote(s);
    const draftInvoice = await createInvoice(s, { status: Invoice.StatusEnum.DRAFT });
    expect(await refusal(allocate(note.creditNoteID!, draftInvoice.invoiceID!, 1))).toEqual([
      'Credit notes can only be allocated to Authorised invoices.',
      'Credit Note cannot be allocated as amount is greater than amount outstanding',
    ]);
    await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 115));
    expect(await refusal(allocate(note.creditNoteID!, invoice.invoiceID!, 1))).toEqual([
      'The invoice you are trying to allocate to has already been paid off',
      'Credit Note cannot be allocated as amount is greater than amount outstanding',
    ]);
  });

  it('an invoice of the wrong type, of another contact or in another currency', async () => {
    const note = await createCreditNote(s);
    const bill = await createInvoice(s, {
      type: Invoice.TypeEnum.ACCPAY,
      lineItems: [line('Ads', 1, 10, { accountCode: '400', taxType: 'INPUT2' })],
    });
    expect(await refusal(allocate(note.creditNoteID!, bill.invoiceID!, 1))).toEqual([
      'Credit Note cannot be allocated to an incorrect invoice type',
    ]);
    const otherContact = await createContact(s.h, 'Beta Ltd');
    const theirs = await createInvoice(s, { contact: { contactID: otherContact } });
    expect(await refusal(allocate(note.creditNoteID!, theirs.invoiceID!, 1))).toEqual([
      'The credit note and the invoice must be for the same contact.',
    ]);
    const usd = await createInvoice(s, { currencyCode: CurrencyCode.USD, currencyRate: 0.6 });
    expect(await refusal(allocate(note.creditNoteID!, usd.invoiceID!, 1))).toEqual([
      'The credit note and the invoice must be in the same currency.',
    ]);
  });

  it('an allocation without an invoice, amount or date, and unknown credit notes or invoices', async () => {
    const note = await createCreditNote(s);
    const put = (body: unknown) => s.h.call('PUT', `/CreditNotes/${note.creditNoteID}/Allocations`, body);
    const none = await put({ Allocations: [{}] });
    expect(none.status).toBe(400);
    expect(none.json.Elements[0].ValidationErrors.map((v: { Message: string }) => v.Message)).toEqual([
      'An Invoice with an InvoiceID must be specified for the allocation.',
      'Allocation amount must be greater than zero.',
      'A valid allocation Date must be specified (YYYY-MM-DD).',
    ]);
    const unknown = '5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f';
    expect(await refusal(allocate(note.creditNoteID!, unknown, 1))).toEqual([
      `The invoice with InvoiceID ${unknown} could not be found.`,
    ]);
    expect((await put({ Allocations: [] })).status).toBe(200);
    const missingNote = await s.h.call('PUT', `/CreditNotes/${unknown}/Allocations`, { Allocations: [] });
    expect(missingNote.status).toBe(404);
  });

  it('voiding a note with an allocation, and voiding or editing the invoice it credits', async () => {
    const invoice = await createInvoice(s);
    const note = await createCreditNote(s);
    await allocate(note.creditNoteID!, invoice.invoiceID!, 5);
    const voidNote = s.api.updateCreditNote(s.tenant, note.creditNoteID!, {
      creditNotes: [{ status: CreditNote.StatusEnum.VOIDED }],
    });
    expect(await refusal(voidNote)).toEqual([
      'The status VOIDED cannot be applied to the credit note because it has payments or credit notes allocated to it.',
    ]);
    const editNote = s.api.updateCreditNote(s.tenant, note.creditNoteID!, {
      creditNotes: [{ lineItems: [line('Returned widget', 2, 20)] }],
    });
    expect(await refusal(editNote)).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
    const voidInvoice = s.api.updateInvoice(s.tenant, invoice.invoiceID!, {
      invoices: [{ status: Invoice.StatusEnum.VOIDED }],
    });
    expect(await refusal(voidInvoice)).toEqual([
      'The status VOIDED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
  });
});
