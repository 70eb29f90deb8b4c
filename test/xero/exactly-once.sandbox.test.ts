import {
  XeroDocumentNumberTakenError,
  XeroRequestInProgressError,
  XeroTransientError,
  XeroValidationError,
} from '../../lib/xero/errors';
import { eventually } from '../support/ports';
import { toFailure } from '../../activities/failures';
import { createDocumentExactlyOnce, type CreateDocumentExactlyOnceInput } from '../../lib/xero/exactly-once';
import type { DocumentKind } from '../../lib/mapping/types';
import { canonicalRequestBody } from '../../lib/xero/wire';
import type { WireInvoice, WireQuote } from '../../lib/xero/wire-types';
import { invoiceFixture } from './support/invoice-fixture';
import { MemoryAttemptStore } from './support/memory-stores';
import { startSandboxDoor, type SandboxDoor } from './support/sandbox-harness';

const MINUTE = 60_000;

let door: SandboxDoor;
let attempts: MemoryAttemptStore;
let contactId: string;

beforeEach(async () => {
  door = await startSandboxDoor();
  attempts = new MemoryAttemptStore();
  const contact = await door.client.createContact(door.storeId, {
    Name: 'Jane Buyer',
    EmailAddress: 'jane@example.com',
  });
  contactId = contact.ContactID ?? '';
});
afterEach(() => door.close());

function invoiceFor(orderId: number, overrides: Partial<WireInvoice> = {}): WireInvoice {
  return invoiceFixture(contactId, orderId, overrides);
}

function input(
  orderId: number,
  body: WireInvoice | WireQuote = invoiceFor(orderId),
  kind: DocumentKind = 'invoice',
): CreateDocumentExactlyOnceInput {
  const number = kind === 'invoice' ? (body as WireInvoice).InvoiceNumber : (body as WireQuote).QuoteNumber;
  return {
    storeId: door.storeId,
    orderId,
    kind,
    body,
    identity: { invoiceNumber: number, reference: body.Reference ?? '' },
    client: door.client,
    attempts,
    now: door.now,
  };
}

const invoicePuts = () => door.sandbox.state.requests(/^\/api\.xro\/2\.0\/Invoices$/).filter((r) => r.method === 'PUT');
const invoicesWithReference = (reference: string) =>
  door.sandbox.state.invoices().filter((invoice) => invoice.Reference === reference);

