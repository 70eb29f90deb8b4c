import { SANDBOX_STORE_HOSTS as SANDBOX_HOSTS } from '../../sandbox/service-environment';
import { toFailure } from '../../activities/failures';
import { mappingSettingsSchema, type XeroOrgContext } from '../../lib/mapping';
import { planOrder, type PlannedOrder, type PlanOrderInput } from '../../lib/sync/plan-order';
import { previewOrder } from '../../lib/sync/preview-order';
import { createWooClient, type WooClient } from '../../lib/woocommerce/client';
import type { WooOrder } from '../../lib/woocommerce/order-schema';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';

const org: XeroOrgContext = {
  baseCurrency: 'NZD',
  taxRates: [
    { TaxType: 'OUTPUT2', EffectiveRate: 15, Status: 'ACTIVE' },
    { TaxType: 'NONE', EffectiveRate: 0, Status: 'ACTIVE' },
  ],
};

describe('planning an order reads its products’ categories only when accounts.byCategory is set', () => {
  let woo: WooSandbox;
  let client: WooClient;
  let order: WooOrder;
  let ids: { book: number; atlas: number; kete: number };

  beforeAll(async () => {
    woo = await startWooSandbox();
    client = createWooClient({
      storeUrl: woo.url,
      devHosts: SANDBOX_HOSTS,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    const book = woo.products.create({ name: 'Novel', sku: 'BOOK-1', price: 30, categories: ['Books'] });
    const atlas = woo.products.create({ name: 'Atlas', sku: 'BOOK-2', price: 50, categories: ['Maps', 'Books'] });
    const kete = woo.products.createVariable({
      name: 'Kete',
      categories: ['Weaving'],
      variations: [
        { sku: 'KETE-S', price: 40, attributes: [{ name: 'Size', option: 'S' }] },
        { sku: 'KETE-L', price: 60, attributes: [{ name: 'Size', option: 'L' }] },
      ],
    });
    const [small, large] = kete.variations;
    ids = { book: book.id, atlas: atlas.id, kete: kete.parent.id };
    const created = woo.orders.create({
      status: 'processing',
      billing: { first_name: 'Hemi', last_name: 'Walker', email: 'hemi@example.co.nz', country: 'NZ' },
      lineItems: [
        { productId: book.id, quantity: 1 },
        { productId: atlas.id, quantity: 1 },
        { productId: book.id, quantity: 2, name: 'Novel (gift wrapped)' },
        { variationId: small?.id, quantity: 1 },
        { variationId: large?.id, quantity: 1 },
        { name: 'Custom engraving', quantity: 1, price: 10 },
      ],
    });
    order = await client.getOrder(created.id);
  });
  afterAll(() => woo.close());
  afterEach(() => woo.faults.clear());

  /** Planning input for the order under `byCategory`, with a reader that records each product id it reads. */
  function input(byCategory: Record<string, string>, reader: Pick<WooClient, 'getProduct'> = client) {
    const asked: number[] = [];
    const settings = { version: 3, settings: mappingSettingsSchema.parse({ accounts: { byCategory } }) };
    const planInput: PlanOrderInput = {
      store: { id: 'store-1', url: woo.url },
      order,
      settings,
      orgContext: () => Promise.resolve(org),
      woo: { getProduct: (id) => (asked.push(id), reader.getProduct(id)) },
    };
    return { asked, planInput };
  }

  const accountsByDescription = (plan: PlannedOrder) =>
    plan.document.LineItems.map((line) => [line.Description, line.AccountCode]);

  it('reads each distinct line product once (a variation via its parent) and maps lines by category', async () => {
    const { asked, planInput } = input({ books: '260', weaving: '270' });
    const plan = (await planOrder(planInput)) as PlannedOrder;

    expect([...asked].sort((a, b) => a - b)).toEqual([ids.book, ids.atlas, ids.kete].sort((a, b) => a - b));
    expect(accountsByDescription(plan)).toEqual([
      ['Novel', '260'],
      ['Atlas', '260'],
      ['Novel (gift wrapped)', '260'],
      ['Kete – Size: S', '270'],
      ['Kete – Size: L', '270'],
      ['Custom engraving', '200'],
    ]);
    expect(plan.settingsVersion).toBe(3);
  });

  it('makes no WooCommerce call when byCategory is empty, and every line keeps the sales account', async () => {
    const { asked, planInput } = input({});
    const plan = (await planOrder(planInput)) as PlannedOrder;
    expect(asked).toEqual([]);
    expect(new Set(plan.document.LineItems.map((line) => line.AccountCode))).toEqual(new Set(['200']));
  });

  it('treats a product deleted from the store as having no categories', async () => {
    const deleted = { getProduct: (id: number) => (id === ids.book ? Promise.resolve(null) : client.getProduct(id)) };
    const { planInput } = input({ books: '260' }, deleted);
    const plan = (await planOrder(planInput)) as PlannedOrder;
    expect(plan.document.LineItems.map((line) => line.AccountCode)).toEqual(['200', '260', '200', '200', '200', '200']);
  });

  it('fails planning with the WooCommerce error, which the activity classifies as retryable', async () => {
    woo.faults.add({ path: new RegExp(`/products/${ids.atlas}$`), fault: { status: 503 } });
    const { planInput } = input({ books: '260' });
    const failure = await planOrder(planInput).catch((err: unknown) => err);
    expect(failure).toMatchObject({ name: 'WooApiError', status: 503 });
    expect(toFailure(failure)).toMatchObject({ type: 'WooApiError', nonRetryable: false });
  });

  it('previews through the same planning: the lines use the category accounts', async () => {
    const xero = { getContacts: () => Promise.resolve([]), getItemsByCode: () => Promise.resolve([]) };
    const { asked, planInput } = input({ weaving: '270' });
    const preview = await previewOrder({ ...planInput, xero });
    const lines = preview.documents[0]?.xero.Invoices as unknown as Array<{
      LineItems: Array<{ AccountCode: string }>;
    }>;
    expect(lines[0]?.LineItems.map((line) => line.AccountCode)).toEqual(['200', '200', '200', '270', '270', '200']);
    expect(asked).toHaveLength(3);
    expect(preview.warnings.filter((warning) => /categories/.test(warning))).toEqual([]);
  });
});
