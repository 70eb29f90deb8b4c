import { CurrencyCode, Invoice, Payment } from 'xero-node';
import { startHarness } from './helpers';
import { createInvoice, paymentOn, readInvoice, refusal, rejection, startSdk, type SdkHarness } from './sdk';

let s: SdkHarness;
beforeEach(async () => {
  s = await startSdk();
});
afterEach(() => s.h.sandbox.close());

describe('Payments: paying an invoice', () => {
  it('createPayment records a part payment: AmountPaid, AmountDue and Payments[] follow, the status stays AUTHORISED', async () => {
    const invoice = await createInvoice(s);
    const res = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 40, { reference: 'Stripe ch_1' }));
    const payment = res.body.payments![0];
    expect(payment).toMatchObject({
      amount: 40,
      bankAmount: 40,
      currencyRate: 1,
      reference: 'Stripe ch_1',
      paymentType: Payment.PaymentTypeEnum.ACCRECPAYMENT,
      status: Payment.StatusEnum.AUTHORISED,
      isReconciled: false,
      account: { code: '090', name: 'Business Bank Account' },
      invoice: { invoiceID: invoice.invoiceID, amountPaid: 40, amountDue: 75, status: Invoice.StatusEnum.AUTHORISED },
    });
    expect(payment.date as unknown).toEqual(new Date('2024-02-10T00:00:00Z'));
    const read = await readInvoice(s, invoice.invoiceID!);
    expect(read).toMatchObject({
      amountPaid: 40,
      amountDue: 75,
      amountCredited: 0,
      status: Invoice.StatusEnum.AUTHORISED,
    });
    expect(read.payments!.map((p) => [p.paymentID, p.amount, p.reference])).toEqual([
      [payment.paymentID, 40, 'Stripe ch_1'],
    ]);
    expect(read.fullyPaidOnDate).toBeUndefined();
  });

  it('becomes PAID with FullyPaidOnDate once AmountDue reaches 0, and AUTHORISED again when a payment is deleted', async () => {
    const invoice = await createInvoice(s);
    await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 15));
    const last = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 100, { date: '2024-02-20' }));
    const paid = await readInvoice(s, invoice.invoiceID!);
    expect(paid).toMatchObject({ status: Invoice.StatusEnum.PAID, amountDue: 0, amountPaid: 115 });
    expect(paid.fullyPaidOnDate as unknown).toEqual(new Date('2024-02-20T00:00:00Z'));
    const deleted = await s.api.deletePayment(s.tenant, last.body.payments![0].paymentID!, { status: 'DELETED' });
    expect(deleted.body.payments![0]).toMatchObject({ status: Payment.StatusEnum.DELETED, amount: 100 });
    const reopened = await readInvoice(s, invoice.invoiceID!);
    expect(reopened).toMatchObject({ status: Invoice.StatusEnum.AUTHORISED, amountDue: 100, amountPaid: 15 });
    expect(reopened.payments).toHaveLength(1);
    expect(reopened.fullyPaidOnDate).toBeUndefined();
  });

  it('targets an invoice by InvoiceNumber, inside Invoice or as the top-level shortcut', async () => {
    await createInvoice(s, { invoiceNumber: 'ORD-7' });
    await s.api.createPayment(s.tenant, { ...paymentOn('', 10), invoice: { invoiceNumber: 'ORD-7' } });
    await s.api.createPayment(s.tenant, { ...paymentOn('', 5), invoice: undefined, invoiceNumber: 'ord-7' });
    expect((await readInvoice(s, 'ORD-7')).amountPaid).toBe(15);
  });

  it('takes payments into an account with EnablePaymentsToAccount (615 clearing) and by AccountID', async () => {
    const invoice = await createInvoice(s);
    const clearing = await s.api.createPayment(
      s.tenant,
      paymentOn(invoice.invoiceID!, 10, { account: { code: '615' } }),
    );
    expect(clearing.body.payments![0].account!.code).toBe('615');
    const bank = (await s.api.getAccounts(s.tenant, undefined, 'Code=="090"')).body.accounts![0];
    const byId = await s.api.createPayment(
      s.tenant,
      paymentOn(invoice.invoiceID!, 10, { account: { accountID: bank.accountID } }),
    );
    expect(byId.body.payments![0].account!.code).toBe('090');
  });

  it('uses CurrencyRate for a foreign-currency invoice (BankAmount in the base currency) and ignores it otherwise', async () => {
    const usd = await createInvoice(s, { currencyCode: CurrencyCode.USD, currencyRate: 0.6 });
    const foreign = await s.api.createPayment(s.tenant, paymentOn(usd.invoiceID!, 60, { currencyRate: 0.64 }));
    expect(foreign.body.payments![0]).toMatchObject({ amount: 60, currencyRate: 0.64, bankAmount: 93.75 });
    const defaulted = await s.api.createPayment(s.tenant, paymentOn(usd.invoiceID!, 6));
    expect(defaulted.body.payments![0]).toMatchObject({ currencyRate: 0.6, bankAmount: 10 });
    const nzd = await createInvoice(s);
    const base = await s.api.createPayment(s.tenant, paymentOn(nzd.invoiceID!, 10, { currencyRate: 0.5 }));
    expect(base.body.payments![0]).toMatchObject({ currencyRate: 1, bankAmount: 10 });
  });
});

