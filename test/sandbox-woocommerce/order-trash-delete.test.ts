import type { WebhookState } from '../../sandbox/woocommerce';
import { simpleOrder, startHarness, startReceiver, type Harness, type Receiver } from './support/receiver';

describe('trash, restore and permanent deletion over REST (reference §6 "Consequences")', () => {
  let h: Harness;
  let receiver: Receiver;
  const hooks: Record<string, WebhookState> = {};
  beforeEach(async () => {
    h = await startHarness({ asyncDeliveryDelayMs: 20 });
    receiver = await startReceiver();
    for (const topic of ['order.updated', 'order.deleted', 'order.restored']) {
      hooks[topic] = await h.woo.webhooks.create({ topic, deliveryUrl: receiver.url });
    }
  });
  afterEach(async () => {
    await h.woo.close();
    await receiver.close();
  });
  const bodies = async (topic: string, orderId: number) => {
    await h.woo.deliveries.waitForIdle();
    return h.woo.deliveries
      .deliveries(hooks[topic].id)
      .filter((d) => d.resourceId === orderId)
      .map((d) => d.body);
  };

  it('DELETE without force trashes: status trash, still readable, order.deleted with just {"id":N}', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const res = await h.api(`/orders/${order.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: order.id, status: 'trash' });
    expect(await bodies('order.deleted', order.id)).toEqual([`{"id":${order.id}}`]);
    const read = await h.api(`/orders/${order.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: order.id, status: 'trash', total: '101.78' });

    h.woo.orders.restore(order.id);
    const restored = await bodies('order.restored', order.id);
    expect(restored).toHaveLength(1);
    expect(JSON.parse(restored[0])).toMatchObject({ id: order.id, status: 'processing' });
  });

  it('DELETE ?force=true deletes for good with no webhook; then GET answers 404 Invalid ID, refunds are gone', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const refund = h.woo.orders.refund(order.id, { amount: 5 });
    const updatesBefore = (await bodies('order.updated', order.id)).length;
    const res = await h.api(`/orders/${order.id}?force=true`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: order.id, status: 'processing', refunds: [{ id: refund.id }] });

    const gone = await h.api(`/orders/${order.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({
      code: 'woocommerce_rest_shop_order_invalid_id',
      message: 'Invalid ID.',
      data: { status: 404 },
    });
    expect((await h.api(`/orders/${order.id}/refunds/${refund.id}`)).status).toBe(404);
    expect(await (await h.api(`/orders/${order.id}/refunds`)).json()).toEqual([]);
    expect(await bodies('order.deleted', order.id)).toEqual([]);
    expect(await bodies('order.updated', order.id)).toHaveLength(updatesBefore);
    expect((await h.api(`/orders/${order.id}?force=true`, { method: 'DELETE' })).status).toBe(404);
  });

  it('a trashed order can still be deleted for good, and the test-facing delete does the same', async () => {
    const trashed = h.woo.orders.create(simpleOrder);
    h.woo.orders.trash(trashed.id);
    expect((await h.api(`/orders/${trashed.id}?force=true`, { method: 'DELETE' })).status).toBe(200);
    expect(h.woo.orders.get(trashed.id)).toBeUndefined();

    const other = h.woo.orders.create(simpleOrder);
    h.woo.orders.delete(other.id);
    expect((await h.api(`/orders/${other.id}`)).status).toBe(404);
    expect(await bodies('order.deleted', other.id)).toEqual([]);
  });
});
