import { CreditNote, LineAmountTypes, Payment } from 'xero-node';
import { createCreditNote, line, readCreditNote, refusal, startSdk, type SdkHarness } from './sdk';

let s: SdkHarness;
beforeEach(async () => {
  s = await startSdk();
});
afterEach(() => s.h.sandbox.close());

/** A refund of `amount` paid out of the 090 bank account on the given credit note. */
const refundOn = (creditNoteID: string, amount: number): Payment => ({
  creditNote: { creditNoteID },
  account: { code: '090' },
  date: '2024-02-15',
  amount,
  reference: 'Stripe re_1',
});

describe('CreditNotes: creating and reading', () => {
  it('numbers ACCRECCREDIT notes CN-0001… and computes lines and tax as invoices do', async () => {
    const note = await createCreditNote(s, {
      reference: 'order:42',
      lineItems: [line('a', 1, 25.06), line('b', 1, 25.61), line('c', 1, 25.63)],
    });
    expect(note).toMatchObject({
      creditNoteNumber: 'CN-0001',
      type: CreditNote.TypeEnum.ACCRECCREDIT,
      status: CreditNote.StatusEnum.AUTHORISED,
      reference: 'order:42',
      subTotal: 76.3,
      totalTax: 11.44, // per-line rounding, as on invoices (xero-api.md §4.3)
      total: 87.74,
      remainingCredit: 87.74,
      appliedAmount: 0,
      allocations: [],
      payments: [],
    });
    expect(note.lineItems!.map((l) => l.taxAmount)).toEqual([3.76, 3.84, 3.84]);
    expect((await createCreditNote(s)).creditNoteNumber).toBe('CN-0002');
    const inclusive = await createCreditNote(s, {
      lineAmountTypes: LineAmountTypes.Inclusive,
      lineItems: [line('x', 1, 115)],
    });
    expect(inclusive).toMatchObject({ subTotal: 100, totalTax: 15, total: 115, creditNoteNumber: 'CN-0003' });
  });

  it('keeps CreditNoteNumber unique among live ACCRECCREDIT notes; ACCPAYCREDIT notes take any number', async () => {
    await createCreditNote(s, { creditNoteNumber: 'CR-1', status: CreditNote.StatusEnum.DRAFT });
    expect(
      await refusal(s.api.createCreditNotes(s.tenant, { creditNotes: [creditNoteBody({ creditNoteNumber: 'cr-1' })] })),
    ).toEqual(['Credit Note # must be unique.']);
    const first = s.h.sandbox.state.creditNotes()[0].CreditNoteID as string;
    await s.api.updateCreditNote(s.tenant, first, { creditNotes: [{ status: CreditNote.StatusEnum.DELETED }] });
    expect((await createCreditNote(s, { creditNoteNumber: 'CR-1' })).creditNoteNumber).toBe('CR-1');
    const supplier = {
      type: CreditNote.TypeEnum.ACCPAYCREDIT,
      creditNoteNumber: 'SUP-CR',
      lineItems: [purchaseLine()],
    };
    await createCreditNote(s, supplier);
    expect((await createCreditNote(s, supplier)).creditNoteNumber).toBe('SUP-CR');
  });

  it('refuses discounts on credit-note lines, an unknown Type, and the checks invoices make', async () => {
    const refuse = (more: Partial<CreditNote>) =>
      refusal(s.api.createCreditNotes(s.tenant, { creditNotes: [creditNoteBody(more)] }, true, 4));
    expect(await refuse({ lineItems: [line('x', 1, 10, { discountRate: 10 })] })).toEqual([
      'Discounts can only be applied to sales invoices and quotes.',
    ]);
    expect(await refuse({ lineItems: [line('x', 1, 10, { discountAmount: 1 })] })).toEqual([
      'Discounts can only be applied to sales invoices and quotes.',
    ]);
    expect(await refuse({ type: undefined })).toEqual([
      'A valid Credit Note Type must be specified (ACCRECCREDIT or ACCPAYCREDIT).',
    ]);
    expect(await refuse({ lineItems: [line('x', 1, 10, { accountCode: '999' })] })).toEqual([
      "Account code '999' is not a valid code for this document.",
    ]);
    expect(await refuse({ status: CreditNote.StatusEnum.PAID })).toEqual([
      'Credit notes cannot be created with the status PAID.',
    ]);
    expect(s.h.sandbox.state.creditNotes()).toEqual([]);
  });

  it('GET /CreditNotes filters with where (Reference, CreditNoteNumber, Status), gives lines only with page', async () => {
    await createCreditNote(s, { reference: 'order:1' });
    await createCreditNote(s, { reference: 'order:2', status: CreditNote.StatusEnum.DRAFT });
    const numbers = (r: { body: { creditNotes?: CreditNote[] } }) => r.body.creditNotes!.map((c) => c.creditNoteNumber);
    const where = (w: string) => s.api.getCreditNotes(s.tenant, undefined, w);
    expect(numbers(await where('Reference=="ORDER:2"'))).toEqual(['CN-0002']);
    expect(numbers(await where('CreditNoteNumber=="CN-0001"'))).toEqual(['CN-0001']);
    expect(numbers(await where('Status=="AUTHORISED" AND Type=="ACCRECCREDIT"'))).toEqual(['CN-0001']);
    const plain = await s.api.getCreditNotes(s.tenant);
    expect(plain.body.creditNotes!.every((c) => c.lineItems!.length === 0)).toBe(true);
    const paged = await s.api.getCreditNotes(s.tenant, undefined, undefined, 'CreditNoteNumber DESC', 1, 4);
    expect(numbers(paged)).toEqual(['CN-0002', 'CN-0001']);
    expect(paged.body.creditNotes!.every((c) => c.lineItems!.length === 1)).toBe(true);
    expect(paged.body.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 1, itemCount: 2 });
    expect((await readCreditNote(s, 'CN-0001')).lineItems).toHaveLength(1);
  });
});

