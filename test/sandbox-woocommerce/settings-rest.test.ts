import type { ApiKey } from '../../sandbox/woocommerce';
import { basicAuth, startHarness, type Harness, wpError } from './support/receiver';

describe('settings and system status REST (reference §7)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ currency: 'CLP', decimals: 0, pricesIncludeTax: true, taxesEnabled: false });
  });
  afterAll(() => h.woo.close());

  it('lists the general group with option values as WooCommerce stores them (strings, yes/no)', async () => {
    const res = await h.api('/settings/general');
    expect(res.status).toBe(200);
    const options = (await res.json()) as Array<Record<string, unknown>>;
    const byId = new Map(options.map((option) => [option.id, option]));
    expect(byId.get('woocommerce_price_num_decimals')).toMatchObject({
      label: 'Number of decimals',
      type: 'number',
      default: '2',
      value: '0',
    });
    expect(byId.get('woocommerce_currency')).toMatchObject({ type: 'select', value: 'CLP' });
    expect((byId.get('woocommerce_currency')?.options as Record<string, string>).CLP).toMatch(
      /^Chilean peso \(.+\) — CLP$/,
    );
    expect(byId.get('woocommerce_calc_taxes')).toMatchObject({ type: 'checkbox', value: 'no' });
    expect(Object.keys(byId.get('woocommerce_price_thousand_sep') ?? {})).toEqual([
      'id',
      'label',
      'description',
      'type',
      'default',
      'tip',
      'value',
      '_links',
    ]);
    expect(options.some((option) => option.type === 'title' || option.type === 'sectionend')).toBe(false);
  });

  it('reads one option, and the tax group, with self and collection links', async () => {
    const one = (await (await h.api('/settings/tax/woocommerce_prices_include_tax')).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ id: 'woocommerce_prices_include_tax', type: 'radio', value: 'yes' });
    expect(one._links).toEqual({
      self: [{ href: `${h.woo.url}/wp-json/wc/v3/settings/tax/woocommerce_prices_include_tax` }],
      collection: [{ href: `${h.woo.url}/wp-json/wc/v3/settings/tax` }],
    });
    const tax = (await (await h.api('/settings/tax')).json()) as Array<{ id: string; value: unknown }>;
    expect(tax.find((option) => option.id === 'woocommerce_tax_round_at_subtotal')?.value).toBe('no');
  });

  it('answers unknown groups and options with WooCommerce 404s', async () => {
    const group = await h.api('/settings/nope');
    expect(group.status).toBe(404);
    expect(await group.json()).toEqual({
      code: 'rest_setting_setting_group_invalid',
      message: 'Invalid setting group.',
      data: { status: 404 },
    });
    const option = await h.api('/settings/general/woocommerce_nope');
    expect(await wpError(option)).toEqual({
      code: 'rest_setting_setting_invalid',
      message: 'Invalid setting.',
      data: { status: 404 },
    });
  });

  it('serves system_status with an integer number_of_decimals and the WooCommerce version', async () => {
    const status = (await (await h.api('/system_status')).json()) as {
      environment: Record<string, unknown>;
      settings: Record<string, unknown>;
    };
    expect(status.settings).toMatchObject({ currency: 'CLP', number_of_decimals: 0, api_enabled: true });
    expect(status.environment).toMatchObject({ home_url: h.woo.url, version: h.woo.settings.wcVersion });
  });

  it('refuses without a key (401) and for a key of a user who cannot manage WooCommerce (403)', async () => {
    const customer = h.woo.addApiKey('read_write', { role: 'customer' });
    const manager = h.woo.addApiKey('read', { role: 'shop_manager' });
    const as = (key: ApiKey, path: string) =>
      fetch(`${h.woo.url}/wp-json/wc/v3${path}`, {
        headers: { authorization: basicAuth(key.consumerKey, key.consumerSecret) },
      });
    for (const path of ['/settings/general', '/settings/tax/woocommerce_prices_include_tax', '/system_status']) {
      const anonymous = await fetch(`${h.woo.url}/wp-json/wc/v3${path}`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 401 },
      });
      const asCustomer = await as(customer, path);
      expect(asCustomer.status).toBe(403);
      expect(await asCustomer.json()).toEqual({
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 403 },
      });
      const asManager = await as(manager, path);
      expect(asManager.status).toBe(200);
    }
  });

  it('prices orders without taxes when taxes are disabled', () => {
    const order = h.woo.orders.create({
      billing: { country: 'NZ' },
      lineItems: [{ name: 'Kete', sku: 'K', quantity: 1, price: 4500 }],
    });
    expect(order).toMatchObject({ total_tax: '0', tax_lines: [] });
  });
});
