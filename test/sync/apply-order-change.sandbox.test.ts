import { refundEffects } from '../../lib/lifecycle/plan-refund-reversals';
import { effectIdOf } from '../../lib/lifecycle/effect-id';
import type { AppliedEffect, OrderChange } from '../../lib/lifecycle/order-changes';
import { paymentEffectId, paymentReference } from '../../lib/lifecycle/order-payment';
import { creditNoteNumber } from '../../lib/mapping/credit-note';
import type { WireCreditNote } from '../../lib/mapping/wire';
import { applyOrderChange } from '../../lib/sync/apply-order-change';
import { XeroRequestInProgressError, XeroTransientError } from '../../lib/xero/errors';
import type { AttemptStore } from '../../lib/xero/ports';
import { withRequestDeadline } from '../../lib/xero/request-deadline';
import type { Fault } from '../../sandbox/xero';
import type { Json } from '../../sandbox/xero/fields';
import { eventually } from '../support/ports';
import { invoiceFixture } from '../xero/support/invoice-fixture';
import { MemoryAttemptStore } from '../xero/support/memory-stores';
import { startSandboxDoor, type SandboxDoor } from '../xero/support/sandbox-harness';

/**
 * Each effect of an order applied through applyOrderChange, the real xero-node client and the Xero sandbox, when
 * Xero's answer is lost, comes after the idempotency window, fails before processing, or two runs apply it at once.
 * A second applyOrderChange call stands for Temporal's retry (or the duplicated run). The amounts leave room for a
 * second record on the same document, so a double create would show as two records rather than as Xero's refusal.
 */

const MINUTE = 60_000;
const REFUND_ID = 77;

let door: SandboxDoor;
let attempts: AttemptStore;
let contactId: string;

beforeEach(async () => {
  door = await startSandboxDoor();
  attempts = new MemoryAttemptStore();
  const contact = await door.client.createContact(door.storeId, { Name: 'Jane Buyer' });
  contactId = contact.ContactID ?? '';
});
afterEach(() => door.close());

const apply = (orderId: number, change: OrderChange): Promise<AppliedEffect> =>
  applyOrderChange({ storeId: door.storeId, orderId, change, client: door.client, attempts, now: door.now });

/** Creates the order's AUTHORISED invoice WC-{orderId} (total 56.06, or DRAFT when asked) and returns its id. */
async function invoiceOf(orderId: number, status: 'AUTHORISED' | 'DRAFT' = 'AUTHORISED'): Promise<string> {
  const body = invoiceFixture(contactId, orderId, { Status: status });
  const invoice = await door.client.createInvoice(door.storeId, body, `setup:invoice:${orderId}`);
  return invoice.InvoiceID ?? '';
}

/** The credit note of the order's refund, as the mapping numbers it (total 11.50). */
function creditNoteFor(orderId: number): WireCreditNote {
  return {
    Type: 'ACCRECCREDIT',
    Contact: { ContactID: contactId },
    Date: '2024-02-05',
    CreditNoteNumber: creditNoteNumber(`WC-${orderId}`, REFUND_ID),
    Reference: `Refund #${REFUND_ID} of WooCommerce order #${orderId}`,
    CurrencyCode: 'NZD',
    Status: 'AUTHORISED',
    LineAmountTypes: 'Exclusive',
    LineItems: [{ Description: 'Blue widget', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'OUTPUT2' }],
  };
}

/** Creates the refund's credit note in Xero (as an earlier pass would have) and returns its id. */
async function creditNoteOf(orderId: number): Promise<string> {
  const note = await door.client.createCreditNote(door.storeId, creditNoteFor(orderId), `setup:cn:${orderId}`);
  return note.CreditNoteID ?? '';
}

/** A fault keeping the request in flight at Xero until `release` is called. */
function heldRequest(): { hold: Fault; release: () => void } {
  let release = (): void => undefined;
  const until = new Promise<void>((resolve) => (release = resolve));
  return { hold: { kind: 'hold', until }, release };
}

