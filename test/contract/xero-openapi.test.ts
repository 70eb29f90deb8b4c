import { salesLine, startHarness, type Answer, type Harness } from '../sandbox-xero/helpers';
import { authorizeSandbox } from '../../sandbox/xero';
import {
  validateXeroIdentityResponseBody,
  validateXeroIdentitySchema,
  validateXeroRequestBody,
  validateXeroResponseBody,
  xeroSpec,
} from './xero-spec-validator';

/**
 * Contract test: every sandbox response the project reads, and every request body it sends, is checked
 * against the official Xero OpenAPI spec (xero_accounting.yaml, OAS 16.1.0) with openapi-backend.
 */

let h: Harness;
const ids: Record<string, string> = {};

/** Bodies shaped as the project (through xero-node) sends them. */
const requests = {
  contact: {
    Contacts: [
      {
        Name: 'Acme Widgets Ltd',
        ContactNumber: 'CUST-0001',
        FirstName: 'Jane',
        LastName: 'Doe',
        EmailAddress: 'ap@acme.example',
        Addresses: [
          {
            AddressType: 'POBOX',
            AddressLine1: 'PO Box 123',
            City: 'Wellington',
            PostalCode: '6011',
            Country: 'New Zealand',
          },
        ],
        Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '555-1234', PhoneAreaCode: '04' }],
      },
    ],
  },
  item: {
    Items: [
      {
        Code: 'WIDGET-1',
        Name: 'Blue widget',
        Description: 'Blue widget, 10 cm',
        IsSold: true,
        IsPurchased: true,
        SalesDetails: { UnitPrice: 12.5, AccountCode: '200', TaxType: 'OUTPUT2' },
        PurchaseDetails: { UnitPrice: 7.25, AccountCode: '300', TaxType: 'INPUT2' },
      },
    ],
  },
  trackedItem: {
    Items: [
      {
        Code: 'GUITAR-1',
        Name: 'Guitar',
        InventoryAssetAccountCode: '630',
        SalesDetails: { UnitPrice: 500, AccountCode: '200', TaxType: 'OUTPUT2' },
        PurchaseDetails: { UnitPrice: 250, COGSAccountCode: '310', TaxType: 'INPUT2' },
      },
    ],
  },
  invoice: (contactId: string) => ({
    Invoices: [
      {
        Type: 'ACCREC',
        Contact: { ContactID: contactId },
        Date: '2024-01-31',
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
      },
    ],
  }),
  creditNote: (contactId: string) => ({
    CreditNotes: [
      {
        Type: 'ACCRECCREDIT',
        Contact: { ContactID: contactId },
        Date: '2024-02-05',
        Status: 'AUTHORISED',
        Reference: 'refund:100234',
        LineAmountTypes: 'Exclusive',
        LineItems: [salesLine('Returned widget', 1, 20)],
      },
    ],
  }),
  payment: (invoiceId: string, amount: number) => ({
    Invoice: { InvoiceID: invoiceId },
    Account: { Code: '090' },
    Date: '2024-02-10',
    Amount: amount,
    Reference: 'Stripe ch_1',
  }),
  refund: (creditNoteId: string, amount: number) => ({
    CreditNote: { CreditNoteID: creditNoteId },
    Account: { Code: '090' },
    Date: '2024-02-11',
    Amount: amount,
  }),
  allocation: (invoiceId: string, amount: number) => ({
    Allocations: [{ Invoice: { InvoiceID: invoiceId }, Amount: amount, Date: '2024-02-12' }],
  }),
  quote: (contactId: string) => ({
    Quotes: [
      {
        Contact: { ContactID: contactId },
        Date: '2024-01-31',
        ExpiryDate: '2024-02-14',
        Status: 'DRAFT',
        Reference: 'est:77',
        Title: 'Widget supply',
        Summary: 'Quote for 3 widgets',
        Terms: 'Valid 14 days',
        LineAmountTypes: 'EXCLUSIVE',
        LineItems: [salesLine('Blue widget', 3, 12.5, { ItemCode: 'WIDGET-1', DiscountRate: 10 })],
      },
    ],
  }),
};

