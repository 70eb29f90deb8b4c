import {
  connectXero,
  createOrderWebhooks,
  registerStore,
  type RegisteredStore,
} from '../../scripts/support/onboard-store';
import { startWooSandbox, type CreateOrderInput, type WooSandbox } from '../../sandbox/woocommerce';
import { eventually } from '../support/ports';
import { STACK_OPERATOR_TOKEN, useTestStack } from '../support/stack';

const anOrder = (email: string): CreateOrderInput => ({
  status: 'processing',
  billing: { first_name: 'Hine', last_name: 'Two-Shops', email, country: 'NZ' },
  lineItems: [{ name: 'Woven kete', sku: 'KETE-1', quantity: 1, price: 55 }],
});

// Merchants connect several stores (or a staging and a live one) to one Xero organisation: each store's documents
// must stay its own, or one store's order is silently adopted onto the other's invoice and never reaches Xero.
describe('two stores connected to one Xero organisation', () => {
  const ctx = useTestStack();
  let second: WooSandbox;
  let storeB: RegisteredStore;

  beforeAll(async () => {
    second = await startWooSandbox();
  });
  afterAll(() => second?.close());

  const access = () => ({ url: second.url, consumerKey: second.consumerKey, consumerSecret: second.consumerSecret });
  const api = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    fetch(`${ctx.stack.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${init.token ?? STACK_OPERATOR_TOKEN}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  it('refuses to connect the second store while both would number documents WC-{number}, changing nothing', async () => {
    storeB = await registerStore(ctx.stack.apiUrl, STACK_OPERATOR_TOKEN, access());
    await expect(connectXero(ctx.stack.apiUrl, storeB)).rejects.toThrow(/HTTP 409.*numbering_conflict/s);
    await expect(connectXero(ctx.stack.apiUrl, storeB)).rejects.toThrow(/numbering\.prefix/);
    expect(await ctx.stack.services.repos.xeroConnections.get(storeB.id)).toBeNull();
  });

  it('connects it once it has its own prefix, and refuses settings that would collide again', async () => {
    const saved = await api(`/api/stores/${storeB.id}/settings`, {
      method: 'PUT',
      body: { numbering: { prefix: 'B-' } },
    });
    expect(saved.status).toBe(200);
    await connectXero(ctx.stack.apiUrl, storeB);
    expect(await ctx.stack.services.repos.xeroConnections.get(storeB.id)).toMatchObject({ status: 'connected' });

    const colliding = await api(`/api/stores/${storeB.id}/settings`, {
      method: 'PUT',
      body: { numbering: { prefix: 'WC-' } },
    });
    expect(colliding.status).toBe(400);
    const body = (await colliding.json()) as { error: { details: { fields: Array<{ field: string }> } } };
    expect(body.error.details.fields).toEqual([expect.objectContaining({ field: 'numbering.prefix' })]);
    const current = (await (await api(`/api/stores/${storeB.id}/settings`)).json()) as {
      settings: { numbering: { prefix: string } };
    };
    expect(current.settings.numbering.prefix).toBe('B-');
  });

  it('books the same order number of each store as two invoices, each adopted only by its own store after a lost response', async () => {
    await createOrderWebhooks(access(), storeB);
    ctx.stack.xero.faults.add({ method: 'PUT', path: /\/Invoices$/, count: 2, fault: { kind: 'commit-then-drop' } });
    const orderA = ctx.stack.woo.orders.create(anOrder('hine@shop-a.example'));
    const orderB = second.orders.create(anOrder('hine@shop-b.example'));
    expect(orderB.number).toBe(orderA.number);

    const ledger = ctx.stack.services.repos.ledger;
    const settled = (storeId: string, orderId: number) =>
      eventually(async () => {
        const entry = await ledger.get(storeId, orderId);
        return entry && entry.state !== 'pending' ? entry : undefined;
      }, 60_000);
    const [entryA, entryB] = await Promise.all([
      settled(ctx.stack.store.storeId, orderA.id),
      settled(storeB.id, orderB.id),
    ]);

    expect(entryA).toMatchObject({ state: 'synced', xeroDocumentNumber: `WC-${orderA.number}` });
    expect(entryB).toMatchObject({ state: 'synced', xeroDocumentNumber: `B-${orderB.number}` });
    expect(entryA.xeroDocumentId).not.toBe(entryB.xeroDocumentId);
    const live = ctx.stack.xero.state
      .invoices()
      .filter((invoice) => String(invoice.Reference).endsWith(`#${orderA.number}`) && invoice.Status !== 'VOIDED');
    expect(live.map((invoice) => invoice.InvoiceNumber).sort()).toEqual([`B-${orderB.number}`, `WC-${orderA.number}`]);
    // Both first answers were lost: each store found its own document again.
    const puts = ctx.stack.xero.state.requests(/\/Invoices$/).filter((call) => call.method === 'PUT');
    expect(puts.filter((call) => call.status === undefined)).toHaveLength(2);
  });
});