describe('createDocumentExactlyOnce against the sandbox', () => {
  it('creates the invoice once, records the key, and adopts it when called again', async () => {
    const created = await createDocumentExactlyOnce(input(1001));
    expect(created).toMatchObject({
      number: 'WC-1001',
      status: 'AUTHORISED',
      total: '56.06',
      currencyCode: 'NZD',
      adopted: false,
    });
    expect(created.documentId).toMatch(/[0-9a-f-]{36}/);
    const attempt = await attempts.get(door.storeId, 1001, 'invoice');
    expect(attempt).toMatchObject({
      idempotencyKey: `invoice:${door.storeId}:1001:g1`,
      generation: 1,
      lastOutcome: 'succeeded',
    });
    expect(attempt?.requestBody).toBe(canonicalRequestBody('Invoices', [invoiceFor(1001)]));
    expect(invoicePuts()[0].headers['idempotency-key']).toBe(`invoice:${door.storeId}:1001:g1`);

    const again = await createDocumentExactlyOnce(input(1001));
    expect(again).toEqual({ ...created, adopted: true });
    expect(invoicePuts()).toHaveLength(1);
  });

  it('after a lost response replays the same key and bytes, and Xero answers with the committed invoice', async () => {
    door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    const lost = await createDocumentExactlyOnce(input(1002)).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(XeroTransientError);
    expect(toFailure(lost).nonRetryable).toBe(false);
    expect((await attempts.get(door.storeId, 1002, 'invoice'))?.lastOutcome).toBe('uncertain');

    const retried = await createDocumentExactlyOnce(input(1002));
    expect(retried).toMatchObject({ number: 'WC-1002' });
    expect(invoicesWithReference('order:1002')).toHaveLength(1);
    const [first, second] = invoicePuts();
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.rawBody).toBe(first.rawBody);
    expect(second.status).toBe(200);
  });

  it.each([500, 502, 504] as const)(
    'after a %i that followed the commit, replays the same key first and gets the committed invoice',
    async (status) => {
      door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-status', status } });
      const failed = await createDocumentExactlyOnce(input(1010)).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(XeroTransientError);
      expect(toFailure(failed).nonRetryable).toBe(false);
      expect((await attempts.get(door.storeId, 1010, 'invoice'))?.lastOutcome).toBe('server-error');

      door.sandbox.state.clearRequests();
      const retried = await createDocumentExactlyOnce(input(1010));
      expect(retried.number).toBe('WC-1010');
      const calls = door.sandbox.state.requests(/^\/api\.xro\/2\.0\/Invoices$/).map((r) => `${r.method} ${r.status}`);
      expect(calls).toEqual(['PUT 200']);
      expect(invoicePuts()[0].headers['idempotency-key']).toBe(`invoice:${door.storeId}:1010:g1`);
      expect(invoicesWithReference('order:1010')).toHaveLength(1);
      expect(await attempts.get(door.storeId, 1010, 'invoice')).toMatchObject({
        generation: 1,
        lastOutcome: 'succeeded',
      });
    },
  );

  it('after a cached 500 that followed the commit, replays the key, then finds the invoice instead of a new key', async () => {
    door.sandbox.faults.add({
      method: 'PUT',
      path: /\/Invoices$/,
      fault: { kind: 'commit-then-status', status: 500, cached: true },
    });
    await expect(createDocumentExactlyOnce(input(1011))).rejects.toBeInstanceOf(XeroTransientError);

    door.sandbox.state.clearRequests();
    const retried = await createDocumentExactlyOnce(input(1011));
    expect(retried).toMatchObject({ number: 'WC-1011', adopted: true });
    const calls = door.sandbox.state.requests(/^\/api\.xro\/2\.0\/Invoices$/).map((r) => `${r.method} ${r.status}`);
    expect(calls).toEqual(['PUT 500', 'GET 200']);
    expect(invoicesWithReference('order:1011')).toHaveLength(1);
    expect((await attempts.get(door.storeId, 1011, 'invoice'))?.generation).toBe(1);
  });

  it('a retry overlapping a request still in flight at Xero waits (retryable), and the order ends with one invoice', async () => {
    let release = () => undefined as void;
    const until = new Promise<void>((resolve) => (release = resolve));
    door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'hold', until } });
    const first = createDocumentExactlyOnce(input(1012));
    await eventually(async () => (invoicePuts().length === 1 ? true : undefined));

    // Temporal retried the activity while the first request is still being processed by Xero.
    const overlapping = await createDocumentExactlyOnce(input(1012)).catch((e: unknown) => e);
    expect(overlapping).toBeInstanceOf(XeroRequestInProgressError);
    expect(toFailure(overlapping).nonRetryable).toBe(false);
    expect((await attempts.get(door.storeId, 1012, 'invoice'))?.lastOutcome).toBe('uncertain');
    expect(invoicesWithReference('order:1012')).toHaveLength(0);

    release();
    expect((await first).number).toBe('WC-1012');
    const later = await createDocumentExactlyOnce(input(1012));
    expect(later.number).toBe('WC-1012');
    expect(invoicesWithReference('order:1012')).toHaveLength(1);
    expect(new Set(invoicePuts().map((r) => r.headers['idempotency-key']))).toEqual(
      new Set([`invoice:${door.storeId}:1012:g1`]),
    );
  });

  it('still ends with one invoice when the retry comes after the 6-minute key window', async () => {
    door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    await expect(createDocumentExactlyOnce(input(1003))).rejects.toBeInstanceOf(XeroTransientError);
    door.sandbox.clock.advance(7 * MINUTE);

    const retried = await createDocumentExactlyOnce(input(1003));
    expect(retried.adopted).toBe(true);
    expect(invoicesWithReference('order:1003')).toHaveLength(1);
    expect(invoicePuts()).toHaveLength(1); // found by the lookup, not by a second create
  });

  it('finds an auto-numbered invoice by its Reference after a lost response', async () => {
    const body = invoiceFor(1004, { InvoiceNumber: undefined });
    door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    await expect(createDocumentExactlyOnce(input(1004, body))).rejects.toBeInstanceOf(XeroTransientError);
    door.sandbox.clock.advance(7 * MINUTE); // the key is forgotten: only the lookup can find it
    const retried = await createDocumentExactlyOnce(input(1004, body));
    expect(retried.adopted).toBe(true);
    expect(retried.number).toMatch(/^INV-/);
    expect(invoicesWithReference('order:1004')).toHaveLength(1);
  });

  it('after a 429 keeps the attempt pending and resends the same key and bytes', async () => {
    door.sandbox.faults.add({
      method: 'PUT',
      path: /\/Invoices$/,
      fault: { status: 429, headers: { 'Retry-After': '20', 'X-Rate-Limit-Problem': 'minute' } },
    });
    const throttled = await createDocumentExactlyOnce(input(1005)).catch((e: unknown) => e);
    expect(toFailure(throttled)).toMatchObject({
      type: 'XeroRateLimitError',
      nonRetryable: false,
      nextRetryDelay: 20_000,
    });
    expect((await attempts.get(door.storeId, 1005, 'invoice'))?.lastOutcome).toBe('pending');

    door.sandbox.clock.advance(MINUTE);
    const retried = await createDocumentExactlyOnce(input(1005));
    expect(retried.adopted).toBe(false);
    const [first, second] = invoicePuts();
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.rawBody).toBe(first.rawBody);
    expect(invoicesWithReference('order:1005')).toHaveLength(1);
  });

  it('after a cached 500 replays the key, looks the invoice up, then creates it under a new key', async () => {
    door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { status: 500, cached: true } });
    await expect(createDocumentExactlyOnce(input(1006))).rejects.toBeInstanceOf(XeroTransientError);
    expect((await attempts.get(door.storeId, 1006, 'invoice'))?.lastOutcome).toBe('server-error');

    door.sandbox.state.clearRequests();
    const created = await createDocumentExactlyOnce(input(1006));
    expect(created.adopted).toBe(false);
    const calls = door.sandbox.state.requests(/^\/api\.xro\/2\.0\/Invoices$/).map((r) => `${r.method} ${r.status}`);
    expect(calls).toEqual(['PUT 500', 'GET 200', 'PUT 200']);
    expect(invoicePuts()[0].headers['idempotency-key']).toBe(`invoice:${door.storeId}:1006:g1`);
    expect(invoicePuts()[1].headers['idempotency-key']).toBe(`invoice:${door.storeId}:1006:g2`);
    expect((await attempts.get(door.storeId, 1006, 'invoice'))?.generation).toBe(2);
    expect(invoicesWithReference('order:1006')).toHaveLength(1);
  });

  it('fails for good when the number belongs to another order’s invoice', async () => {
    await door.client.createInvoice(door.storeId, invoiceFor(1007, { Reference: 'manual entry' }), 'other-key');
    const err = await createDocumentExactlyOnce(input(1007)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroDocumentNumberTakenError);
    expect((err as Error).message).toContain('WC-1007');
    expect((err as Error).message).toContain('manual entry');
    expect(toFailure(err).nonRetryable).toBe(true);
    expect((await attempts.get(door.storeId, 1007, 'invoice'))?.lastOutcome).toBe('rejected');
    expect(invoicesWithReference('order:1007')).toHaveLength(0);
  });

  it('surfaces Xero’s validation message as a non-retryable failure', async () => {
    const body = invoiceFor(1008, {
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '999', TaxType: 'OUTPUT2' }],
    });
    const err = await createDocumentExactlyOnce(input(1008, body)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroValidationError);
    expect((err as XeroValidationError).messages).toContain(
      "Account code '999' is not a valid code for this document.",
    );
    const failure = toFailure(err);
    expect(failure).toMatchObject({ type: 'XeroValidationError', nonRetryable: true });
    expect(failure.message).toContain("Account code '999'");
    expect((await attempts.get(door.storeId, 1008, 'invoice'))?.lastOutcome).toBe('rejected');
  });

  it('starts a new generation when Xero says the key was used with a different request', async () => {
    // Xero saw key g1 with other bytes (e.g. written by an older version), while our record says g1 is pending.
    const key = `invoice:${door.storeId}:1009:g1`;
    await door.client
      .createInvoice(door.storeId, invoiceFor(1009, { InvoiceNumber: 'OTHER-1', Reference: 'other' }), key)
      .catch(() => undefined);
    const requestBody = canonicalRequestBody('Invoices', [invoiceFor(1009)]);
    await attempts.begin(door.storeId, 1009, 'invoice', {
      idempotencyKey: key,
      generation: 1,
      requestBody,
      startedAt: door.now(),
    });

    const created = await createDocumentExactlyOnce(input(1009));
    expect(created).toMatchObject({ number: 'WC-1009', adopted: false });
    expect(await attempts.get(door.storeId, 1009, 'invoice')).toMatchObject({
      generation: 2,
      lastOutcome: 'succeeded',
    });
    expect(invoicesWithReference('order:1009')).toHaveLength(1);
  });

  it('creates a quote exactly once across a lost response', async () => {
    const quote: WireQuote = {
      Contact: { ContactID: contactId },
      QuoteNumber: 'QU-WC-2001',
      Reference: 'order:2001',
      Date: '2024-01-31',
      ExpiryDate: '2024-02-14',
      Status: 'DRAFT',
      LineAmountTypes: 'EXCLUSIVE',
      LineItems: [
        {
          Description: 'Blue widget',
          Quantity: 3,
          UnitAmount: 12.5,
          DiscountRate: 10,
          AccountCode: '200',
          TaxType: 'OUTPUT2',
        },
      ],
    };
    door.sandbox.faults.add({ method: 'PUT', path: /\/Quotes$/, fault: { kind: 'commit-then-drop' } });
    await expect(createDocumentExactlyOnce(input(2001, quote, 'quote'))).rejects.toBeInstanceOf(XeroTransientError);
    door.sandbox.clock.advance(7 * MINUTE); // the key is forgotten: only the lookup can find it
    const retried = await createDocumentExactlyOnce(input(2001, quote, 'quote'));
    expect(retried).toMatchObject({ number: 'QU-WC-2001', total: '38.81', adopted: true });
    expect(door.sandbox.state.quotes().filter((q) => q.Reference === 'order:2001')).toHaveLength(1);
  });
});
