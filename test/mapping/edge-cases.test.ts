import { mapOrderToXero, mappingSettingsSchema } from '../../lib/mapping';
import type { MappingSettingsInput, WireInvoice, WireQuote } from '../../lib/mapping';
import { buildOrder, handBuiltOrder, mappingContext, officialOrder } from './fixtures';

const settings = (input: MappingSettingsInput = {}) =>
  mappingSettingsSchema.parse({ taxes: { taxed: 'GST10' }, ...input });

function productLine(id: number, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    name: `Product ${id}`,
    product_id: 100 + id,
    variation_id: 0,
    quantity: 1,
    tax_class: '',
    subtotal_tax: '0.00',
    total_tax: '0.00',
    taxes: [],
    meta_data: [],
    sku: `SKU-${id}`,
    price: 0,
    ...fields,
  };
}

function untaxedOrder(lines: Array<Record<string, unknown>>, total: string, extra: Record<string, unknown> = {}) {
  return buildOrder({ total, line_items: lines, ...extra });
}

describe('mapOrderToXero edge cases', () => {
  it('maps a zero-decimal JPY order: integer amounts, 4-place unit price, negative fee', () => {
    const order = buildOrder({
      currency: 'JPY',
      discount_total: '0',
      discount_tax: '0',
      shipping_total: '500',
      shipping_tax: '50',
      cart_tax: '100',
      total_tax: '150',
      total: '1450',
      line_items: [
        productLine(1, {
          quantity: 3,
          subtotal: '1000',
          subtotal_tax: '100',
          total: '1000',
          total_tax: '100',
          taxes: [{ id: 1, total: '100', subtotal: '100' }],
        }),
      ],
      shipping_lines: [
        {
          id: 2,
          method_title: 'Yamato',
          method_id: 'flat_rate',
          total: '500',
          total_tax: '50',
          taxes: [{ id: 1, total: '50', subtotal: '' }],
        },
      ],
      fee_lines: [
        { id: 3, name: 'Member discount', tax_class: '', tax_status: 'none', total: '-200', total_tax: '0', taxes: [] },
      ],
    });
    const plan = mapOrderToXero(order, settings(), mappingContext());
    expect(plan.document.CurrencyCode).toBe('JPY');
    expect(plan.document.LineItems[0]).toMatchObject({ Quantity: 3, UnitAmount: 333.3333, TaxAmount: 100 });
    expect(plan.document.LineItems[2]).toMatchObject({
      Description: 'Member discount',
      UnitAmount: -200,
      TaxType: 'NONE',
    });
    expect(plan.expectedTotal).toBe('1450');
    expect(plan.computed).toEqual({
      subTotal: '1300.00',
      totalTax: '150.00',
      total: '1450.00',
      roundingAdjustment: '0.00',
    });
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringContaining('base currency is AUD')]));
  });

  it('scales the rounding limit to a zero-decimal store (a yen of WooCommerce rounding is absorbed)', () => {
    // Two lines each taxed 33.3 yen: each shows 33, the order's tax is round(66.6) = 67.
    const line = { quantity: 1, subtotal: '333', subtotal_tax: '33', total: '333', total_tax: '33' };
    const taxes = [{ id: 1, total: '33.3', subtotal: '33.3' }];
    const order = buildOrder({
      currency: 'JPY',
      cart_tax: '67',
      total_tax: '67',
      total: '733',
      line_items: [productLine(1, { ...line, taxes }), productLine(2, { ...line, taxes })],
    });
    const plan = mapOrderToXero(
      order,
      settings(),
      mappingContext({ org: { ...mappingContext().org, baseCurrency: 'JPY' } }),
    );
    expect(plan.computed).toMatchObject({ total: '733.00', roundingAdjustment: '1.00' });
    const viaXero = mapOrderToXero(order, settings({ sendTaxAmounts: false }), mappingContext());
    expect(viaXero.computed).toMatchObject({ totalTax: '66.60', total: '733.00', roundingAdjustment: '0.40' });
  });

  it('rounds a three-decimal store total to the two places Xero keeps, with a warning', () => {
    const order = untaxedOrder([productLine(1, { subtotal: '12.346', total: '12.346' })], '12.346', {
      currency: 'KWD',
    });
    const plan = mapOrderToXero(order, settings(), mappingContext());
    expect(plan.expectedTotal).toBe('12.35');
    expect(plan.computed.total).toBe('12.35');
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringContaining('12.346 becomes 12.35')]));
  });

  it('decodes HTML entities and keeps unicode in descriptions and item names', () => {
    const name = 'Caf\u00e9 &amp; Cr\u00e8me &ndash; \u{1F600} edition &#8220;deluxe&#8221;';
    const order = untaxedOrder([productLine(1, { name, subtotal: '5.00', total: '5.00' })], '5.00');
    const plan = mapOrderToXero(order, settings(), mappingContext());
    const decoded = 'Caf\u00e9 & Cr\u00e8me \u2013 \u{1F600} edition \u201cdeluxe\u201d';
    expect(plan.document.LineItems[0]?.Description).toBe(decoded);
    expect(plan.items[0]).toMatchObject({ Name: decoded, Description: decoded });
  });

  it('truncates item names to 50 code units without splitting a surrogate pair', () => {
    const name = `${'x'.repeat(49)}\u{1F600} and more`;
    const order = untaxedOrder([productLine(1, { name, subtotal: '5.00', total: '5.00' })], '5.00');
    const item = mapOrderToXero(order, settings(), mappingContext()).items[0];
    expect(item?.Name).toBe('x'.repeat(49));
    expect(item?.Description).toBe(name);
  });

  it('falls back from a SKU longer than 30 characters to a derived code, with a warning', () => {
    const sku = 'A-VERY-LONG-SKU-THAT-XERO-WILL-NOT-ACCEPT';
    const order = untaxedOrder(
      [productLine(1, { sku, product_id: 42, variation_id: 43, subtotal: '5.00', total: '5.00' })],
      '5.00',
    );
    const plan = mapOrderToXero(order, settings(), mappingContext());
    expect(plan.document.LineItems[0]?.ItemCode).toBe('WC-P42-V43');
    expect(plan.items.map((i) => i.Code)).toEqual(['WC-P42-V43']);
    expect(plan.warnings).toEqual([expect.stringMatching(/longer than Xero's 30-character limit.*WC-P42-V43/)]);
    const plain = mapOrderToXero(order, settings({ items: { fallback: 'none' } }), mappingContext());
    expect(plain.document.LineItems[0]?.ItemCode).toBeUndefined();
    expect(plain.items).toEqual([]);
    expect(plain.warnings[0]).toMatch(/description-only line/);
  });

  it('uses a description-only line for a deleted product and deduplicates items by code', () => {
    const order = untaxedOrder(
      [
        productLine(1, { sku: null, product_id: 0, subtotal: '1.00', total: '1.00' }),
        productLine(2, { sku: 'SAME', subtotal: '2.00', total: '2.00' }),
        productLine(3, { sku: 'SAME', subtotal: '3.00', total: '3.00' }),
      ],
      '6.00',
    );
    const plan = mapOrderToXero(order, settings(), mappingContext());
    expect(plan.document.LineItems.map((l) => l.ItemCode)).toEqual([undefined, 'SAME', 'SAME']);
    expect(plan.items.map((i) => i.Code)).toEqual(['SAME']);
  });

  it('names guests without any name or email after the order number', () => {
    const order = untaxedOrder([productLine(1, { subtotal: '1.00', total: '1.00' })], '1.00', {
      number: 'GB426092',
      billing: { first_name: '', last_name: '', email: null, phone: '' },
    });
    const { contact } = mapOrderToXero(order, settings(), mappingContext());
    expect(contact).toEqual({
      match: { name: 'WooCommerce guest #GB426092', order: ['email', 'name'] },
      create: { Name: 'WooCommerce guest #GB426092' },
      disambiguatedName: 'WooCommerce guest #GB426092 (WooCommerce order #GB426092)',
    });
  });

  it('prefers the billing company, then the person, then the email, for the contact name', () => {
    const company = untaxedOrder([], '0.00', {
      billing: { company: 'Acme &amp; Sons', first_name: 'Jane', last_name: 'Doe', email: 'Jane@Example.com' },
      shipping: { first_name: 'Joe', last_name: 'Bloggs', address_1: '1 Dock Rd', city: 'Leith', country: 'GB' },
    });
    const plan = mapOrderToXero(company, settings(), mappingContext());
    expect(plan.contact.create).toEqual({
      Name: 'Acme & Sons',
      FirstName: 'Jane',
      LastName: 'Doe',
      EmailAddress: 'Jane@Example.com',
      Addresses: [
        { AddressType: 'STREET', AddressLine1: '1 Dock Rd', City: 'Leith', Country: 'GB', AttentionTo: 'Joe Bloggs' },
      ],
    });
    expect(plan.contact.match).toEqual({
      email: 'jane@example.com',
      name: 'Acme & Sons',
      company: 'Acme & Sons',
      order: ['email', 'name'],
    });
    expect(plan.contact.disambiguatedName).toBe('Acme & Sons (Jane@Example.com)');
    const emailOnly = untaxedOrder([], '0.00', { billing: { email: 'solo@example.com' }, customer_id: 7 });
    const solo = mapOrderToXero(emailOnly, settings(), mappingContext()).contact;
    expect(solo.create.Name).toBe('solo@example.com');
    expect(solo.disambiguatedName).toBe('solo@example.com (WooCommerce customer #7)');
  });

  it('folds a quantity whose total no 4-place unit price can reproduce into one unit, with a warning', () => {
    const order = untaxedOrder([productLine(1, { quantity: 3000, subtotal: '1000.01', total: '1000.01' })], '1000.01');
    const plan = mapOrderToXero(order, settings(), mappingContext());
    expect(plan.document.LineItems[0]).toMatchObject({ Quantity: 3000, UnitAmount: 0.3334, DiscountAmount: 0.19 });
    expect(plan.computed.total).toBe('1000.01');
    const huge = untaxedOrder([productLine(1, { quantity: 200000, subtotal: '1.01', total: '1.01' })], '1.01');
    const folded = mapOrderToXero(huge, settings(), mappingContext());
    expect(folded.document.LineItems[0]).toMatchObject({
      Description: 'Product 1 (× 200000)',
      Quantity: 1,
      UnitAmount: 1.01,
    });
    expect(folded.warnings).toEqual([expect.stringContaining('quantity 200000')]);
  });

  it('numbers by Xero and identifies by Reference when numbering.mode is "xero"', () => {
    const plan = mapOrderToXero(
      handBuiltOrder(),
      settings({ numbering: { mode: 'xero' }, reference: 'Order {number} ({store}, id {id})' }),
      mappingContext(),
    );
    expect((plan.document as WireInvoice).InvoiceNumber).toBeUndefined();
    expect(plan.identity).toEqual({ reference: 'Order 5001 (shop.example.com, id 5001)' });
  });

  it('makes a quote with upper-case LineAmountTypes, an expiry date and a QuoteNumber', () => {
    const plan = mapOrderToXero(
      handBuiltOrder(),
      settings({ documentType: 'quote', numbering: { prefix: 'Q-', suffix: '-WC' }, quoteExpiryDays: 14 }),
      mappingContext(),
    );
    const quote = plan.document as WireQuote;
    expect(plan.kind).toBe('quote');
    expect(quote).toMatchObject({
      Date: '2024-01-31',
      ExpiryDate: '2024-02-14',
      QuoteNumber: 'Q-5001-WC',
      LineAmountTypes: 'EXCLUSIVE',
      Status: 'DRAFT',
    });
    expect(quote).not.toHaveProperty('Url');
    expect(plan.identity).toEqual({ quoteNumber: 'Q-5001-WC', reference: 'WooCommerce order #5001' });
  });

  it('dates by the site-local day and adds dueDays across month and leap-year ends', () => {
    const order = { ...handBuiltOrder(), date_created: '2024-02-20T23:59:59' };
    const plan = mapOrderToXero(order, settings({ dueDays: 14, invoiceStatus: 'DRAFT' }), mappingContext());
    expect(plan.document).toMatchObject({ Date: '2024-02-20', DueDate: '2024-03-05', Status: 'DRAFT' });
  });

  it('omits a Url that Xero would refuse, with a warning', () => {
    const plan = mapOrderToXero(
      officialOrder(),
      settings({ taxes: { byWooRateId: { '75': 'TAX075' } } }),
      mappingContext({ storeUrl: 'https://xerofans.shop' }),
    );
    expect(plan.document).not.toHaveProperty('Url');
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringContaining('containing "xero"')]));
  });

  it('maps lines taxed by two rates through a combined mapping', () => {
    const order = buildOrder({
      cart_tax: '1.50',
      total_tax: '1.50',
      total: '11.50',
      line_items: [
        productLine(1, {
          subtotal: '10.00',
          total: '10.00',
          subtotal_tax: '1.50',
          total_tax: '1.50',
          taxes: [
            { id: 2, total: '0.5', subtotal: '0.5' },
            { id: 1, total: '1', subtotal: '1' },
          ],
        }),
      ],
    });
    const plan = mapOrderToXero(order, settings({ taxes: { byWooRateId: { '1+2': 'OUTPUT2' } } }), mappingContext());
    expect(plan.document.LineItems[0]?.TaxType).toBe('OUTPUT2');
    expect(plan.computed.total).toBe('11.50');
  });
});
