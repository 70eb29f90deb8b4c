import { validateXeroRequestBody } from '../contract/xero-spec-validator';
import { STACK_OPERATOR_TOKEN, useTestStack } from '../support/stack';
import { invoicesForOrder, waitForSyncToFinish } from './support';

const customer = {
  first_name: 'Mere',
  last_name: 'Tipene',
  email: 'mere@example.co.nz',
  address_1: '3 Tory Street',
  city: 'Wellington',
  postcode: '6011',
  country: 'NZ',
};
const lines = [
  { name: 'Pōhutukawa candle', sku: 'CANDLE-POHU', quantity: 2, price: 24.95 },
  { name: 'Flax & cotton tea towel', sku: 'TOWEL-FLAX', quantity: 1, price: 15.5 },
];

interface Preview {
  documents: Array<{ kind: 'invoice' | 'quote'; xero: Record<string, Array<Record<string, unknown>>> }>;
  warnings: string[];
  settingsVersion: number;
}

describe('settings through the API, order previews, and syncs that use the saved settings', () => {
  const ctx = useTestStack({ beforeStart: () => void validateXeroRequestBody('createInvoices', { Invoices: [] }) });

  /** Calls the API with the store's token (or the given one); resolves with status and JSON body. */
  async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
    const res = await fetch(`${ctx.stack.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token ?? ctx.stack.store.apiToken}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const previewPath = (orderId: number) => `/api/stores/${ctx.stack.store.storeId}/orders/${orderId}/preview`;
  const count = async (table: string) =>
    (await ctx.stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;

  /** Sets every WooCommerce webhook of the store to `status`, so creating orders starts (or does not start) syncs. */
  async function setWebhooks(status: 'active' | 'paused') {
    for (const webhook of ctx.stack.woo.webhooks.list()) await ctx.stack.woo.webhooks.update(webhook.id, { status });
  }

  it('previews a new order as the exact invoice request, valid for Xero, writing nothing anywhere', async () => {
    await setWebhooks('paused');
    const order = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: customer,
      shipping: customer,
      lineItems: lines,
    });
    const tables = ['store_settings', 'sync_ledger', 'xero_create_attempts', 'xero_connections'];
    const rowsBefore = await Promise.all(tables.map(count));
    const xeroLogBefore = ctx.stack.xero.state.requests().length;
    // One sentinel rule per write method: a WooCommerce write would use one up.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      ctx.stack.woo.faults.add({ method, fault: { latencyMs: 0 } });
    const orderBefore = JSON.stringify(ctx.stack.woo.orders.get(order.id));
    const notesBefore = JSON.stringify(ctx.stack.woo.notes(order.id));

    const { status, body } = await api(previewPath(order.id));
    expect(status).toBe(200);
    const preview = body as unknown as Preview;
    expect(preview.settingsVersion).toBe(0);
    expect(preview.documents).toHaveLength(1);
    const [document] = preview.documents;
    expect(document?.kind).toBe('invoice');
    expect(validateXeroRequestBody('createInvoices', document?.xero)).toEqual([]);
    const [invoice] = document?.xero.Invoices ?? [];
    expect(invoice).toMatchObject({
      Type: 'ACCREC',
      InvoiceNumber: `WC-${order.number}`,
      Reference: `WooCommerce order #${order.number}`,
      Status: 'AUTHORISED',
      Contact: { Name: 'Mere Tipene' },
    });
    expect(invoice?.LineItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ItemCode: 'CANDLE-POHU', Quantity: 2 }),
        expect.objectContaining({ ItemCode: 'TOWEL-FLAX', Quantity: 1 }),
      ]),
    );
    expect(preview.warnings).toEqual(
      expect.arrayContaining([
        'Xero has no contact for this customer yet; the sync will create "Mere Tipene"',
        'Item CANDLE-POHU does not exist in Xero yet; the sync will create it',
        'Item TOWEL-FLAX does not exist in Xero yet; the sync will create it',
      ]),
    );

    const xeroCalls = ctx.stack.xero.state.requests().slice(xeroLogBefore);
    expect(xeroCalls.length).toBeGreaterThan(0);
    expect(xeroCalls.filter((call) => call.method !== 'GET')).toEqual([]);
    expect(ctx.stack.woo.faults.pending()).toBe(4);
    ctx.stack.woo.faults.clear();
    expect(JSON.stringify(ctx.stack.woo.orders.get(order.id))).toBe(orderBefore);
    expect(JSON.stringify(ctx.stack.woo.notes(order.id))).toBe(notesBefore);
    expect(await Promise.all(tables.map(count))).toEqual(rowsBefore);
    expect(rowsBefore[0]).toBe(0); // the defaults were not pinned by the preview
    expect(invoicesForOrder(ctx.stack, order.number)).toEqual([]);

    // The sync sends byte for byte the request the preview showed: the new customer's contact inside the invoice.
    await setWebhooks('active');
    ctx.stack.woo.orders.update(order.id, { customerNote: 'Leave at the door' });
    const entry = await waitForSyncToFinish(ctx.stack, order.id);
    expect(entry).toMatchObject({ state: 'synced', settingsVersion: 1, xeroDocumentNumber: `WC-${order.number}` });
    const [put] = ctx.stack.xero.state
      .requests(/\/Invoices$/)
      .filter((call) => call.method === 'PUT' && call.rawBody.includes(`#${order.number}"`));
    expect(put?.rawBody).toBe(JSON.stringify(document?.xero));

    // Once synced, the preview names the contact the sync created, and is otherwise the same request.
    const again = (await api(previewPath(order.id))).body as unknown as Preview;
    const [created] = ctx.stack.xero.state.contacts().filter((contact) => contact.EmailAddress === customer.email);
    const [sent] = (JSON.parse(put?.rawBody ?? '{}') as { Invoices: Array<Record<string, unknown>> }).Invoices;
    expect(again.documents[0]?.xero).toEqual({ Invoices: [{ ...sent, Contact: { ContactID: created?.ContactID } }] });
    expect(again.warnings.filter((warning) => /will create/.test(warning))).toEqual([]);
    expect(again.settingsVersion).toBe(1);
  });

  it('syncs with settings changed through the API: the number prefix, and on-hold orders as quotes', async () => {
    const saved = await api(`/api/stores/${ctx.stack.store.storeId}/settings`, {
      method: 'PUT',
      body: { numbering: { prefix: 'SHOP-' }, documentRules: [{ statuses: ['on-hold'], documentType: 'quote' }] },
    });
    expect(saved.status).toBe(200);
    const version = saved.body.version as number;
    expect(version).toBe(2);

    const invoiceOrder = ctx.stack.woo.orders.create({ status: 'processing', billing: customer, lineItems: lines });
    const quoteOrder = ctx.stack.woo.orders.create({
      status: 'on-hold',
      billing: customer,
      lineItems: lines.slice(0, 1),
    });
    const [invoiceEntry, quoteEntry] = await Promise.all([
      waitForSyncToFinish(ctx.stack, invoiceOrder.id),
      waitForSyncToFinish(ctx.stack, quoteOrder.id),
    ]);

    expect(invoiceEntry).toMatchObject({
      state: 'synced',
      documentKind: 'invoice',
      settingsVersion: version,
      xeroDocumentNumber: `SHOP-${invoiceOrder.number}`,
    });
    expect(invoicesForOrder(ctx.stack, invoiceOrder.number)).toEqual([
      expect.objectContaining({ InvoiceNumber: `SHOP-${invoiceOrder.number}` }),
    ]);

    expect(quoteEntry).toMatchObject({ state: 'synced', documentKind: 'quote', settingsVersion: version });
    expect(invoicesForOrder(ctx.stack, quoteOrder.number)).toEqual([]);
    const quotes = ctx.stack.xero.state
      .quotes()
      .filter((quote) => String(quote.Reference).endsWith(`#${quoteOrder.number}`));
    expect(quotes).toEqual([expect.objectContaining({ QuoteNumber: `SHOP-${quoteOrder.number}` })]);
    expect(Number(quotes[0]?.Total)).toBeCloseTo(Number(quoteOrder.total), 10);

    const preview = (await api(previewPath(quoteOrder.id))).body as unknown as Preview;
    expect(preview.settingsVersion).toBe(version);
    expect(preview.documents.map((document) => document.kind)).toEqual(['quote']);
    expect(validateXeroRequestBody('createQuotes', preview.documents[0]?.xero)).toEqual([]);
  });

  it('previews an order the settings do not sync as no documents, with the reason', async () => {
    const order = ctx.stack.woo.orders.create({ status: 'pending', billing: customer, lineItems: lines });
    const { status, body } = await api(previewPath(order.id));
    expect(status).toBe(200);
    expect(body).toEqual({
      documents: [],
      warnings: [expect.stringMatching(/^Not synced: status "pending" is not one of the statuses synced to Xero/)],
      settingsVersion: 2,
    });
  });

  it('answers 404 for an unknown order, 502 when WooCommerce fails, 422 for a mapping error', async () => {
    await setWebhooks('paused'); // no sync may take the injected fault meant for the preview
    const missing = await api(previewPath(999_999));
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });

    const order = ctx.stack.woo.orders.create({ status: 'processing', billing: customer, lineItems: lines });
    ctx.stack.woo.faults.add({ method: 'GET', path: new RegExp(`/orders/${order.id}$`), fault: { status: 503 } });
    const failed = await api(previewPath(order.id));
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ code: 'woocommerce_unavailable' });
    expect((failed.body.error as { message: string }).message).toMatch(/^The store's WooCommerce API failed: .*503/);
    expect(JSON.stringify(failed.body)).not.toContain(ctx.stack.woo.consumerSecret);
    expect(JSON.stringify(failed.body)).not.toContain(ctx.stack.woo.consumerKey);

    await api(`/api/stores/${ctx.stack.store.storeId}/settings`, {
      method: 'PUT',
      body: { taxes: { taxed: 'NOSUCHTAX' } },
    });
    const unmappable = await api(previewPath(order.id));
    expect(unmappable.status).toBe(422);
    expect(unmappable.body.error).toMatchObject({ code: 'mapping_error' });
    expect((unmappable.body.error as { message: string }).message).toContain('NOSUCHTAX');
  });

  it('answers 409 for a store without a Xero connection, and 403 for another store’s token', async () => {
    const res = await fetch(`${ctx.stack.apiUrl}/api/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STACK_OPERATOR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: ctx.stack.woo.url,
        consumerKey: ctx.stack.woo.consumerKey,
        consumerSecret: 'cs_other',
      }),
    });
    const other = (await res.json()) as { id: string; apiToken: string };
    const order = ctx.stack.woo.orders.create({ status: 'processing', billing: customer, lineItems: lines });

    const unconnected = await api(`/api/stores/${other.id}/orders/${order.id}/preview`, { token: other.apiToken });
    expect(unconnected).toEqual({
      status: 409,
      body: {
        error: {
          code: 'xero_not_connected',
          message: 'Connect Xero to this store before previewing its orders.',
        },
      },
    });
    const foreign = await api(previewPath(order.id), { token: other.apiToken });
    expect(foreign.status).toBe(403);
  });
});