const paymentsWithReference = (reference: string): Json[] =>
  door.sandbox.state.payments().filter((payment) => payment.Reference === reference);

/** How one kind of created effect is set up, sent and counted in Xero. */
interface EffectCase {
  kind: 'payment' | 'credit-note' | 'allocation' | 'cash-refund';
  /** The amount the AppliedEffect reports (exact decimal text). */
  amount: string;
  /** The create request's path (method PUT). */
  path: RegExp;
  /** Makes what the effect needs in Xero and returns the change for order `orderId`. */
  prepare(orderId: number): Promise<OrderChange>;
  /** Every record Xero holds for the change, whatever its status: exactly one once it is applied. */
  held(change: OrderChange): Json[];
  /** The Xero id of a held record, as the AppliedEffect must carry it. */
  idOf(record: Json): unknown;
}

const CASES: EffectCase[] = [
  {
    kind: 'payment',
    amount: '20.00',
    path: /\/Payments$/,
    async prepare(orderId) {
      const order = {
        number: String(orderId),
        payment_method: 'stripe',
        payment_method_title: 'Stripe',
        transaction_id: `ch_${orderId}`,
      };
      return {
        kind: 'payment',
        effectId: paymentEffectId(order),
        invoiceId: await invoiceOf(orderId),
        amount: '20.00', // of 56.06
        date: '2024-02-01',
        accountCode: '090',
        reference: paymentReference(order),
      };
    },
    held: (change) => paymentsWithReference((change as Extract<OrderChange, { kind: 'payment' }>).reference),
    idOf: (payment) => payment.PaymentID,
  },
  {
    kind: 'credit-note',
    amount: '11.50',
    path: /\/CreditNotes$/,
    async prepare(orderId) {
      await invoiceOf(orderId);
      const creditNote = creditNoteFor(orderId);
      const effectId = refundEffects(REFUND_ID).creditNote;
      return { kind: 'credit-note', effectId, refundId: REFUND_ID, creditNote, total: '11.50' };
    },
    held: (change) => {
      const { creditNote } = change as Extract<OrderChange, { kind: 'credit-note' }>;
      return door.sandbox.state
        .creditNotes()
        .filter(
          (note) => note.CreditNoteNumber === creditNote.CreditNoteNumber || note.Reference === creditNote.Reference,
        );
    },
    idOf: (note) => note.CreditNoteID,
  },
  {
    kind: 'allocation',
    amount: '5.00',
    path: /\/Allocations$/,
    async prepare(orderId) {
      const invoiceId = await invoiceOf(orderId);
      const creditNoteId = await creditNoteOf(orderId);
      const effectId = refundEffects(REFUND_ID).allocation;
      // 5.00 of the note's 11.50, on an invoice owing 56.06.
      return { kind: 'allocation', effectId, creditNoteId, invoiceId, amount: '5.00', date: '2024-02-06' };
    },
    held: (change) => {
      const { creditNoteId, invoiceId } = change as Extract<OrderChange, { kind: 'allocation' }>;
      const note = door.sandbox.state.creditNotes().find((n) => n.CreditNoteID === creditNoteId);
      const allocations = (note?.Allocations ?? []) as Array<{ Invoice: { InvoiceID: string } } & Json>;
      return allocations.filter((allocation) => allocation.Invoice.InvoiceID === invoiceId);
    },
    idOf: (allocation) => allocation.AllocationID,
  },
  {
    kind: 'cash-refund',
    amount: '5.00',
    path: /\/Payments$/,
    async prepare(orderId) {
      const invoiceId = await invoiceOf(orderId);
      const paid = { Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Date: '2024-02-01', Amount: 56.06 };
      await door.client.createPayment(door.storeId, { ...paid, Reference: 'paid in full' }, `setup:pay:${orderId}`);
      const creditNoteId = await creditNoteOf(orderId);
      return {
        kind: 'cash-refund',
        effectId: refundEffects(REFUND_ID).cashRefund,
        creditNoteId,
        amount: '5.00', // of the note's 11.50
        date: '2024-02-06',
        accountCode: '090',
        reference: `Refund #${REFUND_ID} of WooCommerce order #${orderId}`,
      };
    },
    held: (change) => paymentsWithReference((change as Extract<OrderChange, { kind: 'cash-refund' }>).reference),
    idOf: (payment) => payment.PaymentID,
  },
];

