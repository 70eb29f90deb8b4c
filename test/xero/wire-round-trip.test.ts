import { createAccountingClient } from '../../lib/xero/accounting-client';
import { WireConversionError, canonicalRequestBody } from '../../lib/xero/wire';
import type { WireInvoice, WireQuote } from '../../lib/xero/wire-types';
import { type ScriptedServer, json, startScriptedServer } from './support/scripted-server';
import { staticTokens } from './support/static-tokens';

/** Every invoice field the mapping produces, in an order unlike xero-node's. */
const invoice: WireInvoice = {
  Status: 'AUTHORISED',
  Type: 'ACCREC',
  Reference: 'order:100234',
  InvoiceNumber: 'WC-100234',
  Contact: { ContactID: '3ff6d40c-af9a-40a3-89ce-3c1556a25591' },
  Date: '2024-01-31',
  DueDate: '2024-02-29',
  LineAmountTypes: 'Exclusive',
  CurrencyCode: 'NZD',
  BrandingThemeID: 'dabc7637-62c1-4e0b-9c27-1a2f3c4d5e6f',
  Url: 'https://shop.example/wp-admin/post.php?post=100234',
  LineItems: [
    {
      Tracking: [{ Option: 'North', Name: 'Region' }],
      Description: 'Blue widget — 10 cm, “gift” ünïcode',
      Quantity: 3,
      UnitAmount: 12.3456,
      ItemCode: 'WIDGET-1',
      AccountCode: '200',
      TaxType: 'OUTPUT2',
      TaxAmount: 5.06,
      DiscountRate: 10,
    },
    { Description: 'Coupon', Quantity: 1, UnitAmount: 20, DiscountAmount: 2.5, AccountCode: '200', TaxType: 'NONE' },
    { Description: 'Rounding', Quantity: 1, UnitAmount: -0.01, AccountCode: '860', TaxAmount: 0 },
  ],
};

const quote: WireQuote = {
  Contact: { ContactID: 'c-1' },
  QuoteNumber: 'QU-WC-7',
  Reference: 'order:7',
  Date: '2024-01-31',
  ExpiryDate: '2024-02-14',
  Status: 'DRAFT',
  LineAmountTypes: 'EXCLUSIVE',
  CurrencyCode: 'NZD',
  Title: 'Order 7',
  LineItems: [{ Description: 'Blue widget', Quantity: 3, UnitAmount: 12.5, DiscountRate: 10, AccountCode: '200' }],
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

describe('wire format through xero-node', () => {
  it('sends exactly the canonical bytes of a wire invoice, losing nothing', async () => {
    const canonical = canonicalRequestBody('Invoices', [invoice]);
    expect(JSON.parse(canonical)).toEqual({ Invoices: [invoice] });

    server.enqueue(json(200, { Invoices: [{ ...invoice, InvoiceID: 'inv-1' }] }));
    const client = createAccountingClient({ apiUrl: `${server.origin}/api.xro/2.0`, tokens: staticTokens() });
    await client.createInvoice('store-1', invoice, 'invoice:store-1:100234:g1');

    const [sent] = server.requests;
    expect(sent.body).toBe(canonical);
    expect(sent.method).toBe('PUT');
    expect(sent.url).toBe('/api.xro/2.0/Invoices?summarizeErrors=true&unitdp=4');
    expect(sent.headers['idempotency-key']).toBe('invoice:store-1:100234:g1');
    expect(sent.headers['xero-tenant-id']).toBe('tenant-1');
    expect(sent.headers.authorization).toBe('Bearer tok-1');
  });

  it('sends exactly the canonical bytes of a wire quote', async () => {
    server.enqueue(json(200, { Quotes: [{ ...quote, QuoteID: 'q-1' }] }));
    const client = createAccountingClient({ apiUrl: `${server.origin}/api.xro/2.0`, tokens: staticTokens() });
    await client.createQuote('store-1', quote, 'quote:store-1:7:g1');
    expect(server.requests[0].body).toBe(canonicalRequestBody('Quotes', [quote]));
    expect(JSON.parse(server.requests[0].body)).toEqual({ Quotes: [quote] });
    expect(server.requests[0].url).toBe('/api.xro/2.0/Quotes?summarizeErrors=true');
  });

  it('is stable: the canonical form of a stored canonical body is the same text', () => {
    const canonical = canonicalRequestBody('Invoices', [invoice]);
    const stored = JSON.parse(canonical) as { Invoices: WireInvoice[] };
    expect(canonicalRequestBody('Invoices', stored.Invoices)).toBe(canonical);
  });

  it('refuses fields xero-node would drop or change', () => {
    expect(() => canonicalRequestBody('Invoices', [{ ...invoice, Colour: 'blue' }])).toThrow(WireConversionError);
    expect(() => canonicalRequestBody('Invoices', [{ ...invoice, reference: 'camelCase typo' }])).toThrow(
      WireConversionError,
    );
    expect(() => canonicalRequestBody('Invoices', [{ ...invoice, Reference: '/Date(1700000000000)/' }])).toThrow(
      WireConversionError,
    );
  });

  it('converts the response back to wire JSON, with /Date()/ values as ISO text', async () => {
    server.enqueue(
      json(200, {
        Id: 'env-1',
        Status: 'OK',
        Invoices: [
          {
            ...invoice,
            InvoiceID: 'inv-1',
            Date: '/Date(1706659200000+0000)/',
            DateString: '2024-01-31T00:00:00',
            SubTotal: 88.75,
            TotalTax: 13.31,
            Total: 102.06,
            HasErrors: false,
          },
        ],
      }),
    );
    const client = createAccountingClient({ apiUrl: `${server.origin}/api.xro/2.0`, tokens: staticTokens() });
    const created = await client.createInvoice('store-1', invoice, 'k');
    expect(created).toMatchObject({
      InvoiceID: 'inv-1',
      InvoiceNumber: 'WC-100234',
      Status: 'AUTHORISED',
      SubTotal: 88.75,
      TotalTax: 13.31,
      Total: 102.06,
      CurrencyCode: 'NZD',
      Date: '2024-01-31T00:00:00.000Z',
    });
    expect(created.DateString).toBeUndefined(); // not in xero-node's model
  });
});
