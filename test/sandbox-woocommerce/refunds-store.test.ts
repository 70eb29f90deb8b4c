import type { WebhookState } from '../../sandbox/woocommerce';
import { simpleOrder, startHarness, startReceiver, type Harness, type Receiver } from './support/receiver';

// simpleOrder at 15% GST: 2 × 18.50 (tax 5.55) + 45.00 (tax 6.75) + shipping 6.50 (tax 0.975) = 101.78.

describe('refunds as the order screen makes them (wc_create_refund, reference §2 "Refunds")', () => {
  let h: Harness;
  let receiver: Receiver;
  let updated: WebhookState;
  beforeEach(async () => {
    h = await startHarness({ asyncDeliveryDelayMs: 20 });
    receiver = await startReceiver();
    updated = await h.woo.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url });
  });
  afterEach(async () => {
    await h.woo.close();
    await receiver.close();
  });
  const updates = async (orderId: number) => {
    await h.woo.deliveries.waitForIdle();
    return h.woo.deliveries.deliveries(updated.id).filter((d) => d.resourceId === orderId).length;
  };

  it('refunds one unit of a line with its share of the tax, as negative items, and fires order.updated', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const before = await updates(order.id);
    const [balm] = order.line_items;
    const refund = h.woo.orders.refund(order.id, { lines: [{ lineId: balm.id, quantity: 1 }], reason: 'Scratched' });

    // 37.00 / 2 × 1 = 18.50; tax 5.55 / 2 × 1 = 2.775, rounded to the store's 2 decimals = 2.78.
    expect(refund).toMatchObject({ amount: '21.28', reason: 'Scratched', refunded_by: 1, refunded_payment: false });
    expect(refund.line_items).toEqual([
      expect.objectContaining({
        name: 'Kawakawa balm',
        quantity: -1,
        subtotal: '-18.50',
        subtotal_tax: '-2.78',
        total: '-18.50',
        total_tax: '-2.78',
        taxes: [{ id: 1, total: '-2.78', subtotal: '-2.78' }],
        price: 18.5,
        sku: 'KAWA-1',
        meta_data: [expect.objectContaining({ key: '_refunded_item_id', value: String(balm.id) })],
      }),
    ]);
    expect(refund.tax_lines).toEqual([
      expect.objectContaining({ rate_id: 1, rate_code: 'NZ-GST-1', tax_total: '-2.78', shipping_tax_total: '0.00' }),
    ]);
    expect(refund.shipping_lines).toEqual([]);

    const after = h.woo.orders.get(order.id);
    expect(after?.refunds).toEqual([{ id: refund.id, reason: 'Scratched', total: '-21.28' }]);
    expect(after?.status).toBe('processing');
    expect(after?.total).toBe('101.78');
    expect(await updates(order.id)).toBe(before + 1);
  });

  it('refunding everything moves the order to refunded with WooCommerce status note; refunds list newest first', async () => {
    const order = h.woo.orders.create(simpleOrder);
    const [balm, kete] = order.line_items;
    const first = h.woo.orders.refund(order.id, { amount: 10, reason: 'Goodwill' });
    const second = h.woo.orders.refund(order.id, {
      lines: [
        { lineId: balm.id, quantity: 2 },
        { lineId: kete.id, quantity: 1 },
      ],
      shipping: [{ lineId: order.shipping_lines[0].id }],
      amount: 91.78,
    });
    expect(second.shipping_lines).toEqual([
      expect.objectContaining({ total: '-6.50', total_tax: '-0.98', taxes: [{ id: 1, total: '-0.98', subtotal: '' }] }),
    ]);
    expect(second.tax_lines).toEqual([
      expect.objectContaining({ rate_id: 1, tax_total: '-12.30', shipping_tax_total: '-0.98' }),
    ]);
    const after = h.woo.orders.get(order.id);
    expect(after?.status).toBe('refunded');
    expect(after?.refunds.map((r) => [r.id, r.total])).toEqual([
      [second.id, '-91.78'],
      [first.id, '-10.00'],
    ]);
    expect(h.woo.notes(order.id)[0].note).toBe('Order status changed from Processing to Refunded.');
    expect(h.woo.notes(order.id).filter((n) => n.note.includes('Refunded'))).toHaveLength(1);
  });

  it('computes a whole-order refund to the cent, and refuses a cent more than is left', () => {
    const order = h.woo.orders.create(simpleOrder);
    const [balm, kete] = order.line_items;
    h.woo.orders.refund(order.id, { lines: [{ lineId: balm.id, quantity: 1 }] });
    // Refunding the other unit separately computes 2.78 tax again: 80.51 against 80.50 left.
    expect(() =>
      h.woo.orders.refund(order.id, {
        lines: [
          { lineId: balm.id, quantity: 1 },
          { lineId: kete.id, quantity: 1 },
        ],
        shipping: [{ lineId: order.shipping_lines[0].id }],
      }),
    ).toThrow('Invalid refund amount.');
    expect(() => h.woo.orders.refund(order.id, { amount: -1 })).toThrow('Invalid refund amount.');
    expect(() => h.woo.orders.refund(order.id, { lines: [{ lineId: balm.id, quantity: 2 }] })).toThrow(/0 to 1 units/);
    expect(h.woo.orders.refund(order.id, { amount: 80.5 }).amount).toBe('80.50');
    expect(h.woo.orders.get(order.id)?.status).toBe('refunded');
  });

  it('setting an order to refunded refunds what is left ("Order fully refunded.") and says so in a note', () => {
    const order = h.woo.orders.create(simpleOrder);
    h.woo.orders.refund(order.id, { amount: 1.78 });
    const after = h.woo.orders.update(order.id, { status: 'refunded' });
    expect(after.refunds.map((r) => [r.reason, r.total])).toEqual([
      ['Order fully refunded.', '-100.00'],
      ['', '-1.78'],
    ]);
    expect(
      h.woo
        .notes(order.id)
        .map((n) => n.note)
        .slice(0, 2),
    ).toEqual([
      'Order status changed from Processing to Refunded.',
      'Order status set to refunded. To return funds to the customer you will need to issue a refund through your payment gateway.',
    ]);
  });

  it('cancelling records no refund', () => {
    const order = h.woo.orders.create({ ...simpleOrder, status: 'on-hold' });
    const cancelled = h.woo.orders.update(order.id, { status: 'cancelled' });
    expect(cancelled).toMatchObject({ status: 'cancelled', refunds: [], date_paid: null });
    expect(h.woo.notes(order.id)[0].note).toBe('Order status changed from On hold to Cancelled.');
  });

  it('returns the money through a gateway that can refund, and deletes the refund when the gateway fails', async () => {
    const order = h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'sandbox_card' });
    const refund = h.woo.orders.refund(order.id, { amount: 5, reason: 'Late', apiRefund: true });
    expect(refund.refunded_payment).toBe(true);
    expect(h.woo.gateways.refunds()).toEqual([
      expect.objectContaining({ orderId: order.id, amount: 5, reason: 'Late' }),
    ]);

    h.woo.gateways.failNextRefunds(1, 'Card network unavailable');
    const before = await updates(order.id);
    expect(() => h.woo.orders.refund(order.id, { amount: 5, apiRefund: true })).toThrow('Card network unavailable');
    expect(h.woo.orders.get(order.id)?.refunds.map((r) => r.id)).toEqual([refund.id]);
    // The refund was saved, then deleted: WooCommerce 11.2+ announces the deletion as order.updated.
    expect(await updates(order.id)).toBe(before + 1);

    const bacs = h.woo.orders.create(simpleOrder);
    expect(() => h.woo.orders.refund(bacs.id, { amount: 5, apiRefund: true })).toThrow(
      'The payment gateway for this order does not support automatic refunds.',
    );
  });
});
