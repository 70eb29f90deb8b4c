import type { CreateAttemptStart } from '../../lib/db';
import { createStore, useTestStorage } from './fixtures';

describe('attempts repository', () => {
  const storage = useTestStorage();
  const attempts = () => storage.repos.attempts;

  const start = (generation: number): CreateAttemptStart => ({
    idempotencyKey: `st_x-order-42-invoice-g${generation}`,
    generation,
    requestBody: JSON.stringify({ Invoices: [{ Type: 'ACCREC', InvoiceNumber: 'WC-42', Total: 115.0 }] }),
    startedAt: new Date(`2030-01-01T00:0${generation}:00.000Z`),
  });

  it('records the attempt before sending, as pending', async () => {
    const store = await createStore(storage.repos);
    expect(await attempts().get(store.id, 42, 'invoice')).toBeNull();
    await attempts().begin(store.id, 42, 'invoice', start(0));
    expect(await attempts().get(store.id, 42, 'invoice')).toStrictEqual({
      storeId: store.id,
      orderId: 42,
      subject: 'invoice',
      ...start(0),
      lastOutcome: 'pending',
      updatedAt: expect.any(Date),
    });
  });

  it("keeps an order's effects apart from its document, each under its own subject (migration 0010)", async () => {
    const store = await createStore(storage.repos);
    await attempts().begin(store.id, 42, 'invoice', start(1));
    await attempts().begin(store.id, 42, 'payment:stripe:ch_1', start(2));
    await attempts().setOutcome(store.id, 42, 'payment:stripe:ch_1', 'succeeded');
    expect(await attempts().get(store.id, 42, 'invoice')).toMatchObject({ generation: 1, lastOutcome: 'pending' });
    expect(await attempts().get(store.id, 42, 'payment:stripe:ch_1')).toMatchObject({
      subject: 'payment:stripe:ch_1',
      generation: 2,
      lastOutcome: 'succeeded',
    });
    await expect(attempts().begin(store.id, 42, 'void:x' as 'invoice', start(1))).rejects.toThrow();
  });

  it('keeps the request body (customer names and addresses) encrypted at rest', async () => {
    const store = await createStore(storage.repos);
    const body = JSON.stringify({
      Invoices: [{ Reference: 'WooCommerce order #42', Contact: { Name: 'Aroha Ngata' } }],
    });
    await attempts().begin(store.id, 42, 'invoice', { ...start(0), requestBody: body });
    const [raw] = await storage.db.query<{ request_body: string }>(
      'SELECT request_body FROM xero_create_attempts WHERE store_id = $1',
      [store.id],
    );
    expect(raw?.request_body).not.toContain('Aroha');
    expect((await attempts().get(store.id, 42, 'invoice'))?.requestBody).toBe(body);
  });

  it('records outcomes, and a new begin replaces the attempt and resets it to pending', async () => {
    const store = await createStore(storage.repos);
    await attempts().begin(store.id, 42, 'invoice', start(0));
    await attempts().setOutcome(store.id, 42, 'invoice', 'uncertain');
    expect((await attempts().get(store.id, 42, 'invoice'))?.lastOutcome).toBe('uncertain');

    await attempts().begin(store.id, 42, 'invoice', start(1));
    expect(await attempts().get(store.id, 42, 'invoice')).toMatchObject({ ...start(1), lastOutcome: 'pending' });
    await attempts().setOutcome(store.id, 42, 'invoice', 'succeeded');
    expect((await attempts().get(store.id, 42, 'invoice'))?.lastOutcome).toBe('succeeded');
  });

  it('records every outcome the exactly-once protocol knows, batch-uncertain included (migration 0008)', async () => {
    const store = await createStore(storage.repos);
    await attempts().begin(store.id, 44, 'invoice', start(1));
    for (const outcome of ['uncertain', 'server-error', 'batch-uncertain', 'rejected', 'succeeded'] as const) {
      await attempts().setOutcome(store.id, 44, 'invoice', outcome);
      expect((await attempts().get(store.id, 44, 'invoice'))?.lastOutcome).toBe(outcome);
    }
  });

  it('keeps invoices and quotes of one order apart', async () => {
    const store = await createStore(storage.repos);
    await attempts().begin(store.id, 43, 'invoice', start(0));
    await attempts().begin(store.id, 43, 'quote', start(2));
    await attempts().setOutcome(store.id, 43, 'quote', 'rejected');
    expect(await attempts().get(store.id, 43, 'invoice')).toMatchObject({ generation: 0, lastOutcome: 'pending' });
    expect(await attempts().get(store.id, 43, 'quote')).toMatchObject({ generation: 2, lastOutcome: 'rejected' });
  });

  it('refuses an outcome for an attempt that was never begun, or an unknown outcome', async () => {
    const store = await createStore(storage.repos);
    await expect(attempts().setOutcome(store.id, 44, 'invoice', 'succeeded')).rejects.toThrow(
      /No Xero create attempt was begun for invoice of order 44/,
    );
    await attempts().begin(store.id, 44, 'invoice', start(0));
    await expect(attempts().setOutcome(store.id, 44, 'invoice', 'lost' as 'pending')).rejects.toThrow(/violates/);
  });
});
