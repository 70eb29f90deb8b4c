import { SANDBOX_STORE_HOSTS } from '../../sandbox/service-environment';
import { createWooClient, type WooClient } from '../../lib/woocommerce/client';
import { readAllTaxRates } from '../../lib/woocommerce/tax-rates';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';

describe('reading the tax rate table from the sandbox store', () => {
  let woo: WooSandbox;
  let client: WooClient;
  const RATES = Array.from({ length: 205 }, (_, index) => ({ rate: 5 + index / 100, name: `Rate ${index + 1}` }));
  beforeAll(async () => {
    woo = await startWooSandbox({ taxRates: RATES });
    client = createWooClient({
      storeUrl: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
      devHosts: SANDBOX_STORE_HOSTS,
    });
  });
  afterAll(() => woo.close());

  it('reads one page with its totals, the rate as WooCommerce writes it', async () => {
    const page = await client.listTaxRates({ page: 2, perPage: 100 });
    expect(page).toMatchObject({ total: 205, totalPages: 3 });
    expect(page.rates).toHaveLength(100);
    expect(page.rates[0]).toMatchObject({ id: 101, rate: '6.0000', name: 'Rate 101', class: 'standard' });
  });

  it('reads every page of a table longer than one page', async () => {
    const rates = await readAllTaxRates(client);
    expect(rates.map((rate) => rate.id)).toEqual(RATES.map((_, index) => index + 1));
  });
});
