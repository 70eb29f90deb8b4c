import { simpleOrder, startHarness, startReceiver, type Harness, type Receiver } from './support/receiver';

describe('payment: checkout gateways, payment_complete, set_paid (reference §2 "set_paid")', () => {
  let h: Harness;
  let receiver: Receiver;
  let clock = new Date('2025-05-01T00:00:00Z');
  beforeEach(async () => {
    clock = new Date('2025-05-01T00:00:00Z');
    h = await startHarness({ asyncDeliveryDelayMs: 20, now: () => clock });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await h.woo.close();
    await receiver.close();
  });
  const later = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };

  it('bank transfer and cheque orders wait on-hold, unpaid, with the gateway note', () => {
    const bacs = h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'bacs' });
    expect(bacs).toMatchObject({
      status: 'on-hold',
      date_paid: null,
      created_via: 'checkout',
      payment_method_title: 'Direct bank transfer',
      needs_payment: false,
    });
    expect(h.woo.notes(bacs.id)[0].note).toBe(
      'Awaiting BACS payment Order status changed from Pending payment to On hold.',
    );
    const cheque = h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'cheque' });
    expect(cheque).toMatchObject({ status: 'on-hold', date_paid: null, payment_method_title: 'Check payments' });
  });

  it('cash on delivery goes to processing without a paid date; completing it records the payment', () => {
    const cod = h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'cod' });
    expect(cod).toMatchObject({ status: 'processing', date_paid: null, payment_method_title: 'Cash on delivery' });
    expect(h.woo.notes(cod.id)[0].note).toBe(
      'Payment to be made upon delivery. Order status changed from Pending payment to Processing.',
    );
    later(60);
    const completed = h.woo.orders.update(cod.id, { status: 'completed' });
    expect(completed).toMatchObject({
      date_paid_gmt: '2025-05-01T01:00:00',
      date_completed_gmt: '2025-05-01T01:00:00',
    });
  });

  it('a card gateway takes the payment at checkout: processing, paid, with the transaction id', () => {
    const card = h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'sandbox_card', transactionId: 'ch_3N' });
    expect(card).toMatchObject({
      status: 'processing',
      transaction_id: 'ch_3N',
      date_paid_gmt: '2025-05-01T00:00:00',
      created_via: 'checkout',
    });
    expect(() => h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'stripe' })).toThrow(/no payment gateway/);
  });

  it('markPaid is payment_complete: paid date, transaction id and processing, once; a later call changes nothing', async () => {
    const webhook = await h.woo.webhooks.create({ topic: 'order.updated', deliveryUrl: receiver.url });
    const order = h.woo.orders.checkout({ ...simpleOrder, paymentMethod: 'bacs' });
    await h.woo.deliveries.waitForIdle();
    const before = h.woo.deliveries.deliveries(webhook.id).length;
    later(30);
    const paid = h.woo.orders.markPaid(order.id, { transactionId: 'BANK-0042' });
    expect(paid).toMatchObject({
      status: 'processing',
      transaction_id: 'BANK-0042',
      date_paid_gmt: '2025-05-01T00:30:00',
      date_modified_gmt: '2025-05-01T00:30:00',
    });
    expect(h.woo.notes(order.id)[0].note).toBe('Order status changed from On hold to Processing.');
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id)).toHaveLength(before + 1);

    later(30);
    const again = h.woo.orders.markPaid(order.id, { transactionId: 'OTHER' });
    expect(again).toMatchObject({ transaction_id: 'BANK-0042', date_paid_gmt: '2025-05-01T00:30:00' });
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id)).toHaveLength(before + 1);
  });

  it('PUT set_paid pays a pending order, but not an on-hold one (it does not need payment); a status change does', async () => {
    const pending = h.woo.orders.create({ ...simpleOrder, status: 'pending' });
    expect(pending).toMatchObject({ date_paid: null, needs_payment: true });
    const put = (id: number, body: unknown) => h.api(`/orders/${id}`, { method: 'PUT', body });
    const paid = (await (await put(pending.id, { set_paid: true, transaction_id: 'pi_77' })).json()) as Record<
      string,
      unknown
    >;
    expect(paid).toMatchObject({ status: 'processing', transaction_id: 'pi_77', date_paid_gmt: '2025-05-01T00:00:00' });

    const onHold = h.woo.orders.create({ ...simpleOrder, status: 'on-hold' });
    const ignored = (await (await put(onHold.id, { set_paid: true })).json()) as Record<string, unknown>;
    expect(ignored).toMatchObject({ status: 'on-hold', date_paid: null });
    later(5);
    const processing = (await (await put(onHold.id, { status: 'processing' })).json()) as Record<string, unknown>;
    expect(processing).toMatchObject({ status: 'processing', date_paid_gmt: '2025-05-01T00:05:00' });
  });

  it('POST /orders creates pending by default; set_paid completes the payment in the same request', async () => {
    const product = h.woo.products.create({ name: 'Harakeke kete', sku: 'KETE-1', price: '45.00' });
    const body = {
      payment_method: 'bacs',
      billing: { email: 'aroha@example.co.nz', country: 'NZ' },
      line_items: [{ product_id: product.id, quantity: 2 }],
      shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '6.50' }],
    };
    const created = (await (await h.api('/orders', { method: 'POST', body })).json()) as Record<string, unknown>;
    expect(created).toMatchObject({ status: 'pending', date_paid: null, total: '110.98', payment_method: 'bacs' });
    const paid = await h.api('/orders', { method: 'POST', body: { ...body, set_paid: true, transaction_id: 'T-1' } });
    expect(paid.status).toBe(201);
    expect(await paid.json()).toMatchObject({
      status: 'processing',
      transaction_id: 'T-1',
      date_paid_gmt: '2025-05-01T00:00:00',
    });
    const custom = await h.api('/orders', { method: 'POST', body: { line_items: [{ name: 'Custom', quantity: 1 }] } });
    expect(custom.status).toBe(400);
    expect(await custom.json()).toMatchObject({
      code: 'woocommerce_rest_required_product_reference',
      message: 'Product ID or SKU is required.',
    });
  });
});
