import { storeFactsFromSettings } from '../../lib/woocommerce/store-facts';
import { caught } from './caught-woo-error';

describe('storeFactsFromSettings', () => {
  const general = [
    { id: 'woocommerce_currency', value: 'NZD' },
    { id: 'woocommerce_price_num_decimals', value: '2' },
    { id: 'woocommerce_calc_taxes', value: 'yes' },
  ];
  const tax = [
    { id: 'woocommerce_prices_include_tax', value: 'no' },
    { id: 'woocommerce_tax_round_at_subtotal', value: 'yes' },
  ];

  it('turns the stored strings into facts', () => {
    expect(storeFactsFromSettings({ general, tax })).toEqual({
      currency: 'NZD',
      decimals: 2,
      pricesIncludeTax: false,
      taxesEnabled: true,
      roundTaxAtSubtotal: true,
    });
  });

  it('refuses a missing option or a value that is not what WooCommerce stores', async () => {
    const missing = await caught(
      Promise.resolve().then(() => storeFactsFromSettings({ general: general.slice(1), tax })),
    );
    expect(missing).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(missing.message).toContain('woocommerce_currency is missing');
    const odd = await caught(
      Promise.resolve().then(() =>
        storeFactsFromSettings({ general, tax: [tax[0], { id: 'woocommerce_tax_round_at_subtotal', value: true }] }),
      ),
    );
    expect(odd.message).toContain('woocommerce_tax_round_at_subtotal has an unexpected value');
  });
});
