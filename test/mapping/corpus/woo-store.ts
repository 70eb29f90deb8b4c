import { IdSequences } from '../../../sandbox/woocommerce/ids';
import { NoteStore } from '../../../sandbox/woocommerce/note-store';
import { type CreateOrderInput, OrderStore } from '../../../sandbox/woocommerce/order-store';
import { ProductStore } from '../../../sandbox/woocommerce/product-store';
import type { StoreSettings } from '../../../sandbox/woocommerce/settings';
import type { TaxRate } from '../../../sandbox/woocommerce/tax-rates';
import { type WooOrder, wooOrderSchema } from '../../../lib/woocommerce/order-schema';

/** How a corpus store is set up: its currency, decimals and tax options (the rate table is shared). */
export interface StoreProfile {
  currency: string;
  decimals: number;
  pricesIncludeTax: boolean;
  roundTaxAtSubtotal: boolean;
  country: string;
}

/** The typical store: NZD, 2 decimals, prices without tax, tax rounded per line. */
export const NZ_STORE: StoreProfile = {
  currency: 'NZD',
  decimals: 2,
  pricesIncludeTax: false,
  roundTaxAtSubtotal: false,
  country: 'NZ',
};

function rate(id: number, fields: Partial<TaxRate> & Pick<TaxRate, 'rate' | 'country' | 'name'>): TaxRate {
  return { id, state: '', priority: 1, compound: false, shipping: true, taxClass: '', order: id, ...fields };
}

/** WooCommerce rate ids of the corpus stores and the Xero tax type each maps to. */
export const WOO_TAX_RATES: TaxRate[] = [
  rate(1, { rate: 15, country: 'NZ', name: 'GST' }),
  rate(3, { rate: 10, country: 'AU', name: 'GST' }),
  rate(4, { rate: 7.5, country: 'US', state: 'CA', name: 'State Tax', shipping: false }),
  rate(5, { rate: 20, country: 'GB', name: 'VAT' }),
  rate(6, { rate: 5, country: 'GB', name: 'Reduced VAT', taxClass: 'reduced-rate' }),
  rate(7, { rate: 10, country: 'JP', name: 'Consumption tax' }),
  rate(8, { rate: 19, country: 'CL', name: 'IVA' }),
  rate(9, { rate: 0, country: 'NZ', name: 'Zero', taxClass: 'zero-rate' }),
  rate(11, { rate: 15, country: 'NZ', name: 'GST', taxClass: 'levy-rate' }),
  rate(12, { rate: 2, country: 'NZ', name: 'Levy', taxClass: 'levy-rate', priority: 2, compound: true }),
  rate(13, { rate: 8.875, country: 'US', state: 'NY', name: 'NYC Sales Tax' }),
];

/** The settings' `taxes.byWooRateId` for the corpus stores. */
export const CORPUS_RATE_MAP: Record<string, string> = {
  '1': 'OUTPUT2',
  '3': 'GST10',
  '4': 'TAX075',
  '5': 'VAT20',
  '6': 'VAT5',
  '7': 'GST10',
  '8': 'IVA19',
  '11+12': 'TAX001',
  '13': 'TAX8875',
};

// One id sequence for every corpus store, so order numbers (and so invoice numbers) never repeat across stores.
const SHARED_IDS = new IdSequences();

/** A fake WooCommerce store (the sandbox's order store and total calculator) that hands out parsed REST orders. */
export class CorpusStore {
  readonly products: ProductStore;
  private readonly orders: OrderStore;

  constructor(profile: StoreProfile) {
    const ids = SHARED_IDS;
    const now = () => new Date(Date.UTC(2024, 2, 15, 1, 30));
    const settings: StoreSettings = {
      url: 'https://shop.example.com',
      currency: profile.currency,
      decimals: profile.decimals,
      pricesIncludeTax: profile.pricesIncludeTax,
      roundTaxAtSubtotal: profile.roundTaxAtSubtotal,
      utcOffsetMinutes: 780,
      baseLocation: { country: profile.country, state: '' },
      taxClasses: ['reduced-rate', 'zero-rate', 'levy-rate'],
      taxRates: WOO_TAX_RATES,
      wcVersion: '9.0.0',
      wpVersion: '6.5',
      now,
    };
    this.products = new ProductStore(ids, now, () => undefined);
    this.orders = new OrderStore(settings, ids, this.products, new NoteStore(ids, now), () => undefined);
  }

  /** Creates an order with WooCommerce's totals and returns it as the REST API (and our client) would. */
  order(input: CreateOrderInput): WooOrder {
    return wooOrderSchema.parse(JSON.parse(JSON.stringify(this.orders.create(input))));
  }
}
