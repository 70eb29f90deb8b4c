import type { LedgerEntry } from '../../lib/db';
import { createStore, sleep, useTestStorage } from './fixtures';

describe('ledger repository', () => {
  const storage = useTestStorage();
  const ledger = () => storage.repos.ledger;

  it('creates an entry from the key alone, with defaults', async () => {
    const store = await createStore(storage.repos);
    const entry = await ledger().upsert({ storeId: store.id, orderId: 101 });
    expect(entry).toEqual({
      storeId: store.id,
      orderId: 101,
      orderNumber: null,
      state: 'pending',
      documentKind: null,
      xeroDocumentId: null,
      xeroDocumentNumber: null,
      orderTotal: null,
      xeroTotal: null,
      currency: null,
      settingsVersion: null,
      lastError: null,
      warning: null,
      difference: null,
      orderDigest: null,
      workflowId: null,
      runId: null,
      xeroWaitUntil: null,
      updatedAt: expect.any(Date),
    });
    expect(await ledger().get(store.id, 101)).toEqual(entry);
  });

  it('round-trips every field with its type', async () => {
    const store = await createStore(storage.repos);
    const { version } = await storage.repos.settings.save(store.id, {});
    const full: Omit<LedgerEntry, 'updatedAt' | 'xeroWaitUntil'> = {
      storeId: store.id,
      orderId: 2 ** 40,
      orderNumber: 'WC-1001',
      documentKind: 'invoice',
      xeroDocumentId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      xeroDocumentNumber: 'INV-0042',
      orderTotal: '115.00',
      xeroTotal: '115.00',
      currency: 'NZD',
      settingsVersion: version,
      lastError: null,
      warning: 'WooCommerce refused the order note',
      difference: 'The order total is now 120.00 but invoice INV-0042 totals 115.00',
      orderDigest: '0123456789abcdef0123456789abcdef',
      state: 'paid',
      workflowId: `order-sync:${store.id}:1099511627776`,
      runId: 'run-1',
    };
    const stored = await ledger().upsert(full);
    expect(stored).toStrictEqual({ ...full, xeroWaitUntil: null, updatedAt: stored.updatedAt });
    expect(stored.updatedAt).toBeInstanceOf(Date);
    expect(await ledger().get(store.id, 2 ** 40)).toStrictEqual(stored);
  });

  it('records and clears a wait for Xero capacity, by order or by workflow run', async () => {
    const store = await createStore(storage.repos);
    const workflowId = `order-sync:${store.id}:55`;
    const until = new Date('2026-12-02T10:00:05.000Z');
    await ledger().recordXeroWait({ storeId: store.id, orderId: 55, workflowId }, until);
    expect(await ledger().get(store.id, 55)).toMatchObject({ state: 'pending', workflowId, xeroWaitUntil: until });
    await ledger().upsert({ storeId: store.id, orderId: 55, state: 'pending', orderNumber: '55' });
    await ledger().recordXeroWait({ storeId: store.id, workflowId }, null);
    expect(await ledger().get(store.id, 55)).toMatchObject({ orderNumber: '55', xeroWaitUntil: null });
    await ledger().recordXeroWait({ storeId: store.id, workflowId: 'order-sync:other:1' }, until);
    expect((await ledger().get(store.id, 55))?.xeroWaitUntil).toBeNull();
  });

  it('updates only the given fields, clears fields set to null, and stamps updatedAt', async () => {
    const store = await createStore(storage.repos);
    const created = await ledger().upsert({
      storeId: store.id,
      orderId: 7,
      orderNumber: '7',
      state: 'failed',
      lastError: 'Xero: Account code 999 is not valid',
      orderTotal: '10.00',
    });
    await sleep(10);
    const updated = await ledger().upsert({ storeId: store.id, orderId: 7, state: 'synced', lastError: null });
    expect(updated).toMatchObject({ orderNumber: '7', state: 'synced', lastError: null, orderTotal: '10.00' });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
  });

  it('keeps money exact: any precision, trailing zeros and signs as given', async () => {
    const store = await createStore(storage.repos);
    const amounts = ['0.10', '-12.345', '123456789012345678901234567890.123456789', '0'];
    for (const [i, amount] of amounts.entries()) {
      const entry = await ledger().upsert({
        storeId: store.id,
        orderId: 500 + i,
        orderTotal: amount,
        xeroTotal: amount,
      });
      expect([entry.orderTotal, entry.xeroTotal]).toEqual([amount, amount]);
    }
  });

  it('refuses money that is not a decimal string', async () => {
    const store = await createStore(storage.repos);
    for (const orderTotal of [10.5, '1e3', '12,50', ' 1.00'] as unknown as string[]) {
      await expect(ledger().upsert({ storeId: store.id, orderId: 600, orderTotal })).rejects.toThrow(/decimal string/);
    }
    expect(await ledger().get(store.id, 600)).toBeNull();
  });

  it('enforces states, document kinds, currencies and known settings versions', async () => {
    const store = await createStore(storage.repos);
    // Values the types forbid, as a caller with unchecked input might still send them.
    const bad = [
      { state: 'done' },
      { documentKind: 'credit-note' },
      { currency: 'nzd' },
      { settingsVersion: 99 },
    ] as Partial<LedgerEntry>[];
    for (const fields of bad) {
      await expect(ledger().upsert({ storeId: store.id, orderId: 700, ...fields })).rejects.toThrow(/violates/);
    }
    await expect(ledger().upsert({ storeId: 'st_aaaaaaaaaaaaaaaa', orderId: 1 })).rejects.toThrow(/violates/);
  });

  it('keeps the same order id apart in different stores', async () => {
    const [a, b] = await Promise.all([createStore(storage.repos), createStore(storage.repos)]);
    await ledger().upsert({ storeId: a.id, orderId: 1, orderNumber: 'A-1' });
    await ledger().upsert({ storeId: b.id, orderId: 1, orderNumber: 'B-1' });
    expect((await ledger().get(a.id, 1))?.orderNumber).toBe('A-1');
    expect((await ledger().get(b.id, 1))?.orderNumber).toBe('B-1');
    expect(await ledger().get(a.id, 2)).toBeNull();
  });

  it('tells whether a Xero document is recorded for any other order (of this or another store)', async () => {
    const [a, b] = await Promise.all([createStore(storage.repos), createStore(storage.repos)]);
    const documentId = '6f1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    await ledger().upsert({ storeId: a.id, orderId: 5, state: 'synced', xeroDocumentId: documentId });
    expect(await ledger().isDocumentRecordedElsewhere(documentId, a.id, 5)).toBe(false);
    expect(await ledger().isDocumentRecordedElsewhere(documentId, b.id, 5)).toBe(true);
    expect(await ledger().isDocumentRecordedElsewhere(documentId, a.id, 6)).toBe(true);
    expect(await ledger().isDocumentRecordedElsewhere('00000000-0000-0000-0000-000000000000', b.id, 5)).toBe(false);
  });
});

