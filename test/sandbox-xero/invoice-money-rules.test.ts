import { Invoice } from 'xero-node';
import { createInvoice, line, paymentOn, readInvoice, refusal, startSdk, type SdkHarness } from './sdk';

let s: SdkHarness;
beforeEach(async () => {
  s = await startSdk();
});
afterEach(() => s.h.sandbox.close());

/** Updates an invoice through the SDK (POST /Invoices/{id}, summarizeErrors defaulted). */
const update = (id: string, change: Invoice) => s.api.updateInvoice(s.tenant, id, { invoices: [change] }, 4);
const LOCKED = 'This document cannot be edited as it has a payment or credit note allocated to it.';

describe('Invoices once money is applied', () => {
  it('cannot be VOIDED while a payment is applied; can once it is deleted', async () => {
    const invoice = await createInvoice(s);
    const paid = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 10));
    expect(await refusal(update(invoice.invoiceID!, { status: Invoice.StatusEnum.VOIDED }))).toEqual([
      'The status VOIDED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
    await s.api.deletePayment(s.tenant, paid.body.payments![0].paymentID!, { status: 'DELETED' });
    const voided = await update(invoice.invoiceID!, { status: Invoice.StatusEnum.VOIDED });
    expect(voided.body.invoices![0]).toMatchObject({ status: Invoice.StatusEnum.VOIDED, amountDue: 0 });
  });

  it('a PAID invoice cannot be VOIDED or DELETED either', async () => {
    const invoice = await createInvoice(s);
    await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 115));
    expect(await refusal(update(invoice.invoiceID!, { status: Invoice.StatusEnum.VOIDED }))).toEqual([
      'The status VOIDED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
    expect(await refusal(update(invoice.invoiceID!, { status: Invoice.StatusEnum.DELETED }))).toEqual([
      'Invoice not of valid status for modification',
    ]);
  });

  it('refuses edits of lines and amounts on a part-paid invoice, and answers both messages on a PAID one', async () => {
    const invoice = await createInvoice(s);
    await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 10));
    const [kept] = invoice.lineItems!;
    expect(await refusal(update(invoice.invoiceID!, { lineItems: [{ ...kept, quantity: 3 }] }))).toEqual([LOCKED]);
    expect(await refusal(update(invoice.invoiceID!, { lineItems: [line('Blue widget', 2, 50)] }))).toEqual([LOCKED]);
    expect(await refusal(update(invoice.invoiceID!, { date: '2024-01-15' }))).toEqual([LOCKED]);
    expect(await refusal(update(invoice.invoiceID!, { lineItems: [{ ...kept, taxType: 'NONE' }] }))).toEqual([LOCKED]);
    await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 105));
    expect(await refusal(update(invoice.invoiceID!, { lineItems: [{ ...kept, unitAmount: 40 }] }))).toEqual([
      'Invoice not of valid status for modification',
      LOCKED,
    ]);
    expect((await readInvoice(s, invoice.invoiceID!)).total).toBe(115);
  });

  it('keeps Reference, DueDate, InvoiceNumber, Url and line Description, AccountCode and Tracking editable when PAID', async () => {
    const invoice = await createInvoice(s, { invoiceNumber: 'ORD-1', reference: 'order:1' });
    await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 115));
    const [kept] = invoice.lineItems!;
    const res = await update(invoice.invoiceID!, {
      reference: 'order:1 (paid)',
      dueDate: '2024-03-31',
      invoiceNumber: 'ORD-1A',
      url: 'https://shop.example/orders/1',
      lineItems: [
        {
          ...kept,
          description: 'Blue widget (renamed)',
          accountCode: '260',
          tracking: [{ name: 'Region', option: 'North' }],
        },
      ],
    });
    expect(res.body.invoices![0]).toMatchObject({
      status: Invoice.StatusEnum.PAID,
      reference: 'order:1 (paid)',
      invoiceNumber: 'ORD-1A',
      url: 'https://shop.example/orders/1',
      total: 115,
      amountDue: 0,
    });
    expect(res.body.invoices![0].lineItems![0]).toMatchObject({
      lineItemID: kept.lineItemID,
      description: 'Blue widget (renamed)',
      accountCode: '260',
      tracking: [expect.objectContaining({ name: 'Region', option: 'North' })],
    });
    const sameStatus = await update(invoice.invoiceID!, { status: Invoice.StatusEnum.PAID, reference: 'again' });
    expect(sameStatus.body.invoices![0].reference).toBe('again');
  });

  it('an AUTHORISED invoice without money stays editable, and DELETED stays refused for it', async () => {
    const invoice = await createInvoice(s);
    const edited = await update(invoice.invoiceID!, { lineItems: [line('Blue widget', 3, 50)] });
    expect(edited.body.invoices![0]).toMatchObject({
      total: 172.5,
      amountDue: 172.5,
      status: Invoice.StatusEnum.AUTHORISED,
    });
    expect(await refusal(update(invoice.invoiceID!, { status: Invoice.StatusEnum.DELETED }))).toEqual([
      'Invoice not of valid status for modification',
    ]);
  });
});
