import request from 'supertest';
import { billingSignatureHeader, signBillingPayload, verifyBillingSignature } from '../../api/billing-signature';
import { BILLING_SECRET, buildSubscriptionApp, type SubscriptionTestApp } from '../subscriptions/api-app';
import { registerStore, type RegisteredStore } from './harness';

describe('billing signature', () => {
  const body = Buffer.from('{"id":"evt_1"}');
  const now = 1_790_000_000;

  it('signs timestamp.rawBody with HMAC-SHA256', () => {
    // printf '1790000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac secret
    expect(signBillingPayload('secret', now, body)).toBe(
      '7fcf48b8959e0f36ebf46850ecb03fdfb15a355e866c0f20bf6a261cbcfb186e',
    );
  });

  it('accepts a signature within 5 minutes either way, and any of several v1 values', () => {
    const header = billingSignatureHeader(BILLING_SECRET, body, now);
    expect(verifyBillingSignature(header, body, BILLING_SECRET, now + 300)).toEqual({ ok: true });
    expect(verifyBillingSignature(header, body, BILLING_SECRET, now - 300)).toEqual({ ok: true });
    const rotated = `t=${now},v1=${signBillingPayload('old-secret', now, body)},v1=${signBillingPayload(BILLING_SECRET, now, body)}`;
    expect(verifyBillingSignature(rotated, body, BILLING_SECRET, now)).toEqual({ ok: true });
  });

  it('refuses what is missing, malformed, out of time or signed otherwise', () => {
    const header = billingSignatureHeader(BILLING_SECRET, body, now);
    const refusal = (h: string | undefined, b = body, at = now) => {
      const result = verifyBillingSignature(h, b, BILLING_SECRET, at);
      return result.ok ? 'ok' : result.refusal;
    };
    expect(refusal(undefined)).toBe('missing');
    expect(refusal(' ')).toBe('missing');
    for (const bad of [
      'v1=abc',
      `t=${now}`,
      `t=${now},v1=zz`,
      `t=soon,v1=${'a'.repeat(64)}`,
      `t=${now},t=${now},v1=${'a'.repeat(64)}`,
    ]) {
      expect(refusal(bad)).toBe('malformed');
    }
    expect(refusal(header, body, now + 301)).toBe('expired');
    expect(refusal(header, body, now - 301)).toBe('expired');
    expect(refusal(header, Buffer.from('{"id":"evt_2"}'))).toBe('mismatch');
    expect(refusal(billingSignatureHeader('another-secret', body, now))).toBe('mismatch');
    expect(refusal(header.replace(`t=${now}`, `t=${now + 1}`))).toBe('mismatch');
  });
});

