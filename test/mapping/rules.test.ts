import {
  chooseDocumentType,
  fallbackDocumentNumber,
  mapOrderToXero,
  mappingSettingsSchema,
  shouldSync,
} from '../../lib/mapping';
import type { MappingSettingsInput } from '../../lib/mapping';
import { dayOfFollowingMonth } from '../../lib/mapping/dates';
import { variationAttributes } from '../../lib/mapping/variations';
import { buildOrder, handBuiltOrder, mappingContext, officialOrder } from './fixtures';

const settings = (input: MappingSettingsInput = {}) =>
  mappingSettingsSchema.parse({ ...input, taxes: { taxed: 'GST10', byWooRateId: { '1': 'GST10' }, ...input.taxes } });

describe('which orders sync, and as what', () => {
  it('skips statuses outside syncStatuses with a reason, case-insensitively', () => {
    const defaults = settings();
    expect(shouldSync({ status: 'processing', payment_method: 'bacs' }, defaults)).toBeUndefined();
    expect(shouldSync({ status: 'On-Hold', payment_method: 'bacs' }, defaults)).toBeUndefined();
    expect(shouldSync({ status: 'pending', payment_method: 'bacs' }, defaults)).toBe(
      'status "pending" is not one of the statuses synced to Xero (syncStatuses: processing, completed, on-hold)',
    );
    expect(
      shouldSync({ status: 'processing', payment_method: 'bacs' }, settings({ syncStatuses: ['completed'] })),
    ).toMatch(/processing/);
  });

  it('takes the first matching document rule, else documentType', () => {
    const rules = settings({
      documentType: 'invoice',
      documentRules: [
        { statuses: ['on-hold'], paymentMethods: ['bacs', 'cheque'], documentType: 'quote' },
        { statuses: ['on-hold'], documentType: 'invoice' },
        { paymentMethods: ['cod'], documentType: 'quote' },
      ],
    });
    expect(chooseDocumentType({ status: 'on-hold', payment_method: 'BACS' }, rules)).toBe('quote');
    expect(chooseDocumentType({ status: 'on-hold', payment_method: 'cod' }, rules)).toBe('invoice');
    expect(chooseDocumentType({ status: 'processing', payment_method: 'cod' }, rules)).toBe('quote');
    expect(chooseDocumentType({ status: 'processing', payment_method: 'stripe' }, rules)).toBe('invoice');
  });
});

describe('header rules', () => {
  it('puts the due date on a day of the following month, kept inside that month', () => {
    expect(dayOfFollowingMonth('2024-01-31', 31)).toBe('2024-02-29');
    expect(dayOfFollowingMonth('2023-12-05', 20)).toBe('2024-01-20');
    expect(dayOfFollowingMonth('2024-03-15', 1)).toBe('2024-04-01');
    const plan = mapOrderToXero(
      handBuiltOrder(),
      settings({ dueDateRule: 'day-of-following-month', dueDayOfMonth: 30 }),
      mappingContext(),
    );
    expect(plan.document).toMatchObject({ Date: '2024-01-31', DueDate: '2024-02-29' });
  });

  it('sets the branding theme on invoices and quotes', () => {
    const brandingThemeId = '5d4f3b0a-6a4c-4c7a-9c55-2f0e6a1b2c3d';
    for (const documentType of ['invoice', 'quote'] as const) {
      const plan = mapOrderToXero(handBuiltOrder(), settings({ brandingThemeId, documentType }), mappingContext());
      expect(plan.document.BrandingThemeID).toBe(brandingThemeId);
    }
  });

  it('derives a deterministic fallback number for a number Xero already holds', () => {
    expect(fallbackDocumentNumber('WC-1001', 1)).toBe('WC-1001-2');
    expect(fallbackDocumentNumber('WC-1001', 2)).toBe('WC-1001-3');
    expect(fallbackDocumentNumber('x'.repeat(255), 1)).toBe(`${'x'.repeat(253)}-2`);
    expect(() => fallbackDocumentNumber('WC-1', 0)).toThrow(RangeError);
    expect(settings({ numbering: { onDuplicate: 'suffix' } }).numbering.onDuplicate).toBe('suffix');
  });
});

