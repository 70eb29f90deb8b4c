import { batchIdempotencyKey } from '../../lib/xero/batched-create';
import { elementAnswers } from '../../lib/xero/element-answers';
import { createAccountingClient } from '../../lib/xero/accounting-client';
import type { XeroCallGate } from '../../lib/xero/call-gate';
import { XeroBatchUncertainError, XeroCapacityWaitError, XeroValidationError } from '../../lib/xero/errors';
import { createDocumentExactlyOnce, type CreateDocumentExactlyOnceInput } from '../../lib/xero/exactly-once';
import { idempotencyKeyFor } from '../../lib/xero/idempotency-key';
import type { WireInvoice } from '../../lib/xero/wire-types';
import { createHeldGate, type HeldGate } from '../support/held-gate';
import { eventually } from '../support/ports';
import { invoiceFixture } from './support/invoice-fixture';
import { MemoryAttemptStore } from './support/memory-stores';
import { startSandboxDoor, type SandboxDoor } from './support/sandbox-harness';

let door: SandboxDoor;
let gate: HeldGate;
let attempts: MemoryAttemptStore;
let contactId: string;

beforeEach(async () => {
  gate = createHeldGate((what) => what === 'PUT /Invoices');
  door = await startSandboxDoor({ gate });
  attempts = new MemoryAttemptStore();
  const contact = await door.client.createContact(door.storeId, { Name: 'Jane Buyer' });
  contactId = contact.ContactID ?? '';
});
afterEach(() => door.close());

/** An order's invoice; `accountCode` '999' is not in the chart of accounts, so Xero refuses it. */
function invoiceFor(orderId: number, accountCode = '200'): WireInvoice {
  const lines = invoiceFixture(contactId, orderId).LineItems ?? [];
  return invoiceFixture(contactId, orderId, {
    LineItems: lines.map((line) => ({ ...line, AccountCode: accountCode })),
  });
}

function input(orderId: number, body = invoiceFor(orderId)): CreateDocumentExactlyOnceInput {
  return {
    storeId: door.storeId,
    orderId,
    kind: 'invoice',
    body,
    identity: { invoiceNumber: body.InvoiceNumber, reference: body.Reference ?? '' },
    client: door.client,
    attempts,
    now: door.now,
  };
}

const invoicePuts = () => door.sandbox.state.requests(/^\/api\.xro\/2\.0\/Invoices$/).filter((r) => r.method === 'PUT');
const invoicesNumbered = (number: string) =>
  door.sandbox.state.invoices().filter((invoice) => invoice.InvoiceNumber === number);
const invoicesIn = (put: { rawBody: string }) => (JSON.parse(put.rawBody) as { Invoices: WireInvoice[] }).Invoices;
const outcomeOf = async (orderId: number) => (await attempts.get(door.storeId, orderId, 'invoice'))?.lastOutcome;

/** The door's client behind a gate that has no permit within any attempt (the organisation's minute is used up). */
function clientWithoutCapacity() {
  const gate: XeroCallGate = {
    acquire: async () => {
      throw new XeroCapacityWaitError('minute', 30_000);
    },
  };
  return createAccountingClient({ apiUrl: door.config.apiUrl, tokens: door.tokens, gate });
}

/** Starts the creates together while PUT /Invoices waits for its permit, and waits until all have joined. */
async function createWhileHeld(inputs: CreateDocumentExactlyOnceInput[]): Promise<unknown[]> {
  const results = inputs.map((i) => createDocumentExactlyOnce(i).catch((err: unknown) => err));
  await eventually(
    async () => (gate.waiting() === 1 && attempts.rows.size === inputs.length ? true : undefined),
    10_000,
    'every create to wait for the one permit',
  );
  gate.open();
  return Promise.all(results);
}

