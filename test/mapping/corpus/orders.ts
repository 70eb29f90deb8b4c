import type { CreateOrderInput, OrderLineInput } from '../../../sandbox/woocommerce/order-store';
import type { MappingSettingsInput, XeroDocumentPlan } from '../../../lib/mapping';
import type { WooOrder } from '../../../lib/woocommerce/order-schema';
import { type CorpusStore, NZ_STORE, type StoreProfile } from './woo-store';
import { WOO_THEME_ID } from './xero-org';

/** One realistic order of the golden corpus: how the store is set up, the order, the settings, and what to check. */
export interface CorpusCase {
  name: string;
  profile?: StoreProfile;
  order: (store: CorpusStore) => CreateOrderInput;
  settings?: MappingSettingsInput;
  /** Category slugs per product id (`ctx.productCategories`), once the order's product ids are known. */
  categories?: (order: WooOrder) => Record<number, string[]>;
  /** Rule-specific expectations on the plan (the shared ones are in corpus.test.ts). */
  check?: (plan: XeroDocumentPlan, order: WooOrder) => void;
}

const AU: StoreProfile = { ...NZ_STORE, currency: 'AUD', country: 'AU' };
const AU_SUBTOTAL: StoreProfile = { ...AU, roundTaxAtSubtotal: true };
const NZ_INCLUSIVE: StoreProfile = { ...NZ_STORE, pricesIncludeTax: true };
const GB: StoreProfile = { ...NZ_STORE, currency: 'GBP', country: 'GB' };
const US: StoreProfile = { ...NZ_STORE, currency: 'USD', country: 'US' };
const JP: StoreProfile = { ...NZ_STORE, currency: 'JPY', decimals: 0, country: 'JP', pricesIncludeTax: true };
const CL: StoreProfile = { ...NZ_STORE, currency: 'CLP', decimals: 0, country: 'CL' };
const KW: StoreProfile = { ...NZ_STORE, currency: 'KWD', decimals: 3, country: 'NZ' };

