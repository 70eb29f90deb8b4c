import { authorizeSandbox } from '../../sandbox/xero';
import { request } from 'node:http';
import { send, startHarness, type Harness } from './helpers';

/** GET with a `{}` body, which fetch refuses to send but xero-node does. */
function getWithBody(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { ...headers, 'content-length': '2' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tenants: [{ name: 'Org A' }, { name: 'Org B', baseCurrency: 'AUD' }] });
});
afterAll(() => h.sandbox.close());

describe('accounting auth, envelope and error formats', () => {
  it('401 problem JSON with WWW-Authenticate for a missing or unknown bearer token', async () => {
    const res = await h.call('GET', '/Organisation', undefined, { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error=invalid_token');
    expect(res.json).toMatchObject({ title: 'Unauthorized', status: 401, detail: 'AuthenticationUnsuccessful' });
  });

  it('403 Forbidden body for a missing or unknown xero-tenant-id', async () => {
    for (const tenant of ['', '11111111-2222-3333-4444-555555555555']) {
      const res = await h.call('GET', '/Organisation', undefined, { 'xero-tenant-id': tenant });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({
        Type: null,
        Title: 'Forbidden',
        Status: 403,
        Detail: 'AuthenticationUnsuccessful',
        Extensions: {},
      });
      expect(typeof res.json.Instance).toBe('string');
    }
  });

  it('403 when the token lacks the scope; .read scopes allow GET only', async () => {
    const tokens = await authorizeSandbox(h.sandbox, { scope: 'offline_access accounting.contacts.read' });
    const headers = { authorization: `Bearer ${tokens.access_token}` };
    expect((await h.call('GET', '/Contacts', undefined, headers)).status).toBe(200);
    expect((await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'X' }] }, headers)).status).toBe(403);
    expect((await h.call('GET', '/Invoices', undefined, headers)).status).toBe(403);
  });

  it('checks the scope each route needs: granular scopes per resource, 403 Forbidden body when missing', async () => {
    const allowed = async (scope: string, method: string, path: string) => {
      const tokens = await authorizeSandbox(h.sandbox, { scope: `offline_access ${scope}` });
      const res = await h.call(method, path, method === 'GET' ? undefined : {}, {
        authorization: `Bearer ${tokens.access_token}`,
      });
      if (res.status === 403)
        expect(res.json).toMatchObject({ Title: 'Forbidden', Detail: 'AuthenticationUnsuccessful' });
      return res.status !== 403;
    };
    const routes: Array<[string, string]> = [
      ['GET', '/Invoices'],
      ['PUT', '/Invoices'],
      ['GET', '/Quotes'],
      ['GET', '/CreditNotes'],
      ['GET', '/Items'],
      ['PUT', '/Payments'],
      ['GET', '/Payments'],
      ['GET', '/Contacts'],
      ['GET', '/Organisation'],
      ['GET', '/TaxRates'],
    ];
    const grants: Record<string, string[]> = {
      'accounting.invoices': ['GET /Invoices', 'PUT /Invoices', 'GET /Quotes', 'GET /CreditNotes', 'GET /Items'],
      'accounting.payments': ['PUT /Payments', 'GET /Payments'],
      'accounting.payments.read': ['GET /Payments'],
      'accounting.contacts': ['GET /Contacts'],
      'accounting.settings': ['GET /Items', 'GET /Organisation', 'GET /TaxRates'],
    };
    for (const [scope, expected] of Object.entries(grants)) {
      const granted: string[] = [];
      for (const [method, path] of routes) if (await allowed(scope, method, path)) granted.push(`${method} ${path}`);
      expect({ scope, granted }).toEqual({ scope, granted: expected });
    }
  });

  it('an old app with the broad accounting.transactions reaches invoices, quotes, credit notes and payments', async () => {
    const old = await startHarness({ legacyApp: true }, 'offline_access accounting.transactions');
    try {
      for (const path of ['/Invoices', '/Quotes', '/CreditNotes', '/Payments']) {
        expect({ path, status: (await old.call('GET', path)).status }).not.toEqual({ path, status: 403 });
      }
      expect((await old.call('GET', '/Contacts')).status).toBe(403);
    } finally {
      await old.sandbox.close();
    }
  });

  it('serves every tenant the user connected, each with its own data', async () => {
    const [a, b] = h.sandbox.tenantIds;
    const orgA = await h.call('GET', '/Organisation', undefined, { 'xero-tenant-id': a });
    const orgB = await h.call('GET', '/Organisation', undefined, { 'xero-tenant-id': b });
    expect(orgA.json.Organisations[0]).toMatchObject({ OrganisationID: a, Name: 'Org A', BaseCurrency: 'NZD' });
    expect(orgB.json.Organisations[0]).toMatchObject({ OrganisationID: b, Name: 'Org B', BaseCurrency: 'AUD' });
  });

  it('wraps results in the PascalCase envelope and tolerates a {} body on GET (as xero-node sends)', async () => {
    const raw = await getWithBody(`${h.sandbox.url}/api.xro/2.0/Currencies`, {
      authorization: `Bearer ${h.token}`,
      'xero-tenant-id': h.tenantId,
      'content-type': 'application/json',
    });
    expect(raw.status).toBe(200);
    const res = { json: JSON.parse(raw.body) };
    expect(res.json).toMatchObject({ Status: 'OK', ProviderName: 'Xero Sandbox' });
    expect(res.json.Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.DateTimeUTC).toMatch(/^\/Date\(\d+\)\/$/);
    expect(Array.isArray(res.json.Currencies)).toBe(true);
  });

  it('404 with an empty text/html body for unknown IDs and paths', async () => {
    for (const path of [
      '/Invoices/5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f',
      '/Contacts/5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f',
      '/NoSuchThing',
    ]) {
      const res = await h.call('GET', path);
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
      expect(res.headers.get('content-type')).toBe('text/html');
    }
  });

  it('400 PostDataInvalidException for a body that is not JSON', async () => {
    const res = await h.call('PUT', '/Contacts', 'not json', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
  });

  it('paths are case-insensitive and /connections needs no tenant header', async () => {
    expect((await h.call('GET', '/organisation')).status).toBe(200);
    const conns = await send(`${h.sandbox.url}/Connections`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(conns.json).toHaveLength(2);
  });
});