describe('invoices created in one batch against the sandbox', () => {
  it('goes alone, exactly as without batching, when the permit comes at once', async () => {
    gate.open();
    await createDocumentExactlyOnce(input(1));
    const [put] = invoicePuts();
    expect(put.query.summarizeErrors).toBe('true');
    expect(put.headers['idempotency-key']).toBe(idempotencyKeyFor('invoice', door.storeId, 1, 1));
    expect(put.rawBody).toBe((await attempts.get(door.storeId, 1, 'invoice'))?.requestBody);
  });

  it('sends waiting invoices in one request; each gets its own element, a refused one its own refusal', async () => {
    const orders = [11, 12, 13, 14];
    const results = await createWhileHeld(
      orders.map((orderId) => input(orderId, invoiceFor(orderId, orderId === 13 ? '999' : '200'))),
    );

    const [put] = invoicePuts();
    expect(invoicePuts()).toHaveLength(1);
    expect(put.query.summarizeErrors).toBe('false');
    expect(put.headers['idempotency-key']).toBe(
      batchIdempotencyKey(orders.map((orderId) => idempotencyKeyFor('invoice', door.storeId, orderId, 1))),
    );
    expect(invoicesIn(put).map((invoice) => invoice.InvoiceNumber)).toEqual(orders.map((orderId) => `WC-${orderId}`));

    for (const [i, orderId] of orders.entries()) {
      if (orderId === 13) continue;
      expect(results[i]).toMatchObject({ number: `WC-${orderId}`, adopted: false });
      const [booked] = invoicesNumbered(`WC-${orderId}`);
      expect(booked).toMatchObject({
        Reference: `order:${orderId}`,
        InvoiceID: (results[i] as { documentId: string }).documentId,
      });
      expect(await outcomeOf(orderId)).toBe('succeeded');
    }
    expect(invoicesNumbered('WC-13')).toHaveLength(0);
    expect(await outcomeOf(13)).toBe('rejected');

    // The same invoice sent alone is refused with the same messages.
    const alone = await createDocumentExactlyOnce(input(15, invoiceFor(15, '999'))).catch((err: unknown) => err);
    expect(alone).toBeInstanceOf(XeroValidationError);
    expect(results[2]).toBeInstanceOf(XeroValidationError);
    expect((results[2] as XeroValidationError).messages).toEqual((alone as XeroValidationError).messages);
    expect((alone as XeroValidationError).messages.join(' ')).toMatch(/account/i);
  });

  it('a second create under a key already on its way shares its answer instead of joining the batch twice', async () => {
    const key = idempotencyKeyFor('invoice', door.storeId, 21, 1);
    const other = door.client.createInvoice(
      door.storeId,
      invoiceFor(22),
      idempotencyKeyFor('invoice', door.storeId, 22, 1),
      {
        mayBatch: true,
      },
    );
    await eventually(async () => (gate.waiting() === 1 ? true : undefined), 10_000, 'the first create to wait');
    const copies = [1, 2].map(() => door.client.createInvoice(door.storeId, invoiceFor(21), key, { mayBatch: true }));
    gate.open();
    const [first, second] = await Promise.all(copies);
    await other;
    expect(second).toEqual(first);
    expect(invoicesNumbered('WC-21')).toHaveLength(1);
    expect(
      invoicePuts()
        .flatMap(invoicesIn)
        .map((invoice) => invoice.InvoiceNumber),
    ).toEqual(['WC-22', 'WC-21']);
  });

  it('after a lost batch response each invoice looks itself up by number and is adopted, never created twice', async () => {
    door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    const orders = [21, 22, 23];
    const lost = await createWhileHeld(orders.map((orderId) => input(orderId)));
    for (const [i, orderId] of orders.entries()) {
      expect(lost[i]).toBeInstanceOf(XeroBatchUncertainError);
      expect(await outcomeOf(orderId)).toBe('batch-uncertain');
      expect(invoicesNumbered(`WC-${orderId}`)).toHaveLength(1);
    }

    door.sandbox.state.clearRequests();
    for (const orderId of orders) {
      expect(await createDocumentExactlyOnce(input(orderId))).toMatchObject({ number: `WC-${orderId}`, adopted: true });
      expect(invoicesNumbered(`WC-${orderId}`)).toHaveLength(1);
      expect(await outcomeOf(orderId)).toBe('succeeded');
    }
    expect(invoicePuts()).toHaveLength(0);
  });

  it('after a batch that failed before Xero processed it, each invoice is looked up, then sent alone once', async () => {
    door.sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { status: 503 } });
    const orders = [31, 32];
    const failed = await createWhileHeld(orders.map((orderId) => input(orderId)));
    expect(failed.every((err) => err instanceof XeroBatchUncertainError)).toBe(true);
    expect(door.sandbox.state.invoices()).toHaveLength(0);

    door.sandbox.state.clearRequests();
    for (const orderId of orders) {
      expect(await createDocumentExactlyOnce(input(orderId))).toMatchObject({
        number: `WC-${orderId}`,
        adopted: false,
      });
      expect(invoicesNumbered(`WC-${orderId}`)).toHaveLength(1);
    }
    expect(invoicePuts().map((put) => [put.query.summarizeErrors, put.headers['idempotency-key']])).toEqual(
      orders.map((orderId) => ['true', idempotencyKeyFor('invoice', door.storeId, orderId, 2)]),
    );
  });

  it('invoices never sent for want of capacity join a batch when they are tried again', async () => {
    const [first, second] = [51, 52].map((orderId) => input(orderId));
    const refused = await Promise.all(
      [first, second].map((i) =>
        createDocumentExactlyOnce({ ...i, client: clientWithoutCapacity() }).catch((err: unknown) => err),
      ),
    );
    expect(refused.every((err) => err instanceof XeroCapacityWaitError)).toBe(true);
    expect([await outcomeOf(51), await outcomeOf(52)]).toEqual(['pending', 'pending']);
    expect(invoicePuts()).toHaveLength(0);

    const results = await createWhileHeld([first, second]);
    expect(results).toMatchObject([{ number: 'WC-51' }, { number: 'WC-52' }]);
    expect(invoicePuts().map((put) => invoicesIn(put).length)).toEqual([2]);
  });

  it('a number Xero already holds is refused inside the batch and adopted as when alone', async () => {
    gate.open();
    await createDocumentExactlyOnce(input(41));
    attempts.rows.clear();
    gate.hold();
    const results = await createWhileHeld([input(41), input(42)]);
    expect(results[0]).toMatchObject({ number: 'WC-41', adopted: true });
    expect(results[1]).toMatchObject({ number: 'WC-42', adopted: false });
    expect(invoicesNumbered('WC-41')).toHaveLength(1);
  });
});

