import { createAccountingClient } from '../../lib/xero/accounting-client';
import { XeroTransientError, XeroUnauthorizedError, XeroValidationError } from '../../lib/xero/errors';
import { type ScriptedServer, json, startScriptedServer } from './support/scripted-server';
import { staticTokens } from './support/static-tokens';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const unauthorized = json(401, { title: 'Unauthorized', status: 401, detail: 'AuthenticationUnsuccessful' });
const body = { Type: 'ACCREC', Contact: { ContactID: 'c-1' }, InvoiceNumber: 'WC-1', Reference: 'order:1' };

function client(tokens = staticTokens(), timeoutMs?: number) {
  return createAccountingClient({ apiUrl: `${server.origin}/api.xro/2.0`, tokens, timeoutMs });
}

describe('accounting client', () => {
  it('on 401 refreshes once and resends the same request with the new token', async () => {
    const tokens = staticTokens();
    server.enqueue(unauthorized, json(200, { Invoices: [{ ...body, InvoiceID: 'inv-1', Status: 'DRAFT' }] }));
    const created = await client(tokens).createInvoice('store-1', body, 'key-1');
    expect(created.InvoiceID).toBe('inv-1');
    expect(tokens.refreshes).toEqual(['tok-1']);
    const [first, second] = server.requests;
    expect(first.headers.authorization).toBe('Bearer tok-1');
    expect(second.headers.authorization).toBe('Bearer tok-2');
    expect(second.body).toBe(first.body);
    expect(second.headers['idempotency-key']).toBe('key-1');
  });

  it('gives up after a second 401', async () => {
    const tokens = staticTokens();
    server.enqueue(unauthorized, unauthorized);
    await expect(client(tokens).getTaxRates('store-1')).rejects.toBeInstanceOf(XeroUnauthorizedError);
    expect(tokens.refreshes).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('finds invoices by number: page=1 and unitdp=4, exact live ACCREC matches only', async () => {
    server.enqueue(
      json(200, {
        Invoices: [
          { Type: 'ACCREC', InvoiceID: 'a', InvoiceNumber: 'WC-1', Status: 'AUTHORISED', Reference: 'order:1' },
          { Type: 'ACCREC', InvoiceID: 'b', InvoiceNumber: 'WC-1', Status: 'VOIDED' },
          { Type: 'ACCREC', InvoiceID: 'c', InvoiceNumber: 'wc-1', Status: 'DRAFT' },
          { Type: 'ACCPAY', InvoiceID: 'd', InvoiceNumber: 'WC-1', Status: 'DRAFT' },
          { Type: 'ACCREC', InvoiceID: 'e', InvoiceNumber: 'WC-1', Status: 'DELETED' },
        ],
      }),
    );
    const found = await client().findInvoices('store-1', { invoiceNumbers: ['WC-1'] });
    expect(found.map((invoice) => invoice.InvoiceID)).toEqual(['a']);
    const query = new URL(server.requests[0].url, server.origin).searchParams;
    expect(Object.fromEntries(query)).toEqual({ InvoiceNumbers: 'WC-1', page: '1', unitdp: '4' });
  });

  it('finds invoices by reference with a where filter and exact match', async () => {
    server.enqueue(
      json(200, {
        Invoices: [
          { Type: 'ACCREC', InvoiceID: 'a', Reference: 'order:1', Status: 'DRAFT' },
          { Type: 'ACCREC', InvoiceID: 'b', Reference: 'ORDER:1', Status: 'DRAFT' },
        ],
      }),
    );
    const found = await client().findInvoices('store-1', { reference: 'order:1' });
    expect(found.map((invoice) => invoice.InvoiceID)).toEqual(['a']);
    const query = new URL(server.requests[0].url, server.origin).searchParams;
    expect(query.get('where')).toBe('Reference=="order:1"');
  });

  it('finds invoices by a reference holding a quote through searchTerm (no where), reading every page', async () => {
    const others = Array.from({ length: 100 }, (_, i) => ({
      Type: 'ACCREC',
      InvoiceID: `x${i}`,
      Reference: `order:"1${i}"`,
      Status: 'DRAFT',
    }));
    server.enqueue(
      json(200, { Invoices: others }),
      json(200, {
        Invoices: [
          { Type: 'ACCREC', InvoiceID: 'a', Reference: 'order:"1"', Status: 'DRAFT' },
          { Type: 'ACCREC', InvoiceID: 'b', Reference: 'ORDER:"1"', Status: 'DRAFT' },
        ],
      }),
    );
    const found = await client().findInvoices('store-1', { reference: 'order:"1"' });
    expect(found.map((invoice) => invoice.InvoiceID)).toEqual(['a']);
    const queries = server.requests.map((r) => Object.fromEntries(new URL(r.url, server.origin).searchParams));
    expect(queries).toEqual([
      { searchTerm: 'order:"1"', page: '1', unitdp: '4' },
      { searchTerm: 'order:"1"', page: '2', unitdp: '4' },
    ]);
  });

  it('looks items up by code in one OR filter and keeps only the asked codes', async () => {
    server.enqueue(
      json(200, {
        Items: [
          { Code: 'W-1', ItemID: 'i1' },
          { Code: 'OTHER', ItemID: 'i2' },
        ],
      }),
    );
    const items = await client().getItemsByCode('store-1', ['W-1', 'W-2']);
    expect(items.map((item) => item.ItemID)).toEqual(['i1']);
    const query = new URL(server.requests[0].url, server.origin).searchParams;
    expect(query.get('where')).toBe('Code=="W-1" OR Code=="W-2"');
  });

  it('reads the whole items list when a code holds a quote, which no where filter can carry', async () => {
    server.enqueue(
      json(200, { Items: [{ Code: 'PIPE-1/2"', ItemID: 'i1' }, { Code: 'W-1', ItemID: 'i2' }, { Code: 'X' }] }),
    );
    const items = await client().getItemsByCode('store-1', ['pipe-1/2"', 'W-1']);
    expect(items.map((item) => item.ItemID)).toEqual(['i1', 'i2']);
    expect(server.requests).toHaveLength(1);
    expect(new URL(server.requests[0].url, server.origin).searchParams.get('where')).toBeNull();
  });

  it('treats a 200 element flagged with errors as a validation error', async () => {
    server.enqueue(
      json(200, {
        Contacts: [{ Name: 'X', HasValidationErrors: true, ValidationErrors: [{ Message: 'Name is taken.' }] }],
      }),
    );
    const err = await client()
      .createContact('store-1', { Name: 'X' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroValidationError);
    expect((err as XeroValidationError).messages).toEqual(['Name is taken.']);
  });

  it('bounds each request with the timeout and reports it as transient', async () => {
    server.enqueue({ status: 200, body: '{}', delayMs: 400 });
    const err = await client(staticTokens(), 50)
      .getCurrencies('store-1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroTransientError);
    expect((err as XeroTransientError).noResponse).toBe(true);
    expect((err as Error).message).toContain('timed out');
  });
});