describe.each(CASES)('applyOrderChange: a $kind against the Xero sandbox', (effect) => {
  let orderId = 3000;
  let change: OrderChange;

  beforeEach(async () => {
    orderId += 1;
    change = await effect.prepare(orderId);
    door.sandbox.state.clearRequests();
  });

  const creates = () => door.sandbox.state.requests(effect.path).filter((r) => r.method === 'PUT');
  const fault = (f: Fault) => door.sandbox.faults.add({ method: 'PUT', path: effect.path, fault: f });
  const attempt = () => attempts.get(door.storeId, orderId, change.effectId);
  const key = (generation: number) => `${change.effectId}:${door.storeId}:${orderId}:g${generation}`;

  /** Xero holds exactly one record for the change, and `applied` names it. */
  function expectOneRecord(applied: AppliedEffect): void {
    const held = effect.held(change);
    expect(held).toHaveLength(1);
    expect(applied).toMatchObject({ effectId: change.effectId, kind: effect.kind, amount: effect.amount });
    expect(applied.xeroId).toBe(effect.idOf(held[0]));
  }

  it('after the response is lost once Xero applied it, the retry replays the key and gets that one record', async () => {
    fault({ kind: 'commit-then-drop' });
    const lost = await apply(orderId, change).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(XeroTransientError);
    expect((lost as XeroTransientError).noResponse).toBe(true);
    expect(effect.held(change)).toHaveLength(1); // Xero did apply it
    expect((await attempt())?.lastOutcome).toBe('uncertain');

    expectOneRecord(await apply(orderId, change));
    const [first, second] = creates();
    expect(creates()).toHaveLength(2);
    expect(second.headers['idempotency-key']).toBe(key(1));
    expect(first.headers['idempotency-key']).toBe(key(1));
    expect(second.rawBody).toBe(first.rawBody);
    expect(second.status).toBe(200);
    expect((await attempt())?.lastOutcome).toBe('succeeded');
  });

  it('after a timeout while Xero was still processing, a retry in flight waits and a later one replays', async () => {
    const { hold, release } = heldRequest();
    fault(hold);
    const timedOut = await withRequestDeadline(Date.now() + 1_300, () => apply(orderId, change)).catch(
      (e: unknown) => e,
    );
    expect(timedOut).toBeInstanceOf(XeroTransientError);
    expect((timedOut as XeroTransientError).noResponse).toBe(true);

    const overlapping = await apply(orderId, change).catch((e: unknown) => e);
    expect(overlapping).toBeInstanceOf(XeroRequestInProgressError);
    expect(effect.held(change)).toHaveLength(0);

    release();
    await eventually(async () => (effect.held(change).length > 0 ? true : undefined), 10_000, 'the held create');
    expectOneRecord(await apply(orderId, change));
    expect(new Set(creates().map((r) => r.headers['idempotency-key']))).toEqual(new Set([key(1)]));
  });

  it('after the 6-minute window the lookup adopts the record Xero made; no second create is sent', async () => {
    fault({ kind: 'commit-then-drop' });
    await expect(apply(orderId, change)).rejects.toBeInstanceOf(XeroTransientError);
    door.sandbox.clock.advance(7 * MINUTE);

    expectOneRecord(await apply(orderId, change));
    expect(creates()).toHaveLength(1);
    expect(await attempt()).toMatchObject({ generation: 1, lastOutcome: 'succeeded' });
  });

  it('after a 503 before Xero processed it, the retry sends the same key and creates it once', async () => {
    fault({ status: 503 });
    const failed = await apply(orderId, change).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(XeroTransientError);
    expect((failed as XeroTransientError).noResponse).toBe(false);
    expect(effect.held(change)).toHaveLength(0);
    expect((await attempt())?.lastOutcome).toBe('server-error');

    expectOneRecord(await apply(orderId, change));
    expect(creates().map((r) => `${r.status} ${r.headers['idempotency-key']}`)).toEqual([
      `503 ${key(1)}`,
      `200 ${key(1)}`,
    ]);
  });

  it('after a cached 500 before Xero processed it, the replay answers 500, the lookup finds none, a new key creates it', async () => {
    fault({ status: 500, cached: true });
    await expect(apply(orderId, change)).rejects.toBeInstanceOf(XeroTransientError);
    expect(effect.held(change)).toHaveLength(0);

    expectOneRecord(await apply(orderId, change));
    expect(creates().map((r) => `${r.status} ${r.headers['idempotency-key']}`)).toEqual([
      `500 ${key(1)}`,
      `500 ${key(1)}`,
      `200 ${key(2)}`,
    ]);
    expect(await attempt()).toMatchObject({ generation: 2, lastOutcome: 'succeeded' });
  });

  it('two runs applying the same effect at once (duplicated webhooks) make one record', async () => {
    const { hold, release } = heldRequest();
    fault(hold);
    const first = apply(orderId, change);
    await eventually(async () => (creates().length === 1 ? true : undefined), 10_000, 'the first create');

    const duplicate = await apply(orderId, change).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(XeroRequestInProgressError); // retryable: Temporal tries it again
    release();
    const applied = await first;
    expectOneRecord(applied);

    const retried = await apply(orderId, change);
    expect(retried).toEqual(applied);
    expectOneRecord(retried);
    expect(new Set(creates().map((r) => r.headers['idempotency-key']))).toEqual(new Set([key(1)]));
  });

  it('two runs started together without any fault still make one record', async () => {
    const outcomes = await Promise.allSettled([apply(orderId, change), apply(orderId, change)]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(XeroRequestInProgressError);
    }
    const applied = await apply(orderId, change);
    expectOneRecord(applied);
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') expect(outcome.value).toEqual(applied);
  });

  it('a duplicate run long after the effect was applied adopts it without a second create', async () => {
    const applied = await apply(orderId, change);
    expectOneRecord(applied);
    door.sandbox.clock.advance(7 * MINUTE);

    const again = await apply(orderId, change);
    expect(again.xeroId).toBe(applied.xeroId);
    expectOneRecord(again);
    expect(creates()).toHaveLength(1);
  });
});

