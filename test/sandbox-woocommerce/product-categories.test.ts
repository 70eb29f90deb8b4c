import { startHarness, type Harness } from './support/receiver';

describe('product categories on the REST product (reference §3)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.woo.close());

  /** `GET /products/{id}` as parsed JSON. */
  async function product(id: number): Promise<Record<string, unknown>> {
    const res = await h.api(`/products/${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('lists a product’s categories as { id, name, slug }, one term per slug shared between products', async () => {
    const novel = h.woo.products.create({ name: 'Novel', price: 30, categories: ['Books', 'Gift Ideas'] });
    const atlas = h.woo.products.create({ name: 'Atlas', price: 55, categories: ['books'] });
    const novelJson = await product(novel.id);
    const atlasJson = await product(atlas.id);

    expect(novelJson.categories).toEqual([
      { id: expect.any(Number), name: 'Books', slug: 'books' },
      { id: expect.any(Number), name: 'Gift Ideas', slug: 'gift-ideas' },
    ]);
    const [books, gifts] = novelJson.categories as Array<{ id: number }>;
    expect(books?.id).not.toBe(gifts?.id);
    expect(atlasJson.categories).toEqual([{ id: books?.id, name: 'Books', slug: 'books' }]);
  });

  it('files a product without categories under Uncategorized, as WordPress does', async () => {
    const mug = h.woo.products.create({ name: 'Mug', price: 12 });
    expect((await product(mug.id)).categories).toEqual([{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }]);
  });

  it('shows a variation with its parent’s categories, and the list endpoint carries them too', async () => {
    const { parent, variations } = h.woo.products.createVariable({
      name: 'Kete',
      categories: ['Weaving'],
      variations: [{ sku: 'KETE-CAT-S', price: 40, attributes: [{ name: 'Size', option: 'S' }] }],
    });
    const expected = [{ id: expect.any(Number), name: 'Weaving', slug: 'weaving' }];
    expect((await product(parent.id)).categories).toEqual(expected);
    expect((await product(variations[0]?.id ?? 0)).categories).toEqual(expected);
    const bySku = (await (await h.api('/products?sku=KETE-CAT-S')).json()) as Array<Record<string, unknown>>;
    expect(bySku.map((listed) => listed.categories)).toEqual([expected]);
    expect(h.woo.products.get(parent.id)?.categories).toEqual(expected);
  });
});