describe('contacts', () => {
  const order = (billing: Record<string, unknown>) =>
    buildOrder({ billing: { first_name: 'Jane', last_name: 'Doe', email: 'Jane@Example.com', ...billing } });

  it.each([
    ['company-else-person', { company: 'Acme' }, 'Acme'],
    ['company-else-person', {}, 'Jane Doe'],
    ['person', { company: 'Acme' }, 'Jane Doe'],
    ['person', { first_name: '', last_name: '', company: 'Acme' }, 'Acme'],
    ['last-first', { company: 'Acme' }, 'Doe, Jane'],
    ['last-first', { first_name: '' }, 'Doe'],
  ] as const)('names the contact by %s (%j → %s)', (nameFormat, billing, name) => {
    const plan = mapOrderToXero(order(billing), settings({ contacts: { nameFormat } }), mappingContext());
    expect(plan.contact.create.Name).toBe(name);
    expect(plan.contact.match.name).toBe(name);
  });

  it('exposes the match order and the company to match by', () => {
    const plan = mapOrderToXero(
      order({ company: 'Acme &amp; Co' }),
      settings({ contacts: { matchOrder: ['company', 'email'] } }),
      mappingContext(),
    );
    expect(plan.contact.match).toEqual({
      email: 'jane@example.com',
      name: 'Acme & Co',
      company: 'Acme & Co',
      order: ['company', 'email'],
    });
  });
});

describe('items and variations', () => {
  it('reads variation attributes from line meta, with or without display keys', () => {
    expect(variationAttributes(officialOrder().line_items[1]!)).toBe('Color: black, Size: M Test');
    expect(
      variationAttributes({
        meta_data: [
          { key: '_reduced_stock', value: '1' },
          { key: 'pa_colour', value: 'blue', display_key: 'Colour', display_value: 'Blue' },
        ],
      }),
    ).toBe('Colour: Blue');
  });

  it("keeps WooCommerce's own line name when asked, or when the parent is unknown", () => {
    const official = mapOrderToXero(
      officialOrder(),
      settings({ taxes: { byWooRateId: { '75': 'TAX075' } } }),
      mappingContext(),
    );
    expect(official.document.LineItems[1]?.Description).toBe('Ship Your Idea \u2013 Color: Black, Size: M Test');
    const line = {
      ...officialOrder().line_items[1]!,
      parent_name: 'Ship Your Idea',
      name: 'Ship Your Idea - Black, M Test',
    };
    const order = { ...officialOrder(), line_items: [line], shipping_lines: [], total: '12.90', total_tax: '0.90' };
    const rates = { taxes: { byWooRateId: { '75': 'TAX075' } } };
    const byParent = mapOrderToXero(order, settings(rates), mappingContext());
    expect(byParent.document.LineItems[0]?.Description).toBe('Ship Your Idea \u2013 Color: black, Size: M Test');
    const byWoo = mapOrderToXero(
      order,
      settings({ ...rates, items: { variationNames: 'woocommerce-name' } }),
      mappingContext(),
    );
    expect(byWoo.document.LineItems[0]?.Description).toBe('Ship Your Idea - Black, M Test');
  });

  it('leaves items out when createMissing is false, but keeps the codes on the lines', () => {
    const plan = mapOrderToXero(handBuiltOrder(), settings({ items: { createMissing: false } }), mappingContext());
    expect(plan.items).toEqual([]);
    expect(plan.document.LineItems[0]?.ItemCode).toBe('MUG-1');
  });
});