describe('Payments: Xero refuses', () => {
  it('payments on documents that are not AUTHORISED, with both of Xero messages', async () => {
    const draft = await createInvoice(s, { status: Invoice.StatusEnum.DRAFT });
    expect(await refusal(s.api.createPayment(s.tenant, paymentOn(draft.invoiceID!, 10)))).toEqual([
      'Payments can only be made against Authorised documents',
      'Payment amount exceeds the amount outstanding on this document',
    ]);
    const paid = await createInvoice(s);
    await s.api.createPayment(s.tenant, paymentOn(paid.invoiceID!, 115));
    expect(await refusal(s.api.createPayment(s.tenant, paymentOn(paid.invoiceID!, 1)))).toContain(
      'Payments can only be made against Authorised documents',
    );
    expect(s.h.sandbox.state.payments()).toHaveLength(1);
  });

  it('a payment above AmountDue, also when earlier payments of the same batch use it up', async () => {
    const invoice = await createInvoice(s);
    expect(await refusal(s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 115.01)))).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
    const batch = await s.api.createPayments(
      s.tenant,
      { payments: [paymentOn(invoice.invoiceID!, 100), paymentOn(invoice.invoiceID!, 20)] },
      false,
    );
    expect(batch.body.payments!.map((p) => p.hasValidationErrors ?? false)).toEqual([false, true]);
    expect(batch.body.payments![1].validationErrors).toEqual([
      { message: 'Payment amount exceeds the amount outstanding on this document' },
    ]);
    expect((await readInvoice(s, invoice.invoiceID!)).amountDue).toBe(15);
  });

  it('accounts that are missing, unknown, archived or neither BANK nor payment-enabled', async () => {
    const invoice = await createInvoice(s);
    const pay = (more: Partial<Payment>) =>
      refusal(s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 5, more)));
    expect(await pay({ account: undefined })).toEqual([
      'You must specify an Account code or Account ID for the payment',
    ]);
    expect(await pay({ account: { code: '999' } })).toEqual(['Account could not be found.']);
    expect(await pay({ account: { code: '200' } })).toEqual(['Account type is invalid for making a payment to/from']);
    expect(await pay({ account: { code: '610' } })).toEqual(['Account type is invalid for making a payment to/from']);
    expect(await pay({ account: { code: '210' } })).toEqual(['Account type is invalid for making a payment to/from']);
  });

  it('a payment without a Date or Amount, on no document, or on an unknown one', async () => {
    const invoice = await createInvoice(s);
    const pay = (p: Payment) => refusal(s.api.createPayment(s.tenant, p));
    expect(await pay(paymentOn(invoice.invoiceID!, 5, { date: undefined }))).toEqual([
      'A valid payment Date must be specified (YYYY-MM-DD).',
    ]);
    expect(await pay(paymentOn(invoice.invoiceID!, 5, { date: '2024-02-30' }))).toEqual(['Date is not a valid date.']);
    expect(await pay(paymentOn(invoice.invoiceID!, 0))).toEqual(['Payment amount must be greater than zero.']);
    expect(await pay({ ...paymentOn('', 5), invoice: undefined })).toEqual([
      'An Invoice or CreditNote must be specified for the payment.',
    ]);
    expect(await pay(paymentOn('5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f', 5))).toEqual(['Document could not be found']);
    expect(s.h.sandbox.state.payments()).toEqual([]);
  });

  it('any change to a payment but deleting it, deleting it twice, and deleting a reconciled one', async () => {
    const invoice = await createInvoice(s);
    const made = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 5));
    const id = made.body.payments![0].paymentID!;
    expect(await refusal(s.api.deletePayment(s.tenant, id, { status: 'AUTHORISED' }))).toEqual([
      'Payment not of valid status for modification',
    ]);
    await s.api.deletePayment(s.tenant, id, { status: 'DELETED' });
    expect(await refusal(s.api.deletePayment(s.tenant, id, { status: 'DELETED' }))).toEqual([
      'Payment not of valid status for modification',
    ]);
    const reconciled = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 5, { isReconciled: true }));
    expect(
      await refusal(s.api.deletePayment(s.tenant, reconciled.body.payments![0].paymentID!, { status: 'DELETED' })),
    ).toEqual(['This payment has been reconciled and cannot be deleted']);
  });
});

