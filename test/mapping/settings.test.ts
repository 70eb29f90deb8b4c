import { defaultMappingSettings, mappingSettingsSchema } from '../../lib/mapping';

describe('mapping settings', () => {
  it('has defaults for a typical store', () => {
    expect(defaultMappingSettings()).toEqual({
      documentType: 'invoice',
      documentRules: [],
      syncStatuses: ['processing', 'completed', 'on-hold'],
      invoiceStatus: 'AUTHORISED',
      quoteStatus: 'DRAFT',
      dueDateRule: 'days-after-order',
      dueDays: 0,
      dueDayOfMonth: 20,
      quoteExpiryDays: 30,
      numbering: { mode: 'template', prefix: 'WC-', suffix: '', onDuplicate: 'fail' },
      reference: 'WooCommerce order #{number}',
      accounts: {
        sales: '200',
        shipping: '200',
        fees: '200',
        rounding: '860',
        discounts: '200',
        byCategory: {},
        byTaxClass: {},
      },
      contacts: { matchOrder: ['email', 'name'], nameFormat: 'company-else-person' },
      taxes: { taxed: 'OUTPUT2', untaxed: 'NONE', byWooRateId: {} },
      sendTaxAmounts: true,
      maxRoundingDifference: '1.00',
      lineAmountTypes: 'exclusive',
      payments: { record: false, defaultAccount: '090', byGateway: {}, paidOnCompletion: ['cod'] },
      lifecycle: { onTrash: 'void', approvedEdits: 'update' },
      discountDisplay: 'line-discount',
      items: {
        createMissing: true,
        codeStrategy: 'sku',
        fallback: 'product-id',
        variationNames: 'parent-and-attributes',
      },
      tracking: [],
    });
  });

  it('refuses an exchange-rate meta key that WooCommerce’s REST API would hide, and an unknown edit rule', () => {
    const result = mappingSettingsSchema.safeParse({
      payments: { exchangeRateMetaKey: '_wcpay_multi_currency_order_exchange_rate' },
      lifecycle: { approvedEdits: 'rewrite' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [
        'payments.exchangeRateMetaKey',
        'WooCommerce’s REST API hides meta keys that start with "_"; copy the rate to a visible key',
      ],
      ['lifecycle.approvedEdits', 'expected "update" or "void-and-reissue"'],
    ]);
    expect(mappingSettingsSchema.parse({ payments: { exchangeRateMetaKey: 'exchange_rate' } }).payments).toMatchObject({
      exchangeRateMetaKey: 'exchange_rate',
    });
  });

  it('fills the rest of a partly given group', () => {
    const settings = mappingSettingsSchema.parse({ accounts: { shipping: '210' }, numbering: { mode: 'xero' } });
    expect(settings.accounts).toMatchObject({ sales: '200', shipping: '210', fees: '200', rounding: '860' });
    expect(settings.numbering).toEqual({ mode: 'xero', prefix: 'WC-', suffix: '', onDuplicate: 'fail' });
  });

  it('accepts a full configuration of every rule', () => {
    const settings = mappingSettingsSchema.parse({
      documentRules: [{ statuses: ['On-Hold'], paymentMethods: ['bacs'], documentType: 'quote' }],
      syncStatuses: ['completed'],
      dueDateRule: 'day-of-following-month',
      dueDayOfMonth: 31,
      brandingThemeId: '5d4f3b0a-6a4c-4c7a-9c55-2f0e6a1b2c3d',
      numbering: { onDuplicate: 'suffix' },
      contacts: { matchOrder: ['company', 'email'], nameFormat: 'last-first' },
      accounts: { byCategory: { books: '210' }, byTaxClass: { 'reduced-rate': '260' } },
      taxes: { shippingTaxed: 'OUTPUT2', feeTaxed: 'NONE' },
      tracking: [
        { category: 'Region', source: 'billing-country', options: { NZ: 'North' }, option: 'South' },
        { category: 'Channel', option: 'Web' },
      ],
    });
    expect(settings.documentRules).toEqual([
      { statuses: ['on-hold'], paymentMethods: ['bacs'], documentType: 'quote' },
    ]);
    expect(settings.tracking[1]).toEqual({ category: 'Channel', source: 'fixed', option: 'Web', options: {} });
  });

  // Each invalid setting is refused with an issue whose path names the field and whose message says what is wrong.
  it.each<[string, unknown, string, RegExp]>([
    ['reference', { reference: 'Order from the shop' }, 'reference', /unique per order/],
    ['reference placeholder', { reference: 'Order {num}' }, 'reference', /unknown placeholder/],
    ['rate id', { taxes: { byWooRateId: { 'rate-1': 'OUTPUT2' } } }, 'taxes.byWooRateId.rate-1', /rate id/],
    ['empty tax type', { taxes: { taxed: ' ' } }, 'taxes.taxed', /Xero tax type/],
    ['shipping tax type', { taxes: { shippingTaxed: '' } }, 'taxes.shippingTaxed', /Xero tax type/],
    ['account length', { accounts: { sales: '12345678901' } }, 'accounts.sales', /10 characters/],
    ['empty account', { accounts: { rounding: '' } }, 'accounts.rounding', /account code/],
    ['category slug', { accounts: { byCategory: { 'Big Books': '200' } } }, 'accounts.byCategory.Big Books', /slug/],
    ['tax class account', { accounts: { byTaxClass: { zero: '' } } }, 'accounts.byTaxClass.zero', /account code/],
    ['rounding limit sign', { maxRoundingDifference: '-1' }, 'maxRoundingDifference', /non-negative decimal/],
    ['rounding limit size', { maxRoundingDifference: '5' }, 'maxRoundingDifference', /at most 1/],
    ['invoice status', { invoiceStatus: 'PAID' }, 'invoiceStatus', /DRAFT|SUBMITTED|AUTHORISED/],
    ['quote status', { quoteStatus: 'ACCEPTED' }, 'quoteStatus', /DRAFT|SENT/],
    ['due days', { dueDays: 1.5 }, 'dueDays', /int/i],
    ['due date rule', { dueDateRule: 'end-of-month' }, 'dueDateRule', /day-of-following-month/],
    ['due day of month', { dueDayOfMonth: 32 }, 'dueDayOfMonth', /32|31|<=/],
    ['document type', { documentType: 'receipt' }, 'documentType', /invoice|quote/],
    ['rule type', { documentRules: [{ statuses: ['on-hold'] }] }, 'documentRules.0.documentType', /invoice/],
    [
      'rule status',
      { documentRules: [{ statuses: ['wc-on-hold'], documentType: 'quote' }] },
      'documentRules.0.statuses.0',
      /wc-/,
    ],
    [
      'rule method',
      { documentRules: [{ paymentMethods: ['bank transfer'], documentType: 'quote' }] },
      'documentRules.0.paymentMethods.0',
      /payment method id/,
    ],
    ['no sync status', { syncStatuses: [] }, 'syncStatuses', /at least one/],
    ['sync status slug', { syncStatuses: ['Paid!'] }, 'syncStatuses.0', /status slug/],
    ['branding theme', { brandingThemeId: 'Standard' }, 'brandingThemeId', /BrandingThemeID/],
    ['duplicate rule', { numbering: { onDuplicate: 'overwrite' } }, 'numbering.onDuplicate', /fail|suffix/],
    ['prefix length', { numbering: { prefix: 'x'.repeat(101) } }, 'numbering.prefix', /100/],
    ['no match field', { contacts: { matchOrder: [] } }, 'contacts.matchOrder', /at least one/],
    ['match field', { contacts: { matchOrder: ['phone'] } }, 'contacts.matchOrder.0', /email.*name.*company/],
    ['repeated match', { contacts: { matchOrder: ['email', 'email'] } }, 'contacts.matchOrder', /once/],
    ['name format', { contacts: { nameFormat: 'first' } }, 'contacts.nameFormat', /last-first/],
    ['line amounts', { lineAmountTypes: 'inclusive' }, 'lineAmountTypes', /follow-store/],
    ['discount display', { discountDisplay: 'hidden' }, 'discountDisplay', /separate-line/],
    ['variation names', { items: { variationNames: 'sku' } }, 'items.variationNames', /parent-and-attributes/],
    ['item fallback', { items: { fallback: 'random' } }, 'items.fallback', /product-id/],
    ['create missing', { items: { createMissing: 'yes' } }, 'items.createMissing', /boolean/],
    [
      'tracking count',
      {
        tracking: [
          { category: 'A', option: 'x' },
          { category: 'B', option: 'y' },
          { category: 'C', option: 'z' },
        ],
      },
      'tracking',
      /at most 2/,
    ],
    [
      'tracking twice',
      {
        tracking: [
          { category: 'Region', option: 'x' },
          { category: 'region', option: 'y' },
        ],
      },
      'tracking',
      /once/,
    ],
    ['fixed option', { tracking: [{ category: 'Region' }] }, 'tracking.0.option', /needs an option/],
    ['tracking source', { tracking: [{ category: 'Region', source: 'city' }] }, 'tracking.0.source', /billing-country/],
    ['tracking name', { tracking: [{ category: 'R'.repeat(101), option: 'x' }] }, 'tracking.0.category', /100/],
    [
      'option name',
      { tracking: [{ category: 'Region', source: 'store', options: { 'a.example': '' } }] },
      'tracking.0.options.a.example',
      /empty/,
    ],
  ])('refuses an invalid %s, naming the field', (_label, input, path, message) => {
    const result = mappingSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((candidate) => candidate.path.join('.') === path);
    expect(issue).toBeDefined();
    expect(issue?.message).toMatch(message);
  });
});
