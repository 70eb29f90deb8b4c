import type { WooClient } from './client';
import type { WooTaxRate } from './tax-rate-schema';

/** The one client call reading the tax rate table needs. */
export type TaxRateReader = Pick<WooClient, 'listTaxRates'>;

/** The largest page WooCommerce serves. */
const PAGE_SIZE = 100;

/** The store's whole tax rate table, page by page until `X-WP-TotalPages` is reached. */
export async function readAllTaxRates(client: TaxRateReader): Promise<WooTaxRate[]> {
  const rates: WooTaxRate[] = [];
  for (let page = 1; ; page += 1) {
    const result = await client.listTaxRates({ page, perPage: PAGE_SIZE });
    rates.push(...result.rates);
    if (page >= result.totalPages || result.rates.length === 0) return rates;
  }
}
