import { createContact, salesLine, startHarness, validationMessages, type Harness } from './helpers';

let h: Harness;
let contactId: string;
beforeEach(async () => {
  h = await startHarness();
  contactId = await createContact(h, 'Acme Widgets Ltd');
  await h.call('PUT', '/Items', {
    Items: [
      {
        Code: 'WIDGET-1',
        Name: 'Blue widget',
        Description: 'Blue widget',
        SalesDetails: { UnitPrice: 12.5, AccountCode: '200' },
      },
    ],
  });
});
afterEach(() => h.sandbox.close());

const messagesOf = validationMessages;

function invoice(more: Record<string, unknown> = {}) {
  return {
    Type: 'ACCREC',
    Contact: { ContactID: contactId },
    Date: '2024-01-31',
    LineItems: [salesLine('Thing', 1, 10)],
    ...more,
  };
}

const put = (body: unknown, query = '?summarizeErrors=true&unitdp=4') => h.call('PUT', `/Invoices${query}`, body);

describe('Invoices: creation and arithmetic', () => {
  it('reproduces the §4.3 worked example (Total 102.06) with tracking and discounts', async () => {
    const res = await put({
      Invoices: [
        invoice({
          DueDate: '2024-02-29',
          InvoiceNumber: 'ORD-100234',
          Reference: 'order:100234',
          LineAmountTypes: 'Exclusive',
          Status: 'AUTHORISED',
          CurrencyCode: 'NZD',
          LineItems: [
            salesLine('Consulting (hours)', 2, 20),
            salesLine('Blue widget', 3, 12.5, {
              ItemCode: 'WIDGET-1',
              DiscountRate: 10,
              Tracking: [{ Name: 'Region', Option: 'North' }],
            }),
            salesLine('Delivery', 1, 15),
          ],
        }),
      ],
    });
    expect(res.status).toBe(200);
    const inv = res.json.Invoices[0];
    expect(inv).toMatchObject({
      Type: 'ACCREC',
      InvoiceNumber: 'ORD-100234',
      Reference: 'order:100234',
      Status: 'AUTHORISED',
      SubTotal: 88.75,
      TotalTax: 13.31,
      Total: 102.06,
      TotalDiscount: 3.75,
      AmountDue: 102.06,
      AmountPaid: 0,
      IsDiscounted: true,
      HasErrors: false,
      Date: '/Date(1706659200000+0000)/',
      DateString: '2024-01-31T00:00:00',
      DueDate: '/Date(1709164800000+0000)/',
      DueDateString: '2024-02-29T00:00:00',
      CurrencyCode: 'NZD',
      Contact: { ContactID: contactId, Name: 'Acme Widgets Ltd' },
    });
    expect(inv.UpdatedDateUTCString).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(inv.LineItems.map((l: { LineAmount: number; TaxAmount: number }) => [l.LineAmount, l.TaxAmount])).toEqual([
      [40, 6],
      [33.75, 5.06],
      [15, 2.25],
    ]);
    expect(inv.LineItems[1].Tracking).toEqual([
      expect.objectContaining({
        Name: 'Region',
        Option: 'North',
        TrackingCategoryID: expect.any(String),
        TrackingOptionID: expect.any(String),
      }),
    ]);
  });

  it('reproduces the rounding example: tax 11.44 from per-line rounding', async () => {
    const res = await put({
      Invoices: [
        invoice({ LineItems: [salesLine('a', 1, 25.06), salesLine('b', 1, 25.61), salesLine('c', 1, 25.63)] }),
      ],
    });
    expect(res.json.Invoices[0]).toMatchObject({ SubTotal: 76.3, TotalTax: 11.44, Total: 87.74 });
  });

  it('rounds UnitAmount to 2 dp without unitdp=4, and never trusts a supplied LineAmount or Total', async () => {
    const line = salesLine('precise', 3, 1.2345, { LineAmount: 999 });
    const two = await put({ Invoices: [invoice({ LineItems: [line], Total: 5000 })] }, '');
    expect(two.json.Invoices[0].LineItems[0]).toMatchObject({ UnitAmount: 1.23, LineAmount: 3.69, TaxAmount: 0.55 });
    expect(two.json.Invoices[0].Total).toBe(4.24);
    const four = await put({ Invoices: [invoice({ LineItems: [line] })] });
    expect(four.json.Invoices[0].LineItems[0]).toMatchObject({ UnitAmount: 1.2345, LineAmount: 3.7, TaxAmount: 0.56 });
  });

  it('handles Inclusive and NoTax line amount types and the compound TAX001 rate', async () => {
    const inclusive = await put({
      Invoices: [invoice({ LineAmountTypes: 'Inclusive', LineItems: [salesLine('x', 1, 115)] })],
    });
    expect(inclusive.json.Invoices[0]).toMatchObject({ SubTotal: 100, TotalTax: 15, Total: 115 });
    const noTax = await put({ Invoices: [invoice({ LineAmountTypes: 'NoTax', LineItems: [salesLine('x', 1, 115)] })] });
    expect(noTax.json.Invoices[0]).toMatchObject({ SubTotal: 115, TotalTax: 0, Total: 115 });
    const compound = await put({ Invoices: [invoice({ LineItems: [salesLine('x', 1, 100, { TaxType: 'TAX001' })] })] });
    expect(compound.json.Invoices[0].TotalTax).toBe(17.3); // 15% plus 2% compounded on the GST-inclusive amount
  });

  it('defaults Status to DRAFT, numbers ACCREC invoices INV-0001… and uses the account default tax type', async () => {
    const res = await put({
      Invoices: [
        invoice(),
        invoice({ LineItems: [{ Description: 'no tax type', Quantity: 1, UnitAmount: 10, AccountCode: '200' }] }),
      ],
    });
    expect(
      res.json.Invoices.map((i: { InvoiceNumber: string; Status: string }) => [i.InvoiceNumber, i.Status]),
    ).toEqual([
      ['INV-0001', 'DRAFT'],
      ['INV-0002', 'DRAFT'],
    ]);
    expect(res.json.Invoices[1].LineItems[0].TaxType).toBe('OUTPUT2');
    expect(res.json.Invoices[1].TotalTax).toBe(1.5);
  });

  it('uses item defaults for a line with only ItemCode and Quantity', async () => {
    const res = await put({ Invoices: [invoice({ LineItems: [{ ItemCode: 'WIDGET-1', Quantity: 2 }] })] });
    expect(res.json.Invoices[0].LineItems[0]).toMatchObject({
      Description: 'Blue widget',
      UnitAmount: 12.5,
      AccountCode: '200',
      LineAmount: 25,
    });
  });
});