const customer = (first: string, last: string, country: string, more: Record<string, unknown> = {}) => ({
  billing: {
    first_name: first,
    last_name: last,
    email: `${first}.${last}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
    phone: '+64 21 555 0100',
    address_1: '12 Harbour View Rd',
    city: 'Wellington',
    postcode: '6011',
    country,
    ...more,
  },
});
const jane = customer('Jane', 'Doe', 'NZ');
const line = (sku: string, price: number, quantity = 1, more: Partial<OrderLineInput> = {}): OrderLineInput => ({
  name: `Product ${sku}`,
  sku,
  price,
  quantity,
  ...more,
});
const courier = (total: number, taxable = true) => [{ methodTitle: 'NZ Post Courier', total, taxable }];

function expectLine(plan: XeroDocumentPlan, index: number, fields: Record<string, unknown>): void {
  expect(plan.document.LineItems[index]).toMatchObject(fields);
}

/** The golden corpus: at least 40 orders covering every mapping rule and the hard cases. */
export const CORPUS: CorpusCase[] = [
  {
    name: 'a plain NZ order with GST and courier shipping',
    order: () => ({ ...jane, lineItems: [line('MUG-BLUE', 24.5, 2)], shippingLines: courier(8.5) }),
    check: (plan) => expectLine(plan, 1, { Description: 'Shipping: NZ Post Courier', TaxType: 'OUTPUT2' }),
  },
  {
    name: 'a 10% percent coupon on an odd unit price',
    order: () => ({
      ...jane,
      lineItems: [line('TEA-1', 9.99, 3), line('TEA-2', 4.35, 1)],
      coupons: [{ code: 'tenoff', discountType: 'percent', amount: 10 }],
    }),
    check: (plan, order) => {
      expectLine(plan, 0, { Quantity: 3, UnitAmount: 9.99 });
      expect(plan.document.LineItems[0]?.DiscountAmount).toBeCloseTo(
        Number(order.line_items[0]!.subtotal) - Number(order.line_items[0]!.total),
      );
    },
  },
  {
    name: 'a fixed-cart coupon spread over three lines',
    order: () => ({
      ...jane,
      lineItems: [line('A-1', 10), line('A-2', 20, 2), line('A-3', 3.33, 3)],
      coupons: [{ code: 'five', discountType: 'fixed_cart', amount: 5 }],
      shippingLines: courier(5),
    }),
  },
  {
    name: 'a fixed-product coupon of 2.00 per unit',
    order: () => ({
      ...jane,
      lineItems: [line('B-1', 12.5, 4), line('B-2', 1.5, 1)],
      coupons: [{ code: 'twoeach', discountType: 'fixed_product', amount: 2 }],
    }),
    check: (plan) => expectLine(plan, 1, { UnitAmount: 1.5, DiscountAmount: 1.5 }),
  },
  {
    name: 'a free-shipping coupon',
    order: () => ({
      ...jane,
      lineItems: [line('C-1', 45)],
      coupons: [{ code: 'freeship', discountType: 'fixed_cart', amount: 0, freeShipping: true }],
      shippingLines: courier(9.5),
    }),
    check: (plan) => expectLine(plan, 1, { Description: 'Shipping: Free shipping', UnitAmount: 0, TaxType: 'NONE' }),
  },
  {
    name: 'stacked percent and fixed-cart coupons',
    order: () => ({
      ...jane,
      lineItems: [line('D-1', 19.99, 2), line('D-2', 7.77, 3)],
      coupons: [
        { code: 'vip15', discountType: 'percent', amount: 15 },
        { code: 'less3', discountType: 'fixed_cart', amount: 3 },
      ],
      shippingLines: courier(6),
    }),
  },
  {
    name: 'a unit price with four decimals',
    order: () => ({ ...jane, lineItems: [line('BOLT-M4', 0.1234, 7), line('NUT-M4', 1.3333, 3)] }),
  },
  {
    name: 'a unit price of an eighth of a dollar, thirteen times',
    order: () => ({ ...jane, lineItems: [line('CLIP', 0.125, 13)], shippingLines: courier(3.99) }),
  },
  {
    name: 'a 100-line wholesale order',
    order: () => ({
      ...customer('Wholesale', 'Buyer', 'NZ', { company: 'Bulk Buyers Ltd' }),
      lineItems: Array.from({ length: 100 }, (_, i) => line(`W-${i + 1}`, 1.11 + i * 0.37, (i % 5) + 1)),
      coupons: [{ code: 'trade7', discountType: 'percent', amount: 7 }],
      shippingLines: courier(49),
    }),
    check: (plan) => expect(plan.document.LineItems.length).toBeGreaterThanOrEqual(101),
  },
  {
    name: 'unicode and ampersands in product and customer names',
    order: () => ({
      ...customer('Zoë', 'Ångström', 'NZ', { company: 'Zoë &amp; Søn — 東京 Ltd' }),
      lineItems: [line('CAFE-1', 12, 1, { name: 'Café &amp; Crème &ndash; 日本茶 😀' })],
    }),
    check: (plan) => {
      expect(plan.contact.create.Name).toBe('Zoë & Søn — 東京 Ltd');
      expectLine(plan, 0, { Description: 'Café & Crème – 日本茶 😀' });
    },
  },
  {
    name: 'a zero-total order (100% coupon, no shipping)',
    order: () => ({
      ...jane,
      lineItems: [line('GIFT-1', 30)],
      coupons: [{ code: 'allfree', discountType: 'percent', amount: 100 }],
    }),
    check: (plan, order) => {
      expect(order.total).toBe('0.00');
      expect(plan.computed.total).toBe('0.00');
    },
  },
  {
    name: 'a zero-priced sample product',
    order: () => ({ ...jane, lineItems: [line('SAMPLE', 0, 2)] }),
  },
  {
    name: 'a negative rounding difference (tax rounded at subtotal level)',
    profile: AU_SUBTOTAL,
    order: () => ({ ...customer('Bruce', 'Lee', 'AU'), lineItems: [line('AU-1', 4.46), line('AU-2', 4.46)] }),
    check: (plan) => {
      expect(plan.computed.roundingAdjustment).toBe('-0.01');
      expect(plan.document.LineItems.at(-1)).toMatchObject({ Description: 'Rounding', UnitAmount: -0.01 });
    },
  },
  {
    name: 'a positive rounding difference (tax rounded at subtotal level)',
    profile: AU_SUBTOTAL,
    order: () => ({ ...customer('Sheila', 'Wu', 'AU'), lineItems: [line('AU-3', 4.44), line('AU-4', 4.44)] }),
    check: (plan) => expect(plan.computed.roundingAdjustment).toBe('0.01'),
  },
  {
    name: 'a taxed fee line',
    order: () => ({
      ...jane,
      lineItems: [line('E-1', 20)],
      feeLines: [{ name: 'Gift wrapping', total: 5, taxable: true }],
    }),
    check: (plan) => expectLine(plan, 1, { Description: 'Gift wrapping', TaxType: 'OUTPUT2', TaxAmount: 0.75 }),
  },
  {
    name: 'an untaxed fee line',
    order: () => ({
      ...jane,
      lineItems: [line('E-2', 20)],
      feeLines: [{ name: 'Card surcharge', total: 0.6, taxable: false }],
    }),
    check: (plan) => expectLine(plan, 1, { Description: 'Card surcharge', TaxType: 'NONE' }),
  },
  {
    name: 'a negative fee (loyalty discount)',
    order: () => ({
      ...jane,
      lineItems: [line('E-3', 40)],
      feeLines: [{ name: 'Loyalty discount', total: -4, taxable: true }],
    }),
  },
  {
    name: 'prices entered with tax, mapped as exclusive amounts',
    profile: NZ_INCLUSIVE,
    order: () => ({ ...jane, lineItems: [line('INC-1', 10), line('INC-2', 19.99, 3)], shippingLines: courier(7) }),
    check: (plan) => expect(plan.document.LineAmountTypes).toBe('Exclusive'),
  },
  {
    name: 'prices entered with tax, mapped as inclusive amounts',
    profile: NZ_INCLUSIVE,
    settings: { lineAmountTypes: 'follow-store' },
    order: () => ({ ...jane, lineItems: [line('INC-3', 10), line('INC-4', 19.99, 3)], shippingLines: courier(7) }),
    check: (plan) => {
      expect(plan.document.LineAmountTypes).toBe('Inclusive');
      expectLine(plan, 0, { UnitAmount: 10 });
    },
  },
  {
    name: 'prices entered with tax, a coupon, inclusive amounts and Xero computing the tax',
    profile: NZ_INCLUSIVE,
    settings: { lineAmountTypes: 'follow-store', sendTaxAmounts: false },
    order: () => ({
      ...jane,
      lineItems: [line('INC-5', 14.95, 2), line('INC-6', 3.49, 5)],
      coupons: [{ code: 'inc10', discountType: 'percent', amount: 10 }],
    }),
  },
  {
    name: 'a compound tax (GST plus a compound levy) mapped to one combined Xero rate',
    order: () => ({ ...jane, lineItems: [line('LEVY-1', 33.33, 3, { taxClass: 'levy-rate' })] }),
    check: (plan) => expectLine(plan, 0, { TaxType: 'TAX001' }),
  },
  {
    name: 'a JPY order (zero decimals, prices with consumption tax)',
    profile: JP,
    order: () => ({
      ...customer('Taro', 'Yamada', 'JP'),
      lineItems: [line('JP-1', 1980, 3), line('JP-2', 550)],
      shippingLines: [{ methodTitle: 'Yamato', total: 800 }],
    }),
    check: (plan, order) => {
      expect(plan.document.CurrencyCode).toBe('JPY');
      expect(order.total).not.toContain('.');
    },
  },
  {
    name: 'a JPY order with a coupon and a fee',
    profile: JP,
    order: () => ({
      ...customer('Hanako', 'Sato', 'JP'),
      lineItems: [line('JP-3', 333, 7)],
      coupons: [{ code: 'jp5', discountType: 'percent', amount: 5 }],
      feeLines: [{ name: 'Cash on delivery', total: 330, taxable: true }],
    }),
  },
  {
    name: 'a CLP order (zero decimals, 19% IVA)',
    profile: CL,
    order: () => ({ ...customer('Ana', 'Rojas', 'CL'), lineItems: [line('CL-1', 12990, 2), line('CL-2', 4590)] }),
    check: (plan) => expect(plan.document.CurrencyCode).toBe('CLP'),
  },
  {
    name: 'a store with three decimals',
    profile: KW,
    order: () => ({ ...jane, lineItems: [line('KW-1', 1.255, 3), line('KW-2', 0.125)] }),
  },
  {
    name: 'a California order: state tax on goods, untaxed shipping',
    profile: US,
    order: () => ({
      ...customer('Sam', 'Green', 'US', { state: 'CA' }),
      lineItems: [line('US-1', 18.99, 2)],
      shippingLines: courier(12),
    }),
    check: (plan) => {
      expectLine(plan, 0, { TaxType: 'TAX075' });
      expectLine(plan, 1, { TaxType: 'NONE' });
    },
  },
  {
    name: 'an order without tax (a US state with no rate)',
    profile: US,
    order: () => ({ ...customer('Ola', 'Nordmann', 'US', { state: 'OR' }), lineItems: [line('US-2', 25)] }),
    check: (plan) => {
      expect(plan.document.LineItems.every((l) => l.TaxType === 'NONE')).toBe(true);
      expect(plan.computed.totalTax).toBe('0.00');
    },
  },
  {
    name: 'a UK order with standard and reduced-rate VAT',
    profile: GB,
    order: () => ({
      ...customer('Oliver', 'Smith', 'GB'),
      lineItems: [line('GB-1', 24.99), line('GB-2', 8.5, 2, { taxClass: 'reduced-rate' })],
      shippingLines: courier(3.95),
    }),
    check: (plan) => expect(plan.document.LineItems.map((l) => l.TaxType)).toEqual(['VAT20', 'VAT5', 'VAT20']),
  },
  {
    name: 'a zero-rate product beside a taxed one',
    order: () => ({ ...jane, lineItems: [line('ZR-1', 10, 1, { taxClass: 'zero-rate' }), line('ZR-2', 10)] }),
    check: (plan) => expectLine(plan, 0, { TaxType: 'NONE' }),
  },
  {
    name: 'a tax-exempt product (tax status none)',
    order: () => ({ ...jane, lineItems: [line('EX-1', 15, 1, { taxStatus: 'none' }), line('EX-2', 15)] }),
  },
  {
    name: 'a guest with no name and no email',
    order: () => ({
      billing: { first_name: '', last_name: '', email: null, country: 'NZ' },
      lineItems: [line('G-1', 5)],
      number: 'G-1001',
    }),
    check: (plan) => expect(plan.contact.create.Name).toBe('WooCommerce guest #G-1001'),
  },
  {
    name: 'a company customer named after the company',
    order: () => ({
      ...customer('Mere', 'Parata', 'NZ', { company: 'Kōwhai Crafts Ltd' }),
      lineItems: [line('K-1', 60)],
    }),
    check: (plan) => expect(plan.contact.create.Name).toBe('Kōwhai Crafts Ltd'),
  },
  {
    name: 'a "last, first" contact name format',
    settings: { contacts: { nameFormat: 'last-first', matchOrder: ['email', 'company', 'name'] } },
    order: () => ({ ...customer('Aroha', 'Ngata', 'NZ', { company: 'Ngata Design' }), lineItems: [line('L-1', 60)] }),
    check: (plan) => {
      expect(plan.contact.create.Name).toBe('Ngata, Aroha');
      expect(plan.contact.match.order).toEqual(['email', 'company', 'name']);
    },
  },
  {
    name: 'a first customer called John Smith',
    order: () => ({
      ...customer('John', 'Smith', 'NZ', { email: 'john.smith@example.com' }),
      lineItems: [line('S-1', 9)],
    }),
  },
  {
    name: 'a different person also called John Smith (disambiguated, never merged)',
    order: () => ({ ...customer('John', 'Smith', 'NZ', { email: 'jsmith@example.org' }), lineItems: [line('S-2', 9)] }),
    check: (plan) => expect(plan.contact.disambiguatedName).toBe('John Smith (jsmith@example.org)'),
  },
  {
    name: 'a variation named after its parent and attributes',
    order: (store) => {
      const { variations } = store.products.createVariable({
        name: 'Merino T-Shirt',
        sku: 'TEE',
        variations: [
          {
            sku: 'TEE-BLU-M',
            price: 49,
            attributes: [
              { name: 'Colour', option: 'Blue', slug: 'pa_colour' },
              { name: 'Size', option: 'M' },
            ],
          },
        ],
      });
      return { ...jane, lineItems: [{ productId: variations[0]!.id, quantity: 2 }] };
    },
    check: (plan) => {
      expectLine(plan, 0, { Description: 'Merino T-Shirt – Colour: Blue, Size: M', ItemCode: 'TEE-BLU-M' });
      expect(plan.items[0]?.Name).toBe('Merino T-Shirt – Colour: Blue, Size: M');
    },
  },
  {
    name: 'a catalogue product without SKU (derived item code)',
    order: (store) => {
      const product = store.products.createSimple({ name: 'Handmade soap', price: 7.5 });
      return { ...jane, lineItems: [{ productId: product.id, quantity: 4 }] };
    },
    check: (plan, order) => {
      expect(plan.document.LineItems[0]?.ItemCode).toBe(`WC-P${order.line_items[0]!.product_id}`);
      expect(plan.warnings.some((w) => w.includes('has no SKU'))).toBe(true);
    },
  },
  {
    name: 'a SKU longer than 30 characters (derived code, with a warning)',
    order: (store) => {
      const product = store.products.createSimple({
        name: 'Long SKU lamp',
        sku: 'LAMP-BRASS-ANTIQUE-FINISH-240V-EU',
        price: 120,
      });
      return { ...jane, lineItems: [{ productId: product.id, quantity: 1 }] };
    },
    check: (plan) => expect(plan.warnings.some((w) => w.includes('30-character limit'))).toBe(true),
  },
  {
    name: 'a product name longer than 50 characters',
    order: () => ({
      ...jane,
      lineItems: [
        line('LONG-1', 15, 1, { name: 'Extra large insulated stainless steel water bottle with bamboo lid' }),
      ],
    }),
    check: (plan) => expect(plan.items[0]?.Name.length).toBeLessThanOrEqual(50),
  },
  {
    name: 'a quote for an on-hold bank-transfer order',
    settings: {
      documentRules: [{ statuses: ['on-hold'], paymentMethods: ['bacs'], documentType: 'quote' }],
      quoteStatus: 'SENT',
    },
    order: () => ({ ...jane, status: 'on-hold', paymentMethod: 'bacs', lineItems: [line('Q-1', 250)] }),
    check: (plan) => {
      expect(plan.kind).toBe('quote');
      expect(plan.document).toMatchObject({ Status: 'SENT', LineAmountTypes: 'EXCLUSIVE' });
    },
  },
  {
    name: 'an invoice for an on-hold card order under the same rules',
    settings: { documentRules: [{ statuses: ['on-hold'], paymentMethods: ['bacs'], documentType: 'quote' }] },
    order: () => ({ ...jane, status: 'on-hold', paymentMethod: 'stripe', lineItems: [line('Q-2', 250)] }),
    check: (plan) => expect(plan.kind).toBe('invoice'),
  },
  {
    name: 'a draft invoice due on the 20th of the following month',
    settings: { invoiceStatus: 'DRAFT', dueDateRule: 'day-of-following-month', dueDayOfMonth: 20 },
    order: () => ({ ...jane, lineItems: [line('T-1', 80)] }),
    check: (plan) =>
      expect(plan.document).toMatchObject({ Status: 'DRAFT', Date: '2024-03-15', DueDate: '2024-04-20' }),
  },
  {
    name: 'a submitted invoice due in 14 days with a branding theme',
    settings: { invoiceStatus: 'SUBMITTED', dueDays: 14, brandingThemeId: WOO_THEME_ID },
    order: () => ({ ...jane, lineItems: [line('T-2', 80)] }),
    check: (plan) =>
      expect(plan.document).toMatchObject({
        Status: 'SUBMITTED',
        DueDate: '2024-03-29',
        BrandingThemeID: WOO_THEME_ID,
      }),
  },
  {
    name: "Xero's own numbering, identified by a store-qualified reference",
    settings: { numbering: { mode: 'xero' }, reference: 'Web order {number} ({store})' },
    order: () => ({ ...jane, lineItems: [line('N-1', 35)] }),
    check: (plan, order) => {
      expect(plan.identity).toEqual({ reference: `Web order ${order.number} (shop.example.com)` });
      expect(plan.document).not.toHaveProperty('InvoiceNumber');
    },
  },
  {
    name: 'a numbering template with prefix and suffix',
    settings: { numbering: { prefix: 'SHOP-', suffix: '-NZ' } },
    order: () => ({ ...jane, lineItems: [line('N-2', 35)] }),
    check: (plan, order) => expect(plan.identity.invoiceNumber).toBe(`SHOP-${order.number}-NZ`),
  },
  {
    name: 'sales accounts by category and tax class; shipping and fee accounts',
    settings: {
      accounts: { byCategory: { books: '280' }, byTaxClass: { 'zero-rate': '260' }, shipping: '290', fees: '260' },
    },
    categories: (order) => ({ [order.line_items[0]!.product_id]: ['Books', 'gifts'] }),
    order: (store) => {
      const book = store.products.createSimple({ name: 'Field guide', sku: 'BOOK-1', price: 35 });
      return {
        ...jane,
        lineItems: [
          { productId: book.id, quantity: 1 },
          line('ZR-3', 12, 1, { taxClass: 'zero-rate' }),
          line('P-1', 5),
        ],
        shippingLines: courier(6),
        feeLines: [{ name: 'Rush handling', total: 4 }],
      };
    },
    check: (plan) =>
      expect(plan.document.LineItems.map((l) => l.AccountCode)).toEqual(['280', '260', '200', '290', '260']),
  },
  {
    name: 'coupons shown as separate discount lines per tax type',
    profile: GB,
    settings: { discountDisplay: 'separate-line', accounts: { discounts: '270' } },
    order: () => ({
      ...customer('Amelia', 'Jones', 'GB'),
      lineItems: [line('GB-3', 40), line('GB-4', 12.5, 2, { taxClass: 'reduced-rate' })],
      coupons: [{ code: 'spring20', discountType: 'percent', amount: 20 }],
      shippingLines: courier(4.5),
    }),
    check: (plan) => {
      const discounts = plan.document.LineItems.filter((l) => l.AccountCode === '270');
      expect(discounts.map((l) => [l.Description, l.TaxType, l.UnitAmount])).toEqual([
        ['Discount: spring20 (VAT20)', 'VAT20', -8],
        ['Discount: spring20 (VAT5)', 'VAT5', -5],
      ]);
    },
  },
  {
    name: 'tracking by billing country and by store',
    settings: {
      tracking: [
        { category: 'Region', source: 'billing-country', options: { NZ: 'North' }, option: 'South' },
        { category: 'Store', source: 'store', options: { 'shop.example.com': 'Main web shop' } },
      ],
    },
    order: () => ({ ...jane, lineItems: [line('TR-1', 22)], shippingLines: courier(5) }),
    check: (plan) =>
      expect(plan.document.LineItems[1]?.Tracking).toEqual([
        { Name: 'Region', Option: 'North' },
        { Name: 'Store', Option: 'Main web shop' },
      ]),
  },
  {
    name: 'Xero computing the tax itself on many lines',
    settings: { sendTaxAmounts: false, maxRoundingDifference: '0.10' },
    order: () => ({
      ...jane,
      lineItems: Array.from({ length: 9 }, (_, i) => line(`X-${i}`, 1.03 + i * 0.11, 1)),
      shippingLines: courier(3.03),
    }),
  },
  {
    name: 'thousands of a cheap part',
    order: () => ({ ...jane, lineItems: [line('WASHER', 0.0333, 3000)] }),
  },
  {
    name: 'two shipping lines (split shipment)',
    order: () => ({
      ...jane,
      lineItems: [line('SPLIT-1', 30), line('SPLIT-2', 70)],
      shippingLines: [
        { methodTitle: 'Courier (parcel 1)', total: 6 },
        { methodTitle: 'Courier (parcel 2)', total: 9.5 },
      ],
    }),
  },
];