beforeAll(async () => {
  xeroSpec(); // parse the 926 KB spec once for this file
  h = await startHarness({ rateLimits: { perMinute: 1_000 } }); // one harness for every case: more than 60 calls
  const contact = await h.call('PUT', '/Contacts', requests.contact);
  ids.contact = contact.json.Contacts[0].ContactID;
  const item = await h.call('PUT', '/Items?unitdp=4', requests.item);
  ids.item = item.json.Items[0].ItemID;
  const invoice = await h.call('PUT', '/Invoices?summarizeErrors=true&unitdp=4', requests.invoice(ids.contact));
  ids.invoice = invoice.json.Invoices[0].InvoiceID;
  const quote = await h.call('PUT', '/Quotes?summarizeErrors=true', requests.quote(ids.contact));
  ids.quote = quote.json.Quotes[0].QuoteID;
  const reference = await h.call('GET', '/BrandingThemes');
  ids.theme = reference.json.BrandingThemes[0].BrandingThemeID;
  ids.tracking = (await h.call('GET', '/TrackingCategories')).json.TrackingCategories[0].TrackingCategoryID;
  ids.account = (await h.call('GET', '/Accounts')).json.Accounts[0].AccountID;
  const note = await h.call('PUT', '/CreditNotes?summarizeErrors=true&unitdp=4', requests.creditNote(ids.contact));
  ids.creditNote = note.json.CreditNotes[0].CreditNoteID;
  const paid = await h.call('PUT', '/Payments', { Payments: [requests.payment(ids.invoice, 10)] });
  ids.payment = paid.json.Payments[0].PaymentID;
  ids.paymentToDelete = (
    await h.call('POST', '/Payments', requests.payment(ids.invoice, 5))
  ).json.Payments[0].PaymentID;
  await h.call('PUT', '/Payments', { Payments: [requests.refund(ids.creditNote, 1)] });
  const allocated = await h.call(
    'PUT',
    `/CreditNotes/${ids.creditNote}/Allocations`,
    requests.allocation(ids.invoice, 2),
  );
  ids.allocation = allocated.json.Allocations[0].AllocationID;
}, 60_000);
afterAll(() => h.sandbox.close());

/** Calls the sandbox and returns the answer with the spec errors for its status. */
async function check(
  operationId: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ answer: Answer; errors: string[] }> {
  const answer = await h.call(
    method,
    path.replace(/\{(\w+)\}/g, (_m, key: string) => ids[key]),
    body,
  );
  return { answer, errors: validateXeroResponseBody(operationId, answer.status, answer.json) };
}