describe('ledger effects repository', () => {
  const storage = useTestStorage();

  it("records an order's effects once each, in the order they were applied, with exact amounts", async () => {
    const store = await createStore(storage.repos);
    await storage.repos.ledger.upsert({ storeId: store.id, orderId: 7, state: 'synced' });
    const effects = storage.repos.ledgerEffects;
    const payment = {
      storeId: store.id,
      orderId: 7,
      effectId: 'payment:stripe:ch_1',
      kind: 'payment',
      xeroId: 'pay-1',
      xeroNumber: null,
      amount: '70.95',
      currency: 'NZD',
    } as const;
    await effects.record(payment);
    await sleep(5);
    await effects.record({
      ...payment,
      effectId: 'credit-note:refund:9',
      kind: 'credit-note',
      xeroId: 'cn-1',
      amount: '19.80',
    });
    // A retry recording the same effect again changes nothing.
    await effects.record({ ...payment, xeroId: 'pay-2', amount: '1.00' });
    const listed = await effects.list(store.id, 7);
    expect(listed.map((e) => [e.effectId, e.xeroId, e.amount])).toEqual([
      ['payment:stripe:ch_1', 'pay-1', '70.95'],
      ['credit-note:refund:9', 'cn-1', '19.80'],
    ]);
    expect(await effects.list(store.id, 8)).toEqual([]);
    await expect(
      effects.record({ ...payment, effectId: 'payment:x:y', amount: 1.5 as unknown as string }),
    ).rejects.toThrow(/decimal string/);
  });

  it('keeps the document a reissue replaced beside the effect, so the ledger links both', async () => {
    const store = await createStore(storage.repos);
    await storage.repos.ledger.upsert({ storeId: store.id, orderId: 9, state: 'synced' });
    const replaced = { kind: 'invoice', xeroId: 'inv-1', number: 'WC-9', total: '70.95' } as const;
    await storage.repos.ledgerEffects.record({
      storeId: store.id,
      orderId: 9,
      effectId: 'reissue:2',
      kind: 'reissue',
      xeroId: 'inv-2',
      xeroNumber: 'WC-9-2',
      amount: '80.95',
      currency: 'NZD',
      replaced,
    });
    const [effect] = await storage.repos.ledgerEffects.list(store.id, 9);
    expect(effect).toMatchObject({ kind: 'reissue', xeroId: 'inv-2', replaced });
  });
});
