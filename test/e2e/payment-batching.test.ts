import { paymentEffectId } from '../../lib/lifecycle/order-payment';
import type { WirePayment } from '../../lib/xero/wire-types';
import { createHeldGate } from '../support/held-gate';
import { eventually } from '../support/ports';
import { useTestStack } from '../support/stack';
import { invoiceOf, paymentsOn, saveSettings, settledIn } from './order-life-support';

const WAITING_ORDERS = 5;
const billing = { first_name: 'Rawiri', last_name: 'Batch', email: 'rawiri@example.co.nz', country: 'NZ' };
const lineItems = [{ name: 'Harakeke kete', sku: 'KETE-1', quantity: 1, price: 80 }];

describe('payments batched while the organisation has no calls to spare', () => {
  // PUT /Payments waits for a permit until the test lets it go, as behind a saturated governor.
  const gate = createHeldGate((what) => what === 'PUT /Payments');
  const ctx = useTestStack({ gate });

  const paymentPuts = () =>
    ctx.stack.xero.state.requests(/^\/api\.xro\/2\.0\/Payments$/).filter((request) => request.method === 'PUT');
  const paymentsIn = (put: { rawBody: string }) => (JSON.parse(put.rawBody) as { Payments: WirePayment[] }).Payments;

  /** Card orders paid at checkout, each booked and its payment waiting (one request holds the only permit). */
  async function paidOrdersWaitingForCapacity(count: number) {
    gate.hold();
    const orders = Array.from({ length: count }, () =>
      ctx.stack.woo.orders.checkout({ paymentMethod: 'sandbox_card', billing, lineItems }),
    );
    const { storeId } = ctx.stack.store;
    await eventually(
      async () => {
        const attempts = await Promise.all(
          orders.map((order) => ctx.stack.services.repos.attempts.get(storeId, order.id, paymentEffectId(order))),
        );
        return gate.waiting() === 1 && attempts.every((attempt) => attempt?.lastOutcome === 'pending')
          ? true
          : undefined;
      },
      60_000,
      'every payment to wait for Xero capacity',
    );
    return orders;
  }

  beforeAll(async () => {
    gate.open();
    await saveSettings(ctx.stack, { payments: { record: true } });
    // An earlier order makes the contact, the item and the reference data known.
    const order = ctx.stack.woo.orders.checkout({ paymentMethod: 'sandbox_card', billing, lineItems });
    await settledIn(ctx.stack, order.id, 'paid');
  }, 120_000);

  afterEach(() => {
    gate.open();
    ctx.stack.xero.faults.clear();
  });

  it('pays waiting orders with fewer PUT /Payments than orders, each invoice paid once for its total', async () => {
    const orders = await paidOrdersWaitingForCapacity(WAITING_ORDERS);
    ctx.stack.xero.state.clearRequests();
    gate.open();
    for (const order of orders) await settledIn(ctx.stack, order.id, 'paid');
    const puts = paymentPuts();
    expect(puts.length).toBeLessThan(WAITING_ORDERS);
    expect(puts.flatMap(paymentsIn)).toHaveLength(WAITING_ORDERS);
    expect(puts.map((put) => put.query.summarizeErrors)).toContain('false');
    for (const order of orders) {
      const invoice = invoiceOf(ctx.stack, order.number);
      expect(invoice).toMatchObject({ Status: 'PAID', AmountDue: 0 });
      expect(paymentsOn(ctx.stack, invoice.InvoiceID)).toMatchObject([{ Amount: Number(order.total) }]);
    }
  }, 180_000);

  it('a lost batch answer: every payment is looked up by its reference and made exactly once', async () => {
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Payments$/, fault: { kind: 'commit-then-drop' } });
    const orders = await paidOrdersWaitingForCapacity(WAITING_ORDERS);
    gate.open();
    for (const order of orders) await settledIn(ctx.stack, order.id, 'paid');
    for (const order of orders) {
      const invoice = invoiceOf(ctx.stack, order.number);
      expect(paymentsOn(ctx.stack, invoice.InvoiceID)).toHaveLength(1);
    }
  }, 180_000);
});