describe('sandbox responses match the spec (200)', () => {
  const cases: Array<[string, string, string, (() => unknown) | null]> = [
    ['getContacts', 'GET', '/Contacts?page=1', null],
    ['getContact', 'GET', '/Contacts/{contact}', null],
    ['getContactByContactNumber', 'GET', '/Contacts/CUST-0001', null],
    ['createContacts', 'PUT', '/Contacts?summarizeErrors=true', () => ({ Contacts: [{ Name: 'Fresh Contact' }] })],
    ['updateContact', 'POST', '/Contacts/{contact}', () => ({ Contacts: [{ EmailAddress: 'new@acme.example' }] })],
    ['getItems', 'GET', '/Items?unitdp=4', null],
    ['getItem', 'GET', '/Items/{item}?unitdp=4', null],
    [
      'createItems',
      'PUT',
      '/Items?summarizeErrors=true&unitdp=4',
      () => ({ Items: [{ Code: 'GADGET', Name: 'Gadget' }] }),
    ],
    ['updateItem', 'POST', '/Items/{item}', () => ({ Items: [{ Code: 'WIDGET-1', Name: 'Blue widget v2' }] })],
    ['getItem', 'GET', '/Items/TRACKED-1?unitdp=4', null],
    ['createItems', 'PUT', '/Items?summarizeErrors=true&unitdp=4', () => requests.trackedItem],
    ['getInvoices', 'GET', '/Invoices?page=1&unitdp=4', null],
    ['getInvoices', 'GET', '/Invoices', null],
    ['getInvoice', 'GET', '/Invoices/{invoice}?unitdp=4', null],
    [
      'createInvoices',
      'PUT',
      '/Invoices?summarizeErrors=true&unitdp=4',
      () => ({
        Invoices: [{ Type: 'ACCREC', Contact: { ContactID: ids.contact }, LineItems: [salesLine('x', 1, 1)] }],
      }),
    ],
    ['updateInvoice', 'POST', '/Invoices/{invoice}?unitdp=4', () => ({ Invoices: [{ Reference: 'order:100234:v2' }] })],
    ['getQuotes', 'GET', '/Quotes?page=1', null],
    ['getQuote', 'GET', '/Quotes/{quote}', null],
    ['createQuotes', 'PUT', '/Quotes?summarizeErrors=true', () => requests.quote(ids.contact)],
    [
      'updateQuote',
      'POST',
      '/Quotes/{quote}',
      () => ({ Quotes: [{ Contact: { ContactID: ids.contact }, Date: '2024-01-31', Status: 'SENT' }] }),
    ],
    ['getCreditNotes', 'GET', '/CreditNotes?page=1&unitdp=4', null],
    ['getCreditNotes', 'GET', '/CreditNotes?where=Reference%3D%3D%22refund%3A100234%22', null],
    ['getCreditNote', 'GET', '/CreditNotes/{creditNote}?unitdp=4', null],
    ['createCreditNotes', 'PUT', '/CreditNotes?summarizeErrors=true&unitdp=4', () => requests.creditNote(ids.contact)],
    [
      'updateOrCreateCreditNotes',
      'POST',
      '/CreditNotes?summarizeErrors=true&unitdp=4',
      () => ({ CreditNotes: [{ CreditNoteID: ids.creditNote, Reference: 'refund:100234:v2' }] }),
    ],
    [
      'updateCreditNote',
      'POST',
      '/CreditNotes/{creditNote}?unitdp=4',
      () => ({ CreditNotes: [{ Reference: 'refund:100234:v3' }] }),
    ],
    [
      'createCreditNoteAllocation',
      'PUT',
      '/CreditNotes/{creditNote}/Allocations',
      () => requests.allocation(ids.invoice, 1),
    ],
    ['deleteCreditNoteAllocations', 'DELETE', '/CreditNotes/{creditNote}/Allocations/{allocation}', null],
    ['getPayments', 'GET', '/Payments', null],
    ['getPayments', 'GET', '/Payments?page=1&where=Status%3D%3D%22AUTHORISED%22&order=Amount%20DESC', null],
    ['getPayment', 'GET', '/Payments/{payment}', null],
    [
      'createPayments',
      'PUT',
      '/Payments?summarizeErrors=true',
      () => ({ Payments: [requests.payment(ids.invoice, 1)] }),
    ],
    ['createPayment', 'POST', '/Payments', () => requests.payment(ids.invoice, 1)],
    ['createPayments', 'PUT', '/Payments', () => ({ Payments: [requests.refund(ids.creditNote, 1)] })],
    ['deletePayment', 'POST', '/Payments/{paymentToDelete}', () => ({ Payments: [{ Status: 'DELETED' }] })],
    ['getTaxRates', 'GET', '/TaxRates', null],
    ['getTaxRateByTaxType', 'GET', '/TaxRates/OUTPUT2', null],
    ['getAccounts', 'GET', '/Accounts', null],
    ['getAccount', 'GET', '/Accounts/{account}', null],
    ['getOrganisations', 'GET', '/Organisation', null],
    ['getOrganisationActions', 'GET', '/Organisation/Actions', null],
    ['getCurrencies', 'GET', '/Currencies', null],
    ['getBrandingThemes', 'GET', '/BrandingThemes', null],
    ['getBrandingTheme', 'GET', '/BrandingThemes/{theme}', null],
    ['getTrackingCategories', 'GET', '/TrackingCategories', null],
    ['getTrackingCategory', 'GET', '/TrackingCategories/{tracking}', null],
  ];

  it.each(cases)('%s %s %s', async (operationId, method, path, body) => {
    const { answer, errors } = await check(operationId, method, path, body?.());
    expect(answer.status).toBe(200);
    expect(errors).toEqual([]);
  });
});