describe('CreditNotes: updates and statuses', () => {
  it('POST updates by id and upserts by number; DRAFT → AUTHORISED → VOIDED; DELETED only from DRAFT/SUBMITTED', async () => {
    const draft = await createCreditNote(s, { status: CreditNote.StatusEnum.DRAFT, creditNoteNumber: 'CR-9' });
    const upsert = await s.api.updateOrCreateCreditNotes(s.tenant, {
      creditNotes: [{ creditNoteNumber: 'CR-9', reference: 'changed', lineItems: [line('y', 2, 10)] }],
    });
    expect(upsert.body.creditNotes![0]).toMatchObject({
      creditNoteID: draft.creditNoteID,
      reference: 'changed',
      total: 23,
    });
    const id = draft.creditNoteID!;
    const set = (status: CreditNote.StatusEnum) => s.api.updateCreditNote(s.tenant, id, { creditNotes: [{ status }] });
    expect((await set(CreditNote.StatusEnum.AUTHORISED)).body.creditNotes![0].status).toBe('AUTHORISED');
    expect(await refusal(set(CreditNote.StatusEnum.DELETED))).toEqual([
      'Credit Note not of valid status for modification',
    ]);
    expect((await set(CreditNote.StatusEnum.VOIDED)).body.creditNotes![0]).toMatchObject({
      status: 'VOIDED',
      remainingCredit: 0,
    });
    expect(await refusal(set(CreditNote.StatusEnum.AUTHORISED))).toEqual([
      'Credit Note not of valid status for modification',
    ]);
    const other = await createCreditNote(s, { status: CreditNote.StatusEnum.SUBMITTED });
    const deleted = await s.api.updateCreditNote(s.tenant, other.creditNoteID!, {
      creditNotes: [{ status: CreditNote.StatusEnum.DELETED }],
    });
    expect(deleted.body.creditNotes![0].status).toBe('DELETED');
  });
});

