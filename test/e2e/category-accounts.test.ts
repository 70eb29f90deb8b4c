import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForSyncToFinish } from './support';

const customer = {
  first_name: 'Ana',
  last_name: 'Pereira',
  email: 'ana@example.co.nz',
  address_1: '12 Cuba Street',
  city: 'Wellington',
  postcode: '6011',
  country: 'NZ',
};

describe('accounts.byCategory end to end: product categories read from WooCommerce choose the sales account', () => {
  const ctx = useTestStack();

  it('syncs lines of a `books` product (and its variations) to account 260 while other lines stay on 200', async () => {
    const saved = await fetch(`${ctx.stack.apiUrl}/api/stores/${ctx.stack.store.storeId}/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ctx.stack.store.apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ accounts: { byCategory: { books: '260' } } }),
    });
    expect(saved.status).toBe(200);
    const { version } = (await saved.json()) as { version: number };

    const novel = ctx.stack.woo.products.create({
      name: 'Bone People',
      sku: 'BOOK-BONE',
      price: 32,
      categories: ['Books'],
    });
    const candle = ctx.stack.woo.products.create({ name: 'Kawakawa candle', sku: 'CANDLE-KAWA', price: 24.95 });
    const journal = ctx.stack.woo.products.createVariable({
      name: 'Journal',
      categories: ['Stationery', 'Books'],
      variations: [{ sku: 'JOURNAL-A5', price: 18, attributes: [{ name: 'Size', option: 'A5' }] }],
    });
    expect(ctx.stack.woo.products.get(candle.id)?.categories.map((category) => category.slug)).toEqual([
      'uncategorized',
    ]);

    const order = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: customer,
      shipping: customer,
      lineItems: [
        { productId: novel.id, quantity: 1 },
        { productId: candle.id, quantity: 2 },
        { variationId: journal.variations[0]?.id, quantity: 1 },
      ],
    });
    const entry = await waitForSyncToFinish(ctx.stack, order.id);
    expect(entry).toMatchObject({ state: 'synced', documentKind: 'invoice', settingsVersion: version });

    const [invoice] = invoicesForOrder(ctx.stack, order.number);
    const lines = (invoice?.LineItems ?? []) as Array<{ ItemCode?: string; AccountCode?: string }>;
    expect(lines.map((line) => [line.ItemCode, line.AccountCode])).toEqual([
      ['BOOK-BONE', '260'],
      ['CANDLE-KAWA', '200'],
      ['JOURNAL-A5', '260'],
    ]);
    expect(Number(invoice?.Total)).toBeCloseTo(Number(order.total), 10);

    // The preview reads the same categories and shows the same accounts.
    const preview = await fetch(
      `${ctx.stack.apiUrl}/api/stores/${ctx.stack.store.storeId}/orders/${order.id}/preview`,
      { headers: { authorization: `Bearer ${ctx.stack.store.apiToken}` } },
    );
    const body = (await preview.json()) as { documents: Array<{ xero: { Invoices: (typeof lines)[] } }> };
    const previewLines = body.documents[0]?.xero.Invoices[0] as unknown as { LineItems: typeof lines };
    expect(previewLines.LineItems.map((line) => line.AccountCode)).toEqual(['260', '200', '260']);
  });
});