describe('Invoices: validation', () => {
  it('ACCREC numbers must be unique among non-deleted invoices; ACCPAY numbers need not be', async () => {
    const first = await put({ Invoices: [invoice({ InvoiceNumber: 'ORD-1' })] });
    const dup = await put({ Invoices: [invoice({ InvoiceNumber: 'ord-1' })] });
    expect(dup.status).toBe(400);
    expect(messagesOf(dup)).toEqual(['Invoice # must be unique.']);
    expect(dup.json.Elements[0]).toMatchObject({
      InvoiceID: '00000000-0000-0000-0000-000000000000',
      HasErrors: true,
      InvoiceNumber: 'ord-1',
    });
    await h.call('POST', `/Invoices/${first.json.Invoices[0].InvoiceID}`, { Invoices: [{ Status: 'DELETED' }] });
    expect((await put({ Invoices: [invoice({ InvoiceNumber: 'ORD-1' })] })).status).toBe(200);
    const bill = {
      ...invoice({ Type: 'ACCPAY', InvoiceNumber: 'SUP-9' }),
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 5, AccountCode: '400' }],
    };
    expect((await put({ Invoices: [bill] })).status).toBe(200);
    expect((await put({ Invoices: [bill] })).status).toBe(200);
  });

  it('checks ItemCode, AccountCode (exists, active), TaxType (exists, active), currency, branding theme, tracking', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ LineItems: [salesLine('x', 1, 1, { ItemCode: 'NOPE' })] }, "Item code 'NOPE' is not valid."],
      [
        { LineItems: [salesLine('x', 1, 1, { AccountCode: '999' })] },
        "Account code '999' is not a valid code for this document.",
      ],
      [
        { LineItems: [salesLine('x', 1, 1, { AccountCode: '210' })] },
        "Account code '210' has been archived, or has been deleted. Each line item must reference a valid account.",
      ],
      [
        { LineItems: [salesLine('x', 1, 1, { TaxType: 'BOGUS' })] },
        "The TaxType code 'BOGUS' does not exist or cannot be used with this type of transaction.",
      ],
      [
        { LineItems: [salesLine('x', 1, 1, { TaxType: 'TAX002' })] },
        "The TaxType code 'TAX002' does not exist or cannot be used with this type of transaction.",
      ],
      [{ CurrencyCode: 'CHF' }, 'Organisation is not subscribed to currency CHF'],
      [
        { BrandingThemeID: '5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f' },
        'The BrandingThemeID 5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f does not exist.',
      ],
      [
        { LineItems: [salesLine('x', 1, 1, { Tracking: [{ Name: 'Colour', Option: 'Red' }] })] },
        "The tracking category 'Colour' does not exist.",
      ],
      [
        { LineItems: [salesLine('x', 1, 1, { Tracking: [{ Name: 'Region', Option: 'East' }] })] },
        "The tracking option 'East' does not exist in the tracking category 'Region'.",
      ],
      [{ Status: 'AUTHORISED' }, 'Due Date is required when the invoice status is SUBMITTED or AUTHORISED.'],
      [
        { Contact: { ContactID: '5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f' } },
        'The contact with ContactID 5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f could not be found.',
      ],
      [{ Status: 'PAID' }, 'Invoices cannot be created with the status PAID.'],
    ];
    for (const [more, message] of cases) {
      const res = await put({ Invoices: [invoice(more)] });
      expect({ more, status: res.status, messages: messagesOf(res) }).toEqual({
        more,
        status: 400,
        messages: [message],
      });
    }
    const tooMany = await put({
      Invoices: [
        invoice({
          LineItems: [
            salesLine('x', 1, 1, {
              Tracking: [
                { Name: 'Region', Option: 'North' },
                { Name: 'Region', Option: 'South' },
                { Name: 'Region', Option: 'North' },
              ],
            }),
          ],
        }),
      ],
    });
    expect(messagesOf(tooMany)).toContain('A line item can have at most 2 tracking categories.');
    expect(h.sandbox.state.invoices()).toEqual([]);
  });

  it('refuses a request body over 10 MB with 413, before processing or counting it', async () => {
    const invoice = (n: number) => ({
      Type: 'ACCREC',
      Contact: { ContactID: contactId },
      InvoiceNumber: `BIG-${n}`,
      LineItems: [{ Description: 'x'.repeat(4000), Quantity: 1, UnitAmount: 1, AccountCode: '200' }],
    });
    const tooBig = await h.call('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: Array.from({ length: 2700 }, (_, n) => invoice(n)),
    });
    expect(tooBig.status).toBe(413);
    expect(h.sandbox.state.invoices()).toHaveLength(0);
    const fits = await h.call('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: Array.from({ length: 50 }, (_, n) => invoice(n)),
    });
    expect(fits.status).toBe(200);
    expect(h.sandbox.state.invoices()).toHaveLength(50);
  });

  it('accepts enabled foreign currencies', async () => {
    const res = await put({ Invoices: [invoice({ CurrencyCode: 'USD', CurrencyRate: 0.6 })] });
    expect(res.json.Invoices[0]).toMatchObject({ CurrencyCode: 'USD', CurrencyRate: 0.6 });
  });

  it('echoes the failed element and its lines in Elements[] with ValidationErrors', async () => {
    const res = await put({
      Invoices: [invoice({ InvoiceNumber: 'E-1', LineItems: [salesLine('x', 1, 1, { AccountCode: '999' })] })],
    });
    expect(res.json.Elements[0]).toMatchObject({
      Type: 'ACCREC',
      InvoiceNumber: 'E-1',
      StatusAttributeString: 'ERROR',
      Contact: { ContactID: contactId },
    });
    expect(res.json.Elements[0].LineItems[0]).toMatchObject({ AccountCode: '999', ValidationErrors: [] });
  });
});