describe('CreditNotes: cash refunds (payments on a credit note)', () => {
  it('a refund reduces RemainingCredit, lists itself in Payments[] and makes the note PAID at 0', async () => {
    const note = await createCreditNote(s);
    const made = await s.api.createPayment(s.tenant, refundOn(note.creditNoteID!, 3));
    expect(made.body.payments![0]).toMatchObject({
      paymentType: Payment.PaymentTypeEnum.ARCREDITPAYMENT,
      amount: 3,
      creditNote: { creditNoteID: note.creditNoteID, remainingCredit: 20 },
    });
    expect(made.body.payments![0].invoice).toBeUndefined();
    const partly = await readCreditNote(s, note.creditNoteID!);
    expect(partly).toMatchObject({ remainingCredit: 20, status: CreditNote.StatusEnum.AUTHORISED });
    expect(partly.payments!.map((p) => [p.amount, p.reference])).toEqual([[3, 'Stripe re_1']]);
    await s.api.createPayment(s.tenant, { ...refundOn('', 20), creditNote: undefined, creditNoteNumber: 'CN-0001' });
    const paid = await readCreditNote(s, note.creditNoteID!);
    expect(paid).toMatchObject({ remainingCredit: 0, status: CreditNote.StatusEnum.PAID });
    expect(paid.fullyPaidOnDate as unknown).toEqual(new Date('2024-02-15T00:00:00Z'));
  });

  it('read back, a refund shows its credit note under Invoice (Type ACCRECCREDIT), as Xero does', async () => {
    const note = await createCreditNote(s);
    const made = await s.api.createPayment(s.tenant, refundOn(note.creditNoteID!, 3));
    const read = await s.api.getPayment(s.tenant, made.body.payments![0].paymentID!);
    expect(read.body.payments![0].invoice).toMatchObject({
      type: 'ACCRECCREDIT',
      invoiceID: note.creditNoteID,
      invoiceNumber: 'CN-0001',
    });
    expect(read.body.payments![0].creditNote).toBeUndefined();
  });

  it('refuses refunds above RemainingCredit or on a DRAFT note, and voiding a note with a refund', async () => {
    const note = await createCreditNote(s);
    expect(await refusal(s.api.createPayment(s.tenant, refundOn(note.creditNoteID!, 23.01)))).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
    const draft = await createCreditNote(s, { status: CreditNote.StatusEnum.DRAFT });
    expect(await refusal(s.api.createPayment(s.tenant, refundOn(draft.creditNoteID!, 1)))).toContain(
      'Payments can only be made against Authorised documents',
    );
    const refund = await s.api.createPayment(s.tenant, refundOn(note.creditNoteID!, 5));
    const voiding = s.api.updateCreditNote(s.tenant, note.creditNoteID!, {
      creditNotes: [{ status: CreditNote.StatusEnum.VOIDED }],
    });
    expect(await refusal(voiding)).toEqual([
      'The status VOIDED cannot be applied to the credit note because it has payments or credit notes allocated to it.',
    ]);
    await s.api.deletePayment(s.tenant, refund.body.payments![0].paymentID!, { status: 'DELETED' });
    const voided = await s.api.updateCreditNote(s.tenant, note.creditNoteID!, {
      creditNotes: [{ status: CreditNote.StatusEnum.VOIDED }],
    });
    expect(voided.body.creditNotes![0].status).toBe('VOIDED');
  });
});

/** A full credit-note request body for the sandbox's customer. */
function creditNoteBody(more: Partial<CreditNote> = {}): CreditNote {
  return {
    type: CreditNote.TypeEnum.ACCRECCREDIT,
    contact: { contactID: s.contactId },
    date: '2024-02-05',
    lineItems: [line('Returned widget', 1, 20)],
    ...more,
  };
}

/** A purchase line on 400 Advertising with INPUT2. */
function purchaseLine() {
  return line('Refunded ad', 1, 10, { accountCode: '400', taxType: 'INPUT2' });
}
