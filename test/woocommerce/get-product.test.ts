import { SANDBOX_STORE_HOSTS as SANDBOX_HOSTS } from '../../sandbox/service-environment';
import { createWooClient, type WooClient } from '../../lib/woocommerce/client';
import { WooApiError } from '../../lib/woocommerce/errors';
import { readProductCategories } from '../../lib/woocommerce/product-categories';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';

describe('reading products and their categories by id from the sandbox store', () => {
  let woo: WooSandbox;
  let client: WooClient;
  beforeAll(async () => {
    woo = await startWooSandbox();
    client = createWooClient({
      storeUrl: woo.url,
      devHosts: SANDBOX_HOSTS,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
  });
  afterAll(() => woo.close());
  afterEach(() => woo.faults.clear());

  /** The client, with the product ids it was asked for recorded in order. */
  function countingClient(): { reader: Pick<WooClient, 'getProduct'>; asked: number[] } {
    const asked: number[] = [];
    return { asked, reader: { getProduct: (id) => (asked.push(id), client.getProduct(id)) } };
  }

  it('returns a product with its categories, a variation with its parent’s, and null for an unknown id', async () => {
    const book = woo.products.create({ name: 'Te Reo primer', sku: 'BOOK-REO', price: 35, categories: ['Books'] });
    const { variations } = woo.products.createVariable({
      name: 'Poster',
      categories: ['Art prints', 'Books'],
      variations: [{ sku: 'POSTER-A2', price: 20, attributes: [{ name: 'Size', option: 'A2' }] }],
    });

    expect(await client.getProduct(book.id)).toMatchObject({
      id: book.id,
      sku: 'BOOK-REO',
      type: 'simple',
      categories: [{ id: expect.any(Number), name: 'Books', slug: 'books' }],
    });
    const variation = await client.getProduct(variations[0]?.id ?? 0);
    expect(variation?.type).toBe('variation');
    expect(variation?.categories.map((category) => category.slug)).toEqual(['art-prints', 'books']);
    expect(await client.getProduct(999_999)).toBeNull();
    await expect(client.getProduct(0)).rejects.toThrow(RangeError);
  });

  it('throws a retryable WooApiError when the store fails, and a non-retryable one for a 404 that is no product', async () => {
    const mug = woo.products.create({ name: 'Mug', price: 12 });
    woo.faults.add({ path: new RegExp(`/products/${mug.id}$`), fault: { status: 503 } });
    const failed = await client.getProduct(mug.id).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(WooApiError);
    expect(failed).toMatchObject({ status: 503, retryable: true });

    const wrongSite = createWooClient({
      storeUrl: `${woo.url}/not-the-shop`,
      devHosts: SANDBOX_HOSTS,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    const missingRoute = await wrongSite.getProduct(mug.id).catch((err: unknown) => err);
    expect(missingRoute).toBeInstanceOf(WooApiError);
    expect(missingRoute).toMatchObject({ status: 404, retryable: false });
  });

  it('reads each distinct line product once, skipping deleted ones, and maps ids to category slugs', async () => {
    const book = woo.products.create({ name: 'Atlas', price: 60, categories: ['Books', 'Maps'] });
    const candle = woo.products.create({ name: 'Candle', price: 25 });
    const { asked, reader } = countingClient();
    const lines = [book.id, candle.id, book.id, 0, 999_998].map((product_id) => ({ product_id }));

    expect(await readProductCategories(reader, lines)).toEqual({
      [book.id]: ['books', 'maps'],
      [candle.id]: ['uncategorized'],
      999998: [],
    });
    expect([...asked].sort((a, b) => a - b)).toEqual([book.id, candle.id, 999_998].sort((a, b) => a - b));
    expect(await readProductCategories(reader, [{ product_id: 0 }])).toEqual({});
    expect(asked).toHaveLength(3);
  });

  it('fails the whole read when one product read fails', async () => {
    const first = woo.products.create({ name: 'First', price: 1, categories: ['Books'] });
    const second = woo.products.create({ name: 'Second', price: 2 });
    woo.faults.add({ path: new RegExp(`/products/${second.id}$`), fault: { status: 500 } });
    const lines = [{ product_id: first.id }, { product_id: second.id }];
    await expect(readProductCategories(client, lines)).rejects.toMatchObject({ status: 500, retryable: true });
  });
});