describe('POST /api/billing/events', () => {
  let t: SubscriptionTestApp;
  let store: RegisteredStore;
  let seq = 0;

  const created = (overrides: Record<string, unknown> = {}) => {
    seq += 1;
    return {
      id: `evt_created_${seq}`,
      type: 'subscription.created',
      storeId: store.id,
      occurredAt: t.clock.now.toISOString(),
      data: { plan: 'growth', status: 'active', periodStart: t.clock.now.toISOString() },
      ...overrides,
    };
  };
  const eventRows = async () => (await t.api.db.query('SELECT event_id FROM billing_events')).length;

  beforeAll(async () => {
    t = await buildSubscriptionApp();
    store = await registerStore(t.api);
  });
  afterAll(() => t.api.close());

  it('applies a signed event and answers a repeat exactly as the first time', async () => {
    const event = created();
    const first = await t.postEvent(event).expect(200);
    expect(first.body).toEqual({ eventId: event.id, outcome: 'applied' });
    expect(await t.subscriptions.get(store.id)).toMatchObject({ planId: 'growth', status: 'active' });

    await t.postEvent({ ...created(), type: 'payment.failed', data: undefined }).expect(200);
    const repeat = await t.postEvent(event).expect(200);
    expect(repeat.body).toEqual(first.body);
    // The repeated creation did not undo the later failure.
    expect((await t.subscriptions.get(store.id))?.status).toBe('past_due');
    const line = t.api.logger.lines.filter((l) => l.fields?.eventId === event.id).at(-1);
    expect(line?.fields).toMatchObject({ storeId: store.id, outcome: 'applied', duplicate: true, status: 200 });
  });

  it('refuses a bad signature with 401 before reading the body, and applies nothing', async () => {
    const before = await eventRows();
    const event = created();
    const cases: Array<[Parameters<SubscriptionTestApp['postEvent']>[1], string]> = [
      [{ secret: 'not-the-secret' }, 'invalid_signature'],
      [{ timestamp: Math.floor(t.clock.now.getTime() / 1000) - 301 }, 'invalid_signature'],
      [{ header: 'v1=deadbeef' }, 'invalid_signature'],
      [{ header: '' }, 'missing_signature'],
    ];
    for (const [options, code] of cases) {
      const res = await t.postEvent(event, options).expect(401);
      expect(res.body.error.code).toBe(code);
    }
    // A body far over the limit is never read without a valid header: 401, not 413.
    const huge = await t.postEvent('x'.repeat(100_000), { header: 'v1=0' }).expect(401);
    expect(huge.body.error.code).toBe('invalid_signature');
    const unsigned = await request(t.app).post('/api/billing/events').send(event).expect(401);
    expect(unsigned.body.error.code).toBe('missing_signature');
    expect(await eventRows()).toBe(before);
    expect(JSON.stringify(t.api.logger.lines)).not.toContain(BILLING_SECRET);
  });

  it('refuses a body that was changed after signing', async () => {
    const raw = JSON.stringify(created());
    const header = billingSignatureHeader(BILLING_SECRET, Buffer.from(raw), Math.floor(t.clock.now.getTime() / 1000));
    const res = await t.postEvent(raw.replace('growth', 'scale'), { header }).expect(401);
    expect(res.body.error.message).toBe('The signature does not match the body under the billing webhook secret.');
  });

  it('answers 400 for a body that is not JSON or not a valid event, naming each field', async () => {
    expect((await t.postEvent('{"id":').expect(400)).body.error.code).toBe('invalid_json');
    const res = await t.postEvent(created({ occurredAt: 'yesterday', data: { plan: 'gold', status: 'active' } }));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'validation_failed',
      message: 'The request body is invalid.',
      details: {
        fields: [
          { in: 'body', field: 'occurredAt', message: 'must be an ISO 8601 date-time such as 2026-12-03T10:00:00Z' },
          { in: 'body', field: 'data.plan', message: 'must be one of starter, growth, scale' },
        ],
      },
    });
    const noPeriod = await t.postEvent(created({ data: { plan: 'starter', status: 'active' } })).expect(400);
    expect(noPeriod.body.error.details.fields).toEqual([
      { in: 'body', field: 'data.periodStart', message: 'is required when a subscription is created' },
    ]);
    expect(await t.subscriptions.get(store.id)).toMatchObject({ planId: 'growth' });
  });

  it('refuses events for unknown stores, payments without a plan and reused event ids clearly', async () => {
    const unknown = await t.postEvent(created({ storeId: 'st_aaaaaaaaaaaaaaaa' })).expect(404);
    expect(unknown.body.error).toEqual({
      code: 'unknown_store',
      message: 'No store is registered under this storeId.',
    });
    const other = await registerStore(t.api, 'https://other.example.test');
    const payment = await t.postEvent({
      ...created({ storeId: other.id }),
      type: 'payment.succeeded',
      data: undefined,
    });
    expect(payment.status).toBe(409);
    expect(payment.body.error.code).toBe('no_paid_plan');
    const event = created();
    await t.postEvent(event).expect(200);
    const reused = await t.postEvent({ ...event, data: { ...event.data, plan: 'scale' } }).expect(409);
    expect(reused.body.error.code).toBe('event_id_reused');
  });

  it('answers 405 to other methods', async () => {
    const res = await request(t.app).get('/api/billing/events').expect(405);
    expect(res.headers.allow).toBe('POST');
  });
});

describe('POST /api/billing/events without BILLING_WEBHOOK_SECRET', () => {
  let t: SubscriptionTestApp;
  beforeAll(async () => {
    t = await buildSubscriptionApp({});
  });
  afterAll(() => t.api.close());

  it('answers 503 and applies nothing', async () => {
    const res = await t.postEvent({ id: 'evt_x' }).expect(503);
    expect(res.body.error.code).toBe('billing_not_configured');
  });
});