describe('Payments: the wire', () => {
  it('POST /Payments/{id} takes the spec\'s wrapped {"Payments":[{"Status":"DELETED"}]} too', async () => {
    const invoice = await createInvoice(s);
    const made = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 5));
    const id = made.body.payments![0].paymentID!;
    const res = await s.h.call('POST', `/Payments/${id}`, { Payments: [{ Status: 'DELETED' }] });
    expect(res.json.Payments[0]).toMatchObject({ PaymentID: id, Status: 'DELETED' });
    expect(
      (await s.h.call('POST', '/Payments/5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f', { Status: 'DELETED' })).status,
    ).toBe(404);
  });

  it('summarizeErrors=true refuses the batch with HasValidationErrors echoes; POST /Payments takes a wrapped body', async () => {
    const invoice = await createInvoice(s);
    const res = await s.h.call('PUT', '/Payments', {
      Payments: [
        { Invoice: { InvoiceID: invoice.invoiceID }, Account: { Code: '200' }, Date: '2024-02-10', Amount: 1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.json.Elements[0]).toMatchObject({
      PaymentID: '00000000-0000-0000-0000-000000000000',
      HasValidationErrors: true,
      StatusAttributeString: 'ERROR',
    });
    const wrapped = await s.h.call('POST', '/Payments', {
      Payments: [
        { Invoice: { InvoiceID: invoice.invoiceID }, Account: { Code: '090' }, Date: '2024-02-10', Amount: 1 },
      ],
    });
    expect(wrapped.json.Payments[0]).toMatchObject({ Amount: 1, StatusAttributeString: 'OK' });
  });

  it('GET /Payments filters with where, sorts with order, pages; GET /Payments/{id}', async () => {
    const invoice = await createInvoice(s);
    for (const amount of [30, 10, 20]) await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, amount));
    const first = s.h.sandbox.state.payments()[0].PaymentID as string;
    await s.api.deletePayment(s.tenant, first, { status: 'DELETED' });
    const amounts = (r: { body: { payments?: Payment[] } }) => r.body.payments!.map((p) => p.amount);
    expect(amounts(await s.api.getPayments(s.tenant, undefined, 'Status=="AUTHORISED"', 'Amount ASC'))).toEqual([
      10, 20,
    ]);
    expect(amounts(await s.api.getPayments(s.tenant, undefined, undefined, 'Amount DESC', 1, 2))).toEqual([30, 20]);
    const paged = await s.api.getPayments(s.tenant, undefined, undefined, undefined, 2, 2);
    expect(paged.body.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, itemCount: 3 });
    const one = await s.api.getPayment(s.tenant, first);
    expect(one.body.payments![0]).toMatchObject({ paymentID: first, status: Payment.StatusEnum.DELETED });
    expect(one.body.payments![0].invoice!.invoiceID).toBe(invoice.invoiceID);
  });

  it('replays a createPayment with the same Idempotency-Key instead of paying twice', async () => {
    const invoice = await createInvoice(s);
    const a = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 50), 'pay:ch_1:v1');
    const b = await s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 50), 'pay:ch_1:v1');
    expect(b.body.payments![0].paymentID).toBe(a.body.payments![0].paymentID);
    expect((await readInvoice(s, invoice.invoiceID!)).amountPaid).toBe(50);
    const other = await rejection(s.api.createPayment(s.tenant, paymentOn(invoice.invoiceID!, 51), 'pay:ch_1:v1'));
    expect(other.body).toMatchObject({ Message: 'Idempotency Key: pay:ch_1:v1 is used with a different request.' });
  });

  it('goes through the pipeline: rate-limit headers, injected faults, and a payments scope', async () => {
    const before = await s.h.call('GET', '/Payments');
    const after = await s.h.call('GET', '/Payments');
    expect(Number(after.headers.get('x-minlimit-remaining'))).toBe(
      Number(before.headers.get('x-minlimit-remaining')) - 1,
    );
    s.h.sandbox.faults.add({ method: 'PUT', path: /\/Payments$/, count: 1, fault: { status: 503 } });
    expect((await rejection(s.api.createPayments(s.tenant, { payments: [] }))).statusCode).toBe(503);
    const invoicesOnly = await startHarness({}, 'openid offline_access accounting.invoices accounting.contacts');
    try {
      expect((await invoicesOnly.call('GET', '/Payments')).status).toBe(403);
    } finally {
      await invoicesOnly.sandbox.close();
    }
  });
});
