import { taxRate } from '../../sandbox/xero/seed';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForLedger, waitForSyncToFinish } from './support';

// A Canadian store (GST everywhere, compound QST in Quebec, HST in Ontario) on an organisation whose default sales
// tax is not any of them: taxed orders fail until the rates are mapped; the suggested mapping makes them book.
const RATES = [
  { id: 1, rate: 5, name: 'GST', country: 'CA', priority: 1 },
  { id: 2, rate: 9.975, name: 'QST', country: 'CA', state: 'QC', priority: 2, compound: true },
  { id: 3, rate: 13, name: 'HST', country: 'CA', state: 'ON', priority: 1 },
];

const person = (first: string, state: string, city: string) => ({
  first_name: first,
  last_name: 'Tremblay',
  email: `${first.toLowerCase()}@example.ca`,
  address_1: '1 Rue Principale',
  city,
  state,
  postcode: 'H2X 1Y4',
  country: 'CA',
});

interface TaxMappingBody {
  settingsVersion: number;
  wooTaxRates: Array<{ id: number; rate: string }>;
  xeroTaxRates: Array<{ TaxType: string }>;
  mapping: { taxed: string; byWooRateId: Record<string, string> };
  suggestions: Array<{ key: string; taxType: string | null; effectiveRate: string; reason: string }>;
}

describe('mapping WooCommerce tax rates to Xero from the suggestions', () => {
  const ctx = useTestStack({
    woo: { currency: 'CAD', baseLocation: { country: 'CA', state: 'QC' }, taxRates: RATES },
    xero: {
      tenants: [
        {
          name: 'Érablière Tremblay Inc.',
          baseCurrency: 'CAD',
          customize: (reference) => {
            reference.taxRates.push(
              taxRate('GST5', 'GST on Sales', 'OUTPUT', [{ Name: 'GST', Rate: 5 }]),
              taxRate('GSTQST', 'GST/QST on Sales', 'OUTPUT', [
                { Name: 'GST', Rate: 5 },
                { Name: 'QST', Rate: 9.975, IsCompound: true },
              ]),
              taxRate('HST13', 'HST on Sales (ON)', 'OUTPUT', [{ Name: 'HST', Rate: 13 }]),
            );
          },
        },
      ],
    },
  });

  async function api(path: string, method = 'GET') {
    const res = await fetch(`${ctx.stack.apiUrl}/api/stores/${ctx.stack.store.storeId}${path}`, {
      method,
      headers: { authorization: `Bearer ${ctx.stack.store.apiToken}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  const order = (first: string, state: string, city: string) =>
    ctx.stack.woo.orders.create({
      status: 'processing',
      billing: person(first, state, city),
      shipping: person(first, state, city),
      lineItems: [{ name: 'Maple syrup 1 L', sku: 'SYRUP-1L', quantity: 3, price: 18.95 }],
      shippingLines: [{ methodTitle: 'Postes Canada', total: 12.5 }],
    });

  it('fails a taxed order until mapped, suggests a Xero rate per rate, and books orders after applying', async () => {
    const before = order('Marie', 'QC', 'Montréal');
    const failed = await waitForLedger(ctx.stack, before.id);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/map WooCommerce tax rate 1\+2 to a Xero tax type/);

    const read = await api('/tax-mapping');
    expect(read.status).toBe(200);
    const view = read.body as unknown as TaxMappingBody;
    expect(view.wooTaxRates.map((rate) => [rate.id, rate.rate])).toEqual([
      [1, '5.0000'],
      [2, '9.9750'],
      [3, '13.0000'],
    ]);
    expect(view.xeroTaxRates.map((rate) => rate.TaxType)).toEqual(expect.arrayContaining(['GST5', 'GSTQST', 'HST13']));
    expect(view.mapping.byWooRateId).toEqual({});
    expect(view.suggestions.map(({ key, taxType, effectiveRate }) => ({ key, taxType, effectiveRate }))).toEqual([
      { key: '1', taxType: 'GST5', effectiveRate: '5.0000' },
      { key: '1+2', taxType: 'GSTQST', effectiveRate: '15.4738' },
      { key: '3', taxType: 'HST13', effectiveRate: '13.0000' },
    ]);

    const applied = await api('/tax-mapping/apply', 'POST');
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toEqual({ '1': 'GST5', '1+2': 'GSTQST', '3': 'HST13' });
    expect(applied.body.settingsVersion).toBeGreaterThan(view.settingsVersion);
    const settings = await api('/settings');
    expect(settings.body).toMatchObject({
      version: applied.body.settingsVersion,
      settings: { taxes: { byWooRateId: { '1': 'GST5', '1+2': 'GSTQST', '3': 'HST13' } } },
    });
    const after = (await api('/tax-mapping')).body as unknown as TaxMappingBody;
    expect(after.suggestions).toEqual([]);
    expect((await api('/tax-mapping/apply', 'POST')).status).toBe(409);

    for (const [first, state, city, taxType] of [
      ['Luc', 'QC', 'Québec', 'GSTQST'],
      ['Ava', 'ON', 'Toronto', 'HST13'],
      ['Noah', 'AB', 'Calgary', 'GST5'],
    ] as const) {
      const booked = order(first, state, city);
      const entry = await waitForSyncToFinish(ctx.stack, booked.id);
      expect(entry).toMatchObject({ state: 'synced', settingsVersion: applied.body.settingsVersion });
      const [invoice] = invoicesForOrder(ctx.stack, booked.number);
      expect(Number(invoice?.Total)).toBe(Number(booked.total));
      const lines = (invoice?.LineItems ?? []) as Array<{ TaxType: string }>;
      expect(lines.map((line) => line.TaxType)).toEqual([taxType, taxType]);
    }
  }, 180_000);
});
