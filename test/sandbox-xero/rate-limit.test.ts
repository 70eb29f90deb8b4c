import { startHarness, type Harness } from './helpers';

let h: Harness;
afterEach(() => h.sandbox.close());

describe('rate limits', () => {
  it('sends the three remaining-quota headers on every accounting response', async () => {
    h = await startHarness();
    const res = await h.call('GET', '/Organisation');
    expect(res.headers.get('x-minlimit-remaining')).toBe('59');
    expect(res.headers.get('x-daylimit-remaining')).toBe('4999');
    expect(res.headers.get('x-appminlimit-remaining')).toBe('9999');
    const notFound = await h.call('GET', '/Invoices/INV-404');
    expect(notFound.headers.get('x-minlimit-remaining')).toBe('58');
  });

  it('answers the 61st call in a minute with 429 minute + Retry-After; the window resets on the clock', async () => {
    h = await startHarness();
    for (let i = 0; i < 60; i++) expect((await h.call('GET', '/Currencies')).status).toBe(200);
    h.sandbox.clock.advance(15_000);
    const limited = await h.call('GET', '/Currencies');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(limited.text).toBe('');
    h.sandbox.clock.advance(45_000);
    expect((await h.call('GET', '/Currencies')).status).toBe(200);
  });

  it('enforces the (configurable) daily limit with X-Rate-Limit-Problem: day', async () => {
    h = await startHarness({ rateLimits: { perDay: 3 } });
    for (let i = 0; i < 3; i++) await h.call('GET', '/Currencies');
    const limited = await h.call('GET', '/Currencies');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('day');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(86_000);
    expect(limited.headers.get('x-daylimit-remaining')).toBe('0');
  });

  it('allows 5 concurrent calls per tenant; the 6th gets 429 concurrent without Retry-After', async () => {
    h = await startHarness();
    h.sandbox.faults.add({ method: 'GET', path: /Currencies/, count: 5, fault: { latencyMs: 300 } });
    const slow = Array.from({ length: 5 }, () => h.call('GET', '/Currencies'));
    await new Promise((r) => setTimeout(r, 100));
    const sixth = await h.call('GET', '/Organisation');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect(sixth.headers.get('retry-after')).toBeNull();
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await h.call('GET', '/Organisation')).status).toBe(200);
  });

  it('limits per tenant: another organisation has its own minute window', async () => {
    h = await startHarness({ rateLimits: { perMinute: 1 }, tenants: [{ name: 'A' }, { name: 'B' }] });
    expect((await h.call('GET', '/Currencies')).status).toBe(200);
    expect((await h.call('GET', '/Currencies')).status).toBe(429);
    expect((await h.call('GET', '/Currencies', undefined, { 'xero-tenant-id': h.sandbox.tenantIds[1] })).status).toBe(
      200,
    );
  });

  it('evaluates rate limits before idempotency: a replay still uses quota and can be refused', async () => {
    h = await startHarness({ rateLimits: { perMinute: 2 } });
    const put = () => h.call('PUT', '/Contacts', { Contacts: [{ Name: 'Once' }] }, { 'Idempotency-Key': 'rl' });
    expect((await put()).status).toBe(200);
    expect((await put()).headers.get('x-minlimit-remaining')).toBe('0');
    expect((await put()).status).toBe(429);
    expect(h.sandbox.state.contacts()).toHaveLength(1);
  });
});