describe('accounts, taxes and warnings', () => {
  it('uses separate tax types for taxed shipping and fees when set', () => {
    const plan = mapOrderToXero(
      handBuiltOrder(),
      settings({ taxes: { byWooRateId: {}, shippingTaxed: 'GST10', feeTaxed: 'GST10', taxed: 'GST10' } }),
      mappingContext(),
    );
    expect(plan.document.LineItems.map((l) => l.TaxType)).toEqual(['GST10', 'GST10', 'GST10', 'GST10']);
    expect(plan.warnings).toEqual([
      'WooCommerce tax rate 1 "GST" (AU-GST-1) has no mapping in taxes.byWooRateId; used the default tax type "GST10".',
    ]);
  });

  it('maps sales accounts by category (from the context) before tax class', () => {
    const plan = mapOrderToXero(
      handBuiltOrder(),
      settings({ accounts: { byCategory: { mugs: '210' }, byTaxClass: { standard: '260' } } }),
      mappingContext({ productCategories: { 101: ['Mugs'] } }),
    );
    expect(plan.document.LineItems.map((l) => l.AccountCode)).toEqual(['210', '260', '200', '200']);
    expect(plan.items.map((i) => i.SalesDetails.AccountCode)).toEqual(['210', '260']);
  });

  it('warns about archived or unknown accounts and inactive configured tax types', () => {
    const org = {
      ...mappingContext().org,
      accounts: [
        { Code: '200', Status: 'ACTIVE' },
        { Code: '210', Status: 'ARCHIVED' },
      ],
    };
    const plan = mapOrderToXero(
      handBuiltOrder(),
      settings({
        accounts: { shipping: '210', rounding: '999' },
        taxes: { byWooRateId: { '1': 'GST10', '9': 'OLDRATE' } },
      }),
      mappingContext({ org }),
    );
    expect(plan.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Account code "210" is archived/),
        'Setting taxes.byWooRateId["9"] names Xero tax type "OLDRATE", which is deleted; orders that use it will fail.',
      ]),
    );
    expect(plan.warnings.some((w) => w.includes('"999"'))).toBe(false);
    const rounded = mapOrderToXero(
      { ...handBuiltOrder(), total: '70.96' },
      settings({ accounts: { rounding: '999' } }),
      mappingContext({ org }),
    );
    expect(rounded.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/"999" is not an account/)]));
  });

  it('leaves off a tracking option Xero does not have, with a warning', () => {
    const org = {
      ...mappingContext().org,
      trackingCategories: [{ Name: 'Region', Status: 'ACTIVE', Options: [{ Name: 'North', Status: 'ACTIVE' }] }],
    };
    const tracking = [
      { category: 'Region', source: 'billing-country', options: { AU: 'South' } },
      { category: 'Channel', option: 'Web' },
    ] as const;
    const plan = mapOrderToXero(
      buildOrder({ ...handBuiltOrder(), billing: { country: 'AU' } }),
      settings({ tracking: [...tracking] }),
      mappingContext({ org }),
    );
    expect(plan.document.LineItems.every((l) => l.Tracking === undefined)).toBe(true);
    expect(plan.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"Region" has no active option "South"/),
        expect.stringMatching(/"Channel" is not an active tracking category/),
      ]),
    );
    const fixed = mapOrderToXero(
      handBuiltOrder(),
      settings({ tracking: [{ category: 'Region', option: 'north' }] }),
      mappingContext({ org }),
    );
    expect(fixed.document.LineItems[0]?.Tracking).toEqual([{ Name: 'Region', Option: 'north' }]);
  });

  it('shows a 100% coupon as a separate discount line that cancels the taxed product line', () => {
    const order = buildOrder({
      discount_total: '10.00',
      discount_tax: '1.00',
      line_items: [
        {
          id: 1,
          name: 'Gift',
          product_id: 5,
          variation_id: 0,
          quantity: 1,
          tax_class: '',
          subtotal: '10.00',
          subtotal_tax: '1.00',
          total: '0.00',
          total_tax: '0.00',
          taxes: [{ id: 1, total: '0', subtotal: '1' }],
          sku: 'GIFT',
          price: 0,
        },
      ],
      coupon_lines: [{ id: 2, code: 'free', discount: '10.00', discount_tax: '1.00' }],
    });
    const plan = mapOrderToXero(order, settings({ discountDisplay: 'separate-line' }), mappingContext());
    expect(plan.document.LineItems).toEqual([
      expect.objectContaining({ UnitAmount: 10, TaxType: 'GST10', TaxAmount: 1 }),
      expect.objectContaining({ Description: 'Discount: free', UnitAmount: -10, TaxType: 'GST10', TaxAmount: -1 }),
    ]);
    expect(plan.computed.total).toBe('0.00');
  });
});