describe('validation-error responses match the spec (400)', () => {
  const cases: Array<[string, string, () => unknown]> = [
    ['createContacts', '/Contacts', () => ({ Contacts: [{ Name: 'Acme Widgets Ltd' }] })],
    ['createItems', '/Items', () => ({ Items: [{ Code: 'WIDGET-1' }] })],
    ['createInvoices', '/Invoices', () => requests.invoice(ids.contact)],
    ['createQuotes', '/Quotes', () => ({ Quotes: [{ LineItems: [salesLine('x', 1, 1, { AccountCode: '999' })] }] })],
    [
      'createCreditNotes',
      '/CreditNotes',
      () => ({ CreditNotes: [{ ...requests.creditNote(ids.contact).CreditNotes[0], Type: 'CREDIT' }] }),
    ],
    ['createPayments', '/Payments', () => ({ Payments: [requests.payment(ids.invoice, 1_000_000)] })],
    [
      'createCreditNoteAllocation',
      `/CreditNotes/{creditNote}/Allocations`,
      () => requests.allocation(ids.invoice, 1_000),
    ],
    [
      'createInvoices',
      '/Invoices',
      () => ({
        Invoices: [
          {
            Type: 'ACCREC',
            Contact: { ContactID: ids.contact },
            LineItems: [salesLine('x', 1, 1, { TaxType: 'INPUT2', Tracking: [{ Name: 'Region', Option: 'Central' }] })],
          },
        ],
      }),
    ],
  ];

  it.each(cases)('%s PUT %s', async (operationId, path, body) => {
    const { answer, errors } = await check(operationId, 'PUT', path, body());
    expect(answer.status).toBe(400);
    expect(answer.json.Type).toBe('ValidationException');
    expect(errors).toEqual([]);
  });

  it('per-element errors with summarizeErrors=false also match the 200 schema', async () => {
    const { answer, errors } = await check(
      'createInvoices',
      'PUT',
      '/Invoices?summarizeErrors=false',
      requests.invoice(ids.contact),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.Invoices[0].HasErrors).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('request bodies the project sends match the spec', () => {
  it.each([
    ['createContacts', () => requests.contact],
    ['createItems', () => requests.item],
    ['createItems', () => requests.trackedItem],
    ['createInvoices', () => requests.invoice('3ff6d40c-af9a-40a3-89ce-3c1556a25591')],
    ['createQuotes', () => requests.quote('3ff6d40c-af9a-40a3-89ce-3c1556a25591')],
    ['createCreditNotes', () => requests.creditNote('3ff6d40c-af9a-40a3-89ce-3c1556a25591')],
    ['createPayments', () => ({ Payments: [requests.payment('ed255415-e141-4150-aab7-89c3bbbb851c', 50)] })],
    ['createPayment', () => requests.payment('ed255415-e141-4150-aab7-89c3bbbb851c', 50)],
    ['createPayment', () => requests.refund('ed255415-e141-4150-aab7-89c3bbbb851c', 5)],
    ['deletePayment', () => ({ Status: 'DELETED' })],
    ['createCreditNoteAllocation', () => requests.allocation('ed255415-e141-4150-aab7-89c3bbbb851c', 5)],
  ])('%s', (operationId, body) => {
    expect(validateXeroRequestBody(operationId, body())).toEqual([]);
  });
});

describe('identity responses match xero-identity.yaml', () => {
  it('the token response matches AccessToken', async () => {
    const { redirect: _redirect, ...tokens } = await authorizeSandbox(h.sandbox);
    expect(validateXeroIdentitySchema('AccessToken', tokens)).toEqual([]);
    expect(validateXeroIdentitySchema('AccessToken', { ...tokens, expires_in: '1800' })).toEqual([
      expect.stringMatching(/^\/expires_in: must be integer/),
    ]);
  });

  it('GET /connections matches getConnections', async () => {
    const res = await fetch(`${h.sandbox.url}/connections`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(validateXeroIdentityResponseBody('getConnections', 200, await res.json())).toEqual([]);
  });
});

describe('the validator itself', () => {
  it('reports wrong shapes, enums and types with their paths', () => {
    expect(validateXeroRequestBody('createInvoices', { Invoices: [{ Type: 'SALE', LineItems: 'none' }] })).toEqual([
      expect.stringMatching(/^\/Invoices\/0\/Type: must be equal to one of the allowed values/),
      expect.stringMatching(/^\/Invoices\/0\/LineItems: must be array/),
    ]);
    expect(validateXeroResponseBody('getInvoices', 200, { Invoices: [{ Total: '10.00' }] })).toEqual([
      expect.stringMatching(/^\/Invoices\/0\/Total: must be number/),
    ]);
    expect(
      validateXeroResponseBody('createContacts', 400, { Elements: [{ ValidationErrors: [{ Message: 42 }] }] }),
    ).toEqual([expect.stringMatching(/^\/Elements\/0\/ValidationErrors\/0\/Message: must be string/)]);
  });

  it('reports unknown operations and undeclared statuses instead of passing silently', () => {
    expect(validateXeroResponseBody('noSuchOperation', 200, {})).toEqual(['unknown operationId noSuchOperation']);
    expect(validateXeroResponseBody('getInvoices', 418, {})).toEqual([
      'operation getInvoices declares no 418 response',
    ]);
    expect(validateXeroRequestBody('getInvoices', {})).toEqual([
      'operation getInvoices has no request body in the spec',
    ]);
  });
});