describe('elementAnswers', () => {
  const numberOf = (invoice: WireInvoice) => invoice.InvoiceNumber;

  it('takes an answer as an element’s only when it carries that element’s number', () => {
    const requested: WireInvoice[] = [{ InvoiceNumber: 'WC-1' }, { InvoiceNumber: 'WC-2' }, { InvoiceNumber: 'WC-3' }];
    const answered: WireInvoice[] = [
      { InvoiceNumber: 'WC-1', InvoiceID: 'id-1' },
      { InvoiceNumber: 'WC-3', InvoiceID: 'id-3' },
    ];
    expect(elementAnswers(requested, answered, numberOf).map((a) => a.kind)).toEqual(['created', 'unknown', 'unknown']);
  });

  it('reads a refused element’s messages, its lines’ included', () => {
    const refused = {
      InvoiceNumber: 'WC-1',
      HasErrors: true,
      StatusAttributeString: 'ERROR',
      ValidationErrors: [{ Message: 'Contact is archived' }],
      LineItems: [{ ValidationErrors: [{ Message: 'Account code 999 is not valid' }] }],
    } as WireInvoice;
    const [answer] = elementAnswers([{ InvoiceNumber: 'WC-1' }], [refused], numberOf);
    expect(answer.kind === 'refused' && answer.error.messages).toEqual([
      'Contact is archived',
      'Account code 999 is not valid',
    ]);
  });
});
