import { createRepositories } from '../../lib/db';
import { createStore, sleep, useTestStorage } from './fixtures';

const LEASE_MS = 60_000;

describe('webhook inbox repository', () => {
  const storage = useTestStorage();
  const inbox = () => storage.repos.webhookInbox;

  beforeEach(async () => {
    await storage.db.query('DELETE FROM webhook_inbox');
  });

  it('records a delivery as pending and due at once, with no personal data', async () => {
    const store = await createStore(storage.repos);
    await inbox().record({
      storeId: store.id,
      orderId: 42,
      deliveryId: 'd-1',
      topic: 'order.created',
      orderNumber: '42',
    });
    expect(await inbox().pending()).toEqual([
      {
        id: expect.any(Number),
        storeId: store.id,
        orderId: 42,
        deliveryId: 'd-1',
        topic: 'order.created',
        orderNumber: '42',
        deliveries: 1,
        receivedAt: expect.any(Date),
        attempts: 0,
        nextAttemptAt: expect.any(Date),
        lastError: null,
        handedOverAt: null,
      },
    ]);
  });

  it('keys deliveries by store, order and delivery id; deliveries without an id are each their own row', async () => {
    const store = await createStore(storage.repos);
    await inbox().record({ storeId: store.id, orderId: 1, deliveryId: 'same', topic: 'order.created' });
    await inbox().record({ storeId: store.id, orderId: 1, deliveryId: 'same', topic: 'order.updated' });
    await inbox().record({ storeId: store.id, orderId: 2, deliveryId: 'same', topic: 'order.updated' });
    await inbox().record({ storeId: store.id, orderId: 3, topic: 'order.updated' });
    await inbox().record({ storeId: store.id, orderId: 3, topic: 'order.updated' });
    const rows = await inbox().pending();
    expect(rows.map((r) => [r.orderId, r.deliveryId, r.deliveries, r.topic])).toEqual([
      [1, 'same', 2, 'order.updated'],
      [2, 'same', 1, 'order.updated'],
      [3, null, 1, 'order.updated'],
      [3, null, 1, 'order.updated'],
    ]);
  });

  it('claims due rows once: a second claim inside the lease gets none of them', async () => {
    const store = await createStore(storage.repos);
    for (const orderId of [1, 2, 3]) await inbox().record({ storeId: store.id, orderId, topic: 'order.created' });
    const first = await inbox().claimDue(2, LEASE_MS);
    const second = await inbox().claimDue(10, LEASE_MS);
    expect(first.map((r) => r.orderId)).toEqual([1, 2]);
    expect(second.map((r) => r.orderId)).toEqual([3]);
    expect(first.every((r) => r.attempts === 1)).toBe(true);
    expect(await inbox().claimDue(10, LEASE_MS)).toEqual([]);
  });

  it('lets concurrent claimers (several API processes) split the rows without overlap', async () => {
    const store = await createStore(storage.repos);
    for (let orderId = 1; orderId <= 40; orderId++) {
      await inbox().record({ storeId: store.id, orderId, topic: 'order.created' });
    }
    const other = createRepositories(storage.db, storage.cipher).webhookInbox;
    const claims = await Promise.all([1, 2, 3, 4].map((i) => (i % 2 ? inbox() : other).claimDue(15, LEASE_MS)));
    const ids = claims.flat().map((r) => r.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('makes a claimed row due again when the lease runs out (the claiming process died)', async () => {
    const store = await createStore(storage.repos);
    await inbox().record({ storeId: store.id, orderId: 9, topic: 'order.created' });
    expect(await inbox().claimDue(10, 1)).toHaveLength(1);
    await sleep(20);
    const again = await inbox().claimDue(10, LEASE_MS);
    expect(again.map((r) => [r.orderId, r.attempts])).toEqual([[9, 2]]);
  });

  it('marks handed-over rows done; they leave the pending list', async () => {
    const store = await createStore(storage.repos);
    await inbox().record({ storeId: store.id, orderId: 5, deliveryId: 'a', topic: 'order.created' });
    await inbox().record({ storeId: store.id, orderId: 6, deliveryId: 'b', topic: 'order.created' });
    const claimed = await inbox().claimDue(10, LEASE_MS);
    await inbox().markHandedOver(claimed.filter((r) => r.orderId === 5));
    expect((await inbox().pending()).map((r) => r.orderId)).toEqual([6]);
  });

  it('keeps a row pending when it was received again while being handed over, and reopens a done one', async () => {
    const store = await createStore(storage.repos);
    const delivery = { storeId: store.id, orderId: 7, deliveryId: 'same-second', topic: 'order.updated' };
    await inbox().record(delivery);
    const [claimed] = await inbox().claimDue(10, LEASE_MS);
    await inbox().record(delivery);
    await inbox().markHandedOver([claimed!]);
    const [still] = await inbox().claimDue(10, LEASE_MS);
    expect(still).toMatchObject({ orderId: 7, deliveries: 2, handedOverAt: null });

    await inbox().markHandedOver([still!]);
    expect(await inbox().pending()).toEqual([]);
    await inbox().record(delivery);
    expect(await inbox().claimDue(10, LEASE_MS)).toEqual([expect.objectContaining({ orderId: 7, attempts: 1 })]);
  });

  it('schedules a retry with the error and does not hand the row out before then', async () => {
    const store = await createStore(storage.repos);
    await inbox().record({ storeId: store.id, orderId: 8, topic: 'order.created' });
    const [claimed] = await inbox().claimDue(10, LEASE_MS);
    await inbox().scheduleRetry(claimed!.id, LEASE_MS, 'Temporal unavailable');
    expect(await inbox().claimDue(10, LEASE_MS)).toEqual([]);
    expect(await inbox().pending()).toEqual([
      expect.objectContaining({ lastError: 'Temporal unavailable', attempts: 1 }),
    ]);
    await inbox().scheduleRetry(claimed!.id, 0, 'Temporal unavailable');
    expect(await inbox().claimDue(10, LEASE_MS)).toEqual([expect.objectContaining({ orderId: 8, attempts: 2 })]);
  });

  it('purges rows handed over long enough ago, never pending ones', async () => {
    const store = await createStore(storage.repos);
    await inbox().record({ storeId: store.id, orderId: 1, topic: 'order.created' });
    await inbox().record({ storeId: store.id, orderId: 2, topic: 'order.created' });
    const [first] = await inbox().claimDue(1, LEASE_MS);
    await inbox().markHandedOver([first!]);
    await sleep(20);
    expect(await inbox().purgeHandedOver(LEASE_MS)).toBe(0);
    expect(await inbox().purgeHandedOver(1)).toBe(1);
    expect((await inbox().pending()).map((r) => r.orderId)).toEqual([2]);
  });
});
