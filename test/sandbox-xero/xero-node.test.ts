import { AccountingApi, Invoice, LineAmountTypes, CurrencyCode, type Contact } from 'xero-node';
import { createContact, startHarness, type Harness } from './helpers';

let h: Harness;
let api: AccountingApi;
let contactId: string;
beforeEach(async () => {
  h = await startHarness();
  api = new AccountingApi(`${h.sandbox.url}/api.xro/2.0`);
  api.accessToken = h.token;
  contactId = await createContact(h, 'Acme Widgets Ltd');
});
afterEach(() => h.sandbox.close());

/** xero-node rejects non-2xx answers with a JSON string; parse it. */
async function rejection(
  p: Promise<unknown>,
): Promise<{ response: { statusCode: number; body: unknown; headers: Record<string, string> } }> {
  try {
    await p;
  } catch (error) {
    expect(typeof error).toBe('string');
    return JSON.parse(error as string);
  }
  throw new Error('expected a rejection');
}

const workedExample = (): Invoice => ({
  type: Invoice.TypeEnum.ACCREC,
  contact: { contactID: contactId },
  date: '2024-01-31',
  dueDate: '2024-02-29',
  invoiceNumber: 'ORD-100234',
  reference: 'order:100234',
  lineAmountTypes: LineAmountTypes.Exclusive,
  status: Invoice.StatusEnum.AUTHORISED,
  currencyCode: CurrencyCode.NZD,
  lineItems: [
    { description: 'Consulting (hours)', quantity: 2, unitAmount: 20, accountCode: '200', taxType: 'OUTPUT2' },
    {
      description: 'Blue widget',
      quantity: 3,
      unitAmount: 12.5,
      discountRate: 10,
      accountCode: '200',
      taxType: 'OUTPUT2',
      tracking: [{ name: 'Region', option: 'North' }],
    },
    { description: 'Delivery', quantity: 1, unitAmount: 15, accountCode: '200', taxType: 'OUTPUT2' },
  ],
});

describe('the official xero-node SDK against the sandbox', () => {
  it('createInvoices(tenant, {invoices}, true, 4, key) round-trips the worked example', async () => {
    const res = await api.createInvoices(h.tenantId, { invoices: [workedExample()] }, true, 4, 'idem-key');
    expect(res.response.status).toBe(200);
    const inv = res.body.invoices![0];
    expect(inv.total).toBe(102.06);
    expect(inv.subTotal).toBe(88.75);
    expect(inv.totalTax).toBe(13.31);
    expect(inv.status).toBe(Invoice.StatusEnum.AUTHORISED);
    expect(inv.date as unknown).toEqual(new Date('2024-01-31T00:00:00Z')); // xero-node turns /Date(…)/ into Date
    expect(inv.updatedDateUTC).toBeInstanceOf(Date);
    expect(inv.lineItems!.map((l) => l.taxAmount)).toEqual([6, 5.06, 2.25]);
    const [req] = h.sandbox.state.requests(/\/Invoices$/);
    expect(req.query).toEqual({ summarizeErrors: 'true', unitdp: '4' });
    expect(req.headers['idempotency-key']).toBe('idem-key');
    expect(req.headers['xero-tenant-id']).toBe(h.tenantId);
  });

  it('replays with the same key: the retry returns the same invoice and creates nothing new', async () => {
    const a = await api.createInvoices(h.tenantId, { invoices: [workedExample()] }, true, 4, 'same-key');
    const b = await api.createInvoices(h.tenantId, { invoices: [workedExample()] }, true, 4, 'same-key');
    expect(b.body.invoices![0].invoiceID).toBe(a.body.invoices![0].invoiceID);
    expect(h.sandbox.state.invoices()).toHaveLength(1);
  });

  it('rejects with a JSON string carrying the 400 ValidationException body', async () => {
    await api.createInvoices(h.tenantId, { invoices: [workedExample()] }, true, 4);
    const error = await rejection(api.createInvoices(h.tenantId, { invoices: [workedExample()] }, true, 4));
    expect(error.response.statusCode).toBe(400);
    expect(error.response.body).toMatchObject({
      Type: 'ValidationException',
      Elements: [{ ValidationErrors: [{ Message: 'Invoice # must be unique.' }] }],
    });
  });

  it('reads invoices, contacts, items and settings through the SDK (GET with a {} body)', async () => {
    await api.createInvoices(h.tenantId, { invoices: [workedExample()] }, true, 4);
    const list = await api.getInvoices(
      h.tenantId,
      undefined,
      'Status=="AUTHORISED"',
      undefined,
      undefined,
      ['ORD-100234'],
      undefined,
      undefined,
      1,
      undefined,
      undefined,
      4,
    );
    expect(list.body.invoices!.map((i) => i.invoiceNumber)).toEqual(['ORD-100234']);
    expect(list.body.invoices![0].lineItems).toHaveLength(3);
    expect(list.body.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 1, itemCount: 1 });
    const one = await api.getInvoice(h.tenantId, 'ORD-100234', 4);
    expect(one.body.invoices![0].lineItems![1].tracking![0].option).toBe('North');
    const contacts = await api.getContacts(h.tenantId, undefined, 'Name=="acme widgets ltd"');
    expect(contacts.body.contacts!.map((c: Contact) => c.contactID)).toEqual([contactId]);
    const items = await api.createItems(
      h.tenantId,
      { items: [{ code: 'SKU-1', name: 'Thing', salesDetails: { unitPrice: 1.2345 } }] },
      true,
      4,
    );
    expect(items.body.items![0].salesDetails!.unitPrice).toBe(1.2345);
    const org = await api.getOrganisations(h.tenantId);
    expect(org.body.organisations![0].baseCurrency).toBe(CurrencyCode.NZD);
    const rates = await api.getTaxRates(h.tenantId);
    expect(rates.body.taxRates!.find((t) => t.taxType === 'OUTPUT2')!.effectiveRate).toBe(15);
    const accounts = await api.getAccounts(h.tenantId, undefined, 'Code=="860"');
    expect(accounts.body.accounts![0].systemAccount).toBe('ROUNDING');
  });

  it('surfaces 404 as a rejection with an empty body, and 401 after the token expires', async () => {
    const notFound = await rejection(api.getInvoice(h.tenantId, '5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f'));
    expect(notFound.response.statusCode).toBe(404);
    expect(notFound.response.body).toBe('');
    h.sandbox.clock.advance(30 * 60_000);
    const expired = await rejection(api.getOrganisations(h.tenantId));
    expect(expired.response.statusCode).toBe(401);
  });

  it('creates quotes and contacts through the SDK', async () => {
    const contact = await api.createContacts(
      h.tenantId,
      { contacts: [{ name: 'Beta', emailAddress: 'b@example.com' }] },
      true,
      'c-key',
    );
    expect(contact.body.contacts![0].phones).toHaveLength(4);
    const quote = await api.createQuotes(
      h.tenantId,
      {
        quotes: [
          {
            contact: { contactID: contactId },
            date: '2024-01-31',
            lineItems: [
              {
                description: 'Blue widget',
                quantity: 3,
                unitAmount: 12.5,
                discountRate: 10,
                accountCode: '200',
                taxType: 'OUTPUT2',
              },
            ],
          },
        ],
      },
      true,
      'q-key',
    );
    expect(quote.body.quotes![0]).toMatchObject({ quoteNumber: 'QU-0001', total: 38.81, totalTax: 5.06 });
  });
});
