import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WooOrder, wooOrderSchema } from '../../lib/woocommerce/order-schema';
import type { MappingContext } from '../../lib/mapping';

/** The official WooCommerce example order 727 as sent on the wire (test/fixtures/woocommerce, see SOURCE.md there). */
export function officialOrderJson(): Record<string, unknown> {
  const file = join(__dirname, '..', 'fixtures', 'woocommerce', 'order.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The official WooCommerce example order 727 (total 29.35; one 7.5% rate, id 75). */
export function officialOrder(): WooOrder {
  return wooOrderSchema.parse(officialOrderJson());
}

/** The fields every order needs, for building orders in tests. */
export function baseOrderFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 5001,
    parent_id: 0,
    number: '5001',
    order_key: 'wc_order_test',
    status: 'processing',
    currency: 'AUD',
    date_created: '2024-01-31T23:30:00',
    date_created_gmt: '2024-01-31T12:30:00',
    date_modified: null,
    date_modified_gmt: null,
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: '0.00',
    shipping_tax: '0.00',
    cart_tax: '0.00',
    total: '0.00',
    total_tax: '0.00',
    prices_include_tax: false,
    customer_id: 0,
    billing: { first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com', phone: '0400 000 000' },
    shipping: {},
    payment_method: 'bacs',
    payment_method_title: 'Direct bank transfer',
    line_items: [],
    ...overrides,
  };
}

/** Parses an order built from the base fields plus overrides. */
export function buildOrder(overrides: Record<string, unknown>): WooOrder {
  return wooOrderSchema.parse(baseOrderFields(overrides));
}

/** The hand-built example of the WooCommerce reference: coupon save10, a fee, 10% GST rate id 1 (total 70.95). */
export function handBuiltOrder(): WooOrder {
  return buildOrder({
    id: 5001,
    number: '5001',
    currency: 'AUD',
    discount_total: '5.50',
    discount_tax: '0.55',
    shipping_total: '10.00',
    shipping_tax: '1.00',
    cart_tax: '5.45',
    total: '70.95',
    total_tax: '6.45',
    line_items: [
      {
        id: 11,
        name: 'Mug',
        product_id: 101,
        variation_id: 0,
        quantity: 2,
        tax_class: '',
        subtotal: '40.00',
        subtotal_tax: '4.00',
        total: '36.00',
        total_tax: '3.60',
        taxes: [{ id: 1, total: '3.6', subtotal: '4' }],
        meta_data: [],
        sku: 'MUG-1',
        price: 18,
      },
      {
        id: 12,
        name: 'Scarf',
        product_id: 102,
        variation_id: 0,
        quantity: 1,
        tax_class: '',
        subtotal: '15.00',
        subtotal_tax: '1.50',
        total: '13.50',
        total_tax: '1.35',
        taxes: [{ id: 1, total: '1.35', subtotal: '1.5' }],
        meta_data: [],
        sku: 'SCF-1',
        price: 13.5,
      },
    ],
    tax_lines: [
      {
        id: 15,
        rate_code: 'AU-GST-1',
        rate_id: 1,
        label: 'GST',
        compound: false,
        tax_total: '5.45',
        shipping_tax_total: '1.00',
        rate_percent: 10,
      },
    ],
    shipping_lines: [
      {
        id: 13,
        method_title: 'Flat rate',
        method_id: 'flat_rate',
        total: '10.00',
        total_tax: '1.00',
        taxes: [{ id: 1, total: '1', subtotal: '' }],
      },
    ],
    fee_lines: [
      {
        id: 14,
        name: 'Handling',
        tax_class: '',
        tax_status: 'taxable',
        total: '5.00',
        total_tax: '0.50',
        taxes: [{ id: 1, total: '0.5', subtotal: '' }],
      },
    ],
    coupon_lines: [{ id: 16, code: 'save10', discount: '5.50', discount_tax: '0.55' }],
  });
}

/** A Xero organisation with NZ-style rates plus a 10% GST and a 7.5% US state rate. */
export function mappingContext(overrides: Partial<MappingContext> = {}): MappingContext {
  return {
    storeId: 'store-1',
    storeUrl: 'https://shop.example.com',
    org: {
      baseCurrency: 'AUD',
      taxRates: [
        { TaxType: 'OUTPUT2', EffectiveRate: 15, Status: 'ACTIVE' },
        { TaxType: 'NONE', EffectiveRate: 0, Status: 'ACTIVE' },
        { TaxType: 'GST10', EffectiveRate: 10, Status: 'ACTIVE' },
        { TaxType: 'TAX075', EffectiveRate: 7.5, Status: 'ACTIVE' },
        { TaxType: 'OLDRATE', EffectiveRate: 12.5, Status: 'DELETED' },
      ],
    },
    ...overrides,
  };
}