describe('applyOrderChange: voiding or deleting the invoice against the Xero sandbox', () => {
  let orderId = 4000;
  let invoiceId: string;

  const statusChange = (kind: 'void' | 'delete'): OrderChange => ({
    kind,
    effectId: effectIdOf(kind, 'invoice'),
    documentId: invoiceId,
    documentKind: 'invoice',
  });
  const voidChange = () => statusChange('void');
  const statusWrites = () =>
    door.sandbox.state.requests(/^\/api\.xro\/2\.0\/Invoices\/[^/]+$/).filter((r) => r.method === 'POST');
  const invoiceCalls = () =>
    door.sandbox.state
      .requests(/^\/api\.xro\/2\.0\/Invoices\/[^/]+$/)
      .map((r) => `${r.method} ${r.status ?? 'dropped'}`);
  const fault = (f: Fault) => door.sandbox.faults.add({ method: 'POST', path: /\/Invoices\/[^/]+$/, fault: f });
  const key = () => `void:invoice:${door.storeId}:${orderId}:g1`;

  /** The order's invoices in Xero: one, in `status`. */
  function expectInvoice(status: string): void {
    const invoices = door.sandbox.state.invoices().filter((invoice) => invoice.Reference === `order:${orderId}`);
    expect(invoices.map((invoice) => [invoice.InvoiceID, invoice.Status])).toEqual([[invoiceId, status]]);
  }

  async function setUp(status: 'AUTHORISED' | 'DRAFT' = 'AUTHORISED'): Promise<void> {
    orderId += 1;
    invoiceId = await invoiceOf(orderId, status);
    door.sandbox.state.clearRequests();
  }

  const voided = (): AppliedEffect => ({
    effectId: 'void:invoice',
    kind: 'void',
    xeroId: invoiceId,
    xeroNumber: null,
    amount: null,
  });

  it('after the response is lost once Xero voided it, the retry replays the key and is done', async () => {
    await setUp();
    fault({ kind: 'commit-then-drop' });
    const lost = await apply(orderId, voidChange()).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(XeroTransientError);
    expectInvoice('VOIDED');

    expect(await apply(orderId, voidChange())).toEqual(voided());
    expectInvoice('VOIDED');
    const [first, second] = statusWrites();
    expect(first.headers['idempotency-key']).toBe(key());
    expect(second.headers['idempotency-key']).toBe(key());
    expect(second.rawBody).toBe(first.rawBody);
    expect(second.status).toBe(200);
  });

  it('after the 6-minute window Xero refuses the repeated void, and the invoice already VOIDED makes it done', async () => {
    await setUp();
    fault({ kind: 'commit-then-drop' });
    await expect(apply(orderId, voidChange())).rejects.toBeInstanceOf(XeroTransientError);
    door.sandbox.clock.advance(7 * MINUTE);

    expect(await apply(orderId, voidChange())).toEqual(voided());
    expectInvoice('VOIDED');
    expect(invoiceCalls()).toEqual(['POST dropped', 'POST 400', 'GET 200']);
  });

  it('a lost deletion of a DRAFT invoice, retried after the window, is done once Xero shows it DELETED', async () => {
    await setUp('DRAFT');
    const deletion = statusChange('delete');
    fault({ kind: 'commit-then-drop' });
    await expect(apply(orderId, deletion)).rejects.toBeInstanceOf(XeroTransientError);
    door.sandbox.clock.advance(7 * MINUTE);

    const applied = await apply(orderId, deletion);
    expect(applied).toEqual({ ...voided(), effectId: 'delete:invoice', kind: 'delete' });
    expectInvoice('DELETED');
    expect(invoiceCalls()).toEqual(['POST dropped', 'POST 400', 'GET 200']);
  });

  it('after a 503 before Xero processed it, the retry voids the invoice', async () => {
    await setUp();
    fault({ status: 503 });
    await expect(apply(orderId, voidChange())).rejects.toBeInstanceOf(XeroTransientError);
    expectInvoice('AUTHORISED');

    expect(await apply(orderId, voidChange())).toEqual(voided());
    expectInvoice('VOIDED');
    expect(invoiceCalls()).toEqual(['POST 503', 'POST 200']);
  });

  it('after a cached 500 the replay keeps failing (retryable) until Xero forgets the key, then the void goes through', async () => {
    await setUp();
    fault({ status: 500, cached: true });
    await expect(apply(orderId, voidChange())).rejects.toBeInstanceOf(XeroTransientError);
    await expect(apply(orderId, voidChange())).rejects.toBeInstanceOf(XeroTransientError);
    expectInvoice('AUTHORISED');
    door.sandbox.clock.advance(7 * MINUTE);

    expect(await apply(orderId, voidChange())).toEqual(voided());
    expectInvoice('VOIDED');
    expect(invoiceCalls()).toEqual(['POST 500', 'POST 500', 'POST 200']);
  });

  it('two runs voiding at once: the one overlapping the request in flight waits, then both see it done', async () => {
    await setUp();
    const { hold, release } = heldRequest();
    fault(hold);
    const first = apply(orderId, voidChange());
    await eventually(async () => (statusWrites().length === 1 ? true : undefined), 10_000, 'the first void');

    const duplicate = await apply(orderId, voidChange()).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(XeroRequestInProgressError);
    release();
    expect(await first).toEqual(voided());
    expect(await apply(orderId, voidChange())).toEqual(voided());
    expectInvoice('VOIDED');
    expect(invoiceCalls()).toEqual(['POST 200', 'POST 409', 'POST 200']);
  });
});
