import { eventually } from '../support/ports';
import { createContact, salesLine, send, startHarness, type Harness } from './helpers';

let h: Harness;
let contactId: string;
beforeEach(async () => {
  h = await startHarness();
  contactId = await createContact(h, 'Acme');
});
afterEach(() => h.sandbox.close());

const invoiceBody = (n: string) => ({
  Invoices: [
    { Type: 'ACCREC', Contact: { ContactID: contactId }, InvoiceNumber: n, LineItems: [salesLine('x', 1, 10)] },
  ],
});
const putInvoice = (key: string, n: string) =>
  h.call('PUT', '/Invoices?unitdp=4', invoiceBody(n), { 'Idempotency-Key': key });

describe('fault injection', () => {
  it('answers a queued 503 once, for the matching method and path only, without processing', async () => {
    h.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { status: 503 } });
    expect((await h.call('GET', '/Invoices')).status).toBe(200);
    const failed = await putInvoice('f1', 'F-1');
    expect(failed.status).toBe(503);
    expect(failed.text).toBe('The Xero API is temporarily unavailable');
    expect(failed.headers.get('x-minlimit-remaining')).not.toBeNull();
    expect(h.sandbox.state.invoices()).toEqual([]);
    expect((await putInvoice('f1', 'F-1')).status).toBe(200); // not cached: the retry is processed
    expect(h.sandbox.faults.pending()).toBe(0);
  });

  it('a cached 500 is stored under the Idempotency-Key and replayed for the window', async () => {
    h.sandbox.faults.add({ path: 'Invoices', fault: { status: 500, body: { Message: 'boom' }, cached: true } });
    expect((await putInvoice('f2', 'F-2')).status).toBe(500);
    const replay = await putInvoice('f2', 'F-2');
    expect(replay.status).toBe(500);
    expect(replay.json).toEqual({ Message: 'boom' });
    expect(h.sandbox.state.invoices()).toEqual([]);
    expect((await putInvoice('f2-new', 'F-2')).status).toBe(200); // a new key goes through
  });

  it('a forced 429 carries the rate-limit problem header and Retry-After by default', async () => {
    h.sandbox.faults.add({ path: /Organisation/, count: 2, fault: { status: 429 } });
    const res = await h.call('GET', '/Organisation');
    expect(res.status).toBe(429);
    expect(res.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    h.sandbox.faults.add({
      path: /Organisation/,
      fault: { status: 429, headers: { 'X-Rate-Limit-Problem': 'day', 'Retry-After': '3600' } },
    });
    expect((await h.call('GET', '/Organisation')).status).toBe(429); // second use of the first rule
    const custom = await h.call('GET', '/Organisation');
    expect(custom.headers.get('x-rate-limit-problem')).toBe('day');
    expect(custom.headers.get('retry-after')).toBe('3600');
  });

  it('commit-then-drop commits the invoice and stores the response, then drops the connection', async () => {
    h.sandbox.faults.add({ method: 'PUT', path: /Invoices/, fault: { kind: 'commit-then-drop' } });
    await expect(putInvoice('f3', 'F-3')).rejects.toThrow();
    expect(h.sandbox.state.invoices().map((i) => i.InvoiceNumber)).toEqual(['F-3']);
    const retry = await putInvoice('f3', 'F-3');
    expect(retry.status).toBe(200);
    expect(retry.json.Invoices[0].InvoiceNumber).toBe('F-3');
    expect(h.sandbox.state.invoices()).toHaveLength(1);
    const log = h.sandbox.state.requests(/Invoices/);
    expect(log[0].status).toBeUndefined();
    expect(log[1].status).toBe(200);
  });

  it.each([500, 502, 504] as const)(
    'commit-then-status %i commits and stores the real response under the key, then answers the error',
    async (status) => {
      h.sandbox.faults.add({ method: 'PUT', path: /Invoices/, fault: { kind: 'commit-then-status', status } });
      const failed = await putInvoice(`cts-${status}`, `CTS-${status}`);
      expect(failed.status).toBe(status);
      expect(h.sandbox.state.invoices().map((i) => i.InvoiceNumber)).toEqual([`CTS-${status}`]);
      const replay = await putInvoice(`cts-${status}`, `CTS-${status}`);
      expect(replay.status).toBe(200); // the gateway failed after the commit: the key holds the success
      expect(replay.json.Invoices[0].InvoiceNumber).toBe(`CTS-${status}`);
      expect(h.sandbox.state.invoices()).toHaveLength(1);
    },
  );

  it('commit-then-status with cached: true commits, and the key replays the error', async () => {
    h.sandbox.faults.add({
      method: 'PUT',
      path: /Invoices/,
      fault: { kind: 'commit-then-status', status: 500, cached: true },
    });
    expect((await putInvoice('cts-c', 'CTS-C')).status).toBe(500);
    expect((await putInvoice('cts-c', 'CTS-C')).status).toBe(500);
    expect(h.sandbox.state.invoices().map((i) => i.InvoiceNumber)).toEqual(['CTS-C']);
  });

  it('hold keeps a request in flight until released, then processes it', async () => {
    let release = () => undefined as void;
    const until = new Promise<void>((resolve) => (release = resolve));
    h.sandbox.faults.add({ method: 'PUT', path: /Invoices/, fault: { kind: 'hold', until } });
    const held = putInvoice('hold-1', 'H-1');
    await eventually(async () => (h.sandbox.state.requests(/Invoices/).length === 1 ? true : undefined));
    expect(h.sandbox.state.invoices()).toEqual([]);
    release();
    expect((await held).status).toBe(200);
    expect(h.sandbox.state.invoices().map((i) => i.InvoiceNumber)).toEqual(['H-1']);
  });

  it('commit-then-drop on a token refresh: the rotation is lost, the old refresh token still works in the grace', async () => {
    const basic = `Basic ${Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64')}`;
    const refresh = () =>
      send(`${h.sandbox.url}/connect/token`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: h.refreshToken }).toString(),
      });
    h.sandbox.faults.add({ path: /connect\/token/, fault: { kind: 'commit-then-drop' } });
    await expect(refresh()).rejects.toThrow();
    const retried = await refresh();
    expect(retried.status).toBe(200);
    expect(retried.json.refresh_token).not.toBe(h.refreshToken);
  });

  it('adds latency without changing the answer', async () => {
    h.sandbox.faults.add({ path: /Currencies/, fault: { latencyMs: 200 } });
    const started = Date.now();
    expect((await h.call('GET', '/Currencies')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('expires access tokens on demand, via a queued fault or expireAccessTokens()', async () => {
    h.sandbox.faults.add({ path: /Organisation/, fault: { kind: 'expire-access-tokens' } });
    expect((await h.call('GET', '/Currencies')).status).toBe(200);
    expect((await h.call('GET', '/Organisation')).status).toBe(401);
    h.token = (await (await import('../../sandbox/xero')).authorizeSandbox(h.sandbox)).access_token;
    expect((await h.call('GET', '/Organisation')).status).toBe(200);
    h.sandbox.faults.expireAccessTokens();
    expect((await h.call('GET', '/Organisation')).status).toBe(401);
  });

  it('clear() drops queued faults; count: Infinity applies to every match', async () => {
    h.sandbox.faults.add({ path: /Items/, count: Infinity, fault: { status: 500 } });
    expect((await h.call('GET', '/Items')).status).toBe(500);
    expect((await h.call('GET', '/Items')).status).toBe(500);
    h.sandbox.faults.clear();
    expect((await h.call('GET', '/Items')).status).toBe(200);
  });
});