describe('Invoices: status rules and updates', () => {
  const create = async (more: Record<string, unknown> = {}) =>
    (await put({ Invoices: [invoice(more)] })).json.Invoices[0];
  const update = (id: string, body: Record<string, unknown>) =>
    h.call('POST', `/Invoices/${id}?unitdp=4`, { Invoices: [body] });

  it('DRAFT → SUBMITTED → AUTHORISED → VOIDED; VOIDED cannot change', async () => {
    const inv = await create();
    expect((await update(inv.InvoiceID, { Status: 'SUBMITTED', DueDate: '2024-02-29' })).json.Invoices[0].Status).toBe(
      'SUBMITTED',
    );
    expect((await update(inv.InvoiceID, { Status: 'AUTHORISED' })).json.Invoices[0].Status).toBe('AUTHORISED');
    const voided = await update(inv.InvoiceID, { Status: 'VOIDED' });
    expect(voided.json.Invoices[0]).toMatchObject({ Status: 'VOIDED', AmountDue: 0 });
    const again = await update(inv.InvoiceID, { Status: 'AUTHORISED' });
    expect(messagesOf(again)).toEqual(['Invoice not of valid status for modification']);
  });

  it('AUTHORISED invoices cannot be DELETED; DRAFT ones can', async () => {
    const authorised = await create({ Status: 'AUTHORISED', DueDate: '2024-02-29' });
    expect(messagesOf(await update(authorised.InvoiceID, { Status: 'DELETED' }))).toEqual([
      'Invoice not of valid status for modification',
    ]);
    const draft = await create();
    expect((await update(draft.InvoiceID, { Status: 'DELETED' })).json.Invoices[0].Status).toBe('DELETED');
  });

  it('updating lines recomputes totals; PUT never updates', async () => {
    const inv = await create({ InvoiceNumber: 'U-1' });
    const res = await update(inv.InvoiceID, { LineItems: [salesLine('new', 2, 50)] });
    expect(res.json.Invoices[0]).toMatchObject({
      InvoiceID: inv.InvoiceID,
      InvoiceNumber: 'U-1',
      SubTotal: 100,
      TotalTax: 15,
      Total: 115,
    });
    const changedMode = await update(inv.InvoiceID, { LineAmountTypes: 'Inclusive' });
    expect(changedMode.json.Invoices[0]).toMatchObject({ SubTotal: 86.96, TotalTax: 13.04, Total: 100 });
    expect((await put({ Invoices: [invoice({ InvoiceID: inv.InvoiceID, InvoiceNumber: 'U-1' })] })).status).toBe(400);
  });

  it('POST /Invoices upserts by InvoiceNumber', async () => {
    await create({ InvoiceNumber: 'UP-1' });
    const res = await h.call('POST', '/Invoices', { Invoices: [{ InvoiceNumber: 'UP-1', Reference: 'changed' }] });
    expect(res.json.Invoices[0]).toMatchObject({ InvoiceNumber: 'UP-1', Reference: 'changed' });
    expect(h.sandbox.state.invoices()).toHaveLength(1);
  });

  it('marks the contact as a customer after an ACCREC invoice', async () => {
    await create();
    expect(h.sandbox.state.contacts()[0].IsCustomer).toBe(true);
  });
});

