import { eventually } from '../support/ports';
import { createContact, salesLine, startHarness, type Harness } from './helpers';

let h: Harness;
let contactId: string;
beforeEach(async () => {
  h = await startHarness();
  contactId = await createContact(h, 'Acme');
});
afterEach(() => h.sandbox.close());

const body = (number: string) => ({
  Invoices: [
    { Type: 'ACCREC', Contact: { ContactID: contactId }, InvoiceNumber: number, LineItems: [salesLine('x', 1, 10)] },
  ],
});
const putWithKey = (key: string, b: unknown, query = '?unitdp=4') =>
  h.call('PUT', `/Invoices${query}`, b, { 'Idempotency-Key': key });

describe('Idempotency-Key', () => {
  it('replays the stored response for the same request without processing it again', async () => {
    const first = await putWithKey('k1', body('I-1'));
    const second = await putWithKey('k1', body('I-1'));
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json); // same envelope Id too: a byte-for-byte replay
    expect(h.sandbox.state.invoices()).toHaveLength(1);
  });

  it('answers 400 when the key is reused with a different body, URL or method', async () => {
    await putWithKey('k2', body('I-2'));
    for (const res of [
      await putWithKey('k2', body('I-3')),
      await putWithKey('k2', body('I-2'), '?unitdp=2'),
      await h.call('POST', '/Invoices?unitdp=4', body('I-2'), { 'idempotency-key': 'k2' }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.json.Message).toBe('Idempotency Key: k2 is used with a different request.');
    }
    expect(h.sandbox.state.invoices()).toHaveLength(1);
  });

  it('answers 409 to a request whose key is still in flight, without processing it; the first answer is kept', async () => {
    let release = () => undefined as void;
    const until = new Promise<void>((resolve) => (release = resolve));
    h.sandbox.faults.add({ method: 'PUT', path: /Invoices/, fault: { kind: 'hold', until } });
    const first = putWithKey('k-flight', body('I-F'));
    await eventually(async () => (h.sandbox.state.requests(/Invoices/).length === 1 ? true : undefined));
    const overlapping = await putWithKey('k-flight', body('I-F'));
    expect(overlapping.status).toBe(409);
    expect(overlapping.json.Detail).toBe(
      'Idempotency Key: k-flight is in use by a request that is still being processed; retry later.',
    );
    expect(h.sandbox.state.invoices()).toEqual([]);
    release();
    expect((await first).status).toBe(200);
    const replay = await putWithKey('k-flight', body('I-F'));
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual((await first).json);
    expect(h.sandbox.state.invoices()).toHaveLength(1);
  });

  it('remembers keys for 6 minutes from the first call on the sandbox clock', async () => {
    await putWithKey('k3', body('I-4'));
    h.sandbox.clock.advance(6 * 60_000 - 1);
    expect((await putWithKey('k3', body('I-4'))).status).toBe(200);
    h.sandbox.clock.advance(1);
    const after = await putWithKey('k3', body('I-4')); // processed as new: the number is now taken
    expect(after.status).toBe(400);
    expect(after.json.Elements[0].ValidationErrors[0].Message).toBe('Invoice # must be unique.');
  });

  it('caches error responses too (a validation 400 replays even after the cause is fixed)', async () => {
    await createContact(h, 'Blocker');
    const contact = (name: string) => ({ Contacts: [{ Name: name }] });
    const first = await h.call('PUT', '/Contacts', contact('Blocker'), { 'Idempotency-Key': 'k4' });
    expect(first.status).toBe(400);
    const blocker = h.sandbox.state.contacts().find((c) => c.Name === 'Blocker')!;
    await h.call('POST', `/Contacts/${blocker.ContactID}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] });
    const replay = await h.call('PUT', '/Contacts', contact('Blocker'), { 'Idempotency-Key': 'k4' });
    expect(replay.status).toBe(400);
    expect(replay.text).toBe(first.text);
  });

  it('rejects keys longer than 128 characters and accepts exactly 128', async () => {
    const long = await putWithKey('k'.repeat(129), body('I-5'));
    expect(long.status).toBe(400);
    expect(long.json.Message).toContain('128');
    expect((await putWithKey('k'.repeat(128), body('I-5'))).status).toBe(200);
  });

  it('ignores the key on GET', async () => {
    await putWithKey('k6', body('I-6'));
    const get = await h.call('GET', '/Invoices', undefined, { 'Idempotency-Key': 'k6' });
    expect(get.status).toBe(200);
  });
});