describe('Invoices: reading', () => {
  beforeEach(async () => {
    await put({
      Invoices: [
        invoice({ InvoiceNumber: 'R-1', Reference: 'order:1' }),
        invoice({ InvoiceNumber: 'R-2', Reference: 'order:2', Status: 'AUTHORISED', DueDate: '2024-02-01' }),
      ],
    });
  });
  const numbers = (res: { json: { Invoices: Array<{ InvoiceNumber: string }> } }) =>
    res.json.Invoices.map((i) => i.InvoiceNumber);

  it('list without page has no line items; with page it has them and pagination', async () => {
    const plain = await h.call('GET', '/Invoices');
    expect(plain.json.Invoices.every((i: { LineItems: unknown[] }) => i.LineItems.length === 0)).toBe(true);
    const paged = await h.call('GET', '/Invoices?page=1');
    expect(paged.json.Invoices.every((i: { LineItems: unknown[] }) => i.LineItems.length === 1)).toBe(true);
    expect(paged.json.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 1, itemCount: 2 });
  });

  it('filters by IDs, InvoiceNumbers, ContactIDs, Statuses, where and searchTerm', async () => {
    const id = h.sandbox.state.invoices()[1].InvoiceID as string;
    expect(numbers(await h.call('GET', `/Invoices?IDs=${id}`))).toEqual(['R-2']);
    expect(numbers(await h.call('GET', '/Invoices?InvoiceNumbers=R-1,R-9'))).toEqual(['R-1']);
    expect(numbers(await h.call('GET', `/Invoices?ContactIDs=${contactId}`))).toEqual(['R-1', 'R-2']);
    expect(numbers(await h.call('GET', '/Invoices?Statuses=AUTHORISED'))).toEqual(['R-2']);
    const where = (w: string) => h.call('GET', `/Invoices?where=${encodeURIComponent(w)}`);
    expect(numbers(await where('Reference=="ORDER:1"'))).toEqual(['R-1']);
    expect(numbers(await where('Status=="DRAFT" AND Type=="ACCREC"'))).toEqual(['R-1']);
    expect(numbers(await where('InvoiceNumber=="R-2"'))).toEqual(['R-2']);
    expect(numbers(await where(`Contact.ContactID==Guid("${contactId}")`))).toEqual(['R-1', 'R-2']);
    expect(numbers(await h.call('GET', '/Invoices?searchTerm=order:2'))).toEqual(['R-2']);
  });

  it('honours If-Modified-Since against UpdatedDateUTC on the sandbox clock', async () => {
    const cutoff = new Date(h.sandbox.clock.now()).toISOString();
    h.sandbox.clock.advance(1000);
    await put({ Invoices: [invoice({ InvoiceNumber: 'R-3' })] });
    expect(numbers(await h.call('GET', '/Invoices', undefined, { 'If-Modified-Since': cutoff }))).toEqual(['R-3']);
  });

  it('answers 400 QueryParseException for a malformed where', async () => {
    const res = await h.call('GET', `/Invoices?where=${encodeURIComponent('Status==')}`);
    expect(res.status).toBe(400);
    expect(res.json.Type).toBe('QueryParseException');
  });

  it('GET by InvoiceID or InvoiceNumber returns line items', async () => {
    const byNumber = await h.call('GET', '/Invoices/R-1');
    expect(byNumber.json.Invoices[0].LineItems).toHaveLength(1);
    const byId = await h.call('GET', `/Invoices/${byNumber.json.Invoices[0].InvoiceID}`);
    expect(byId.json.Invoices[0].InvoiceNumber).toBe('R-1');
  });
});
