import { defaultMappingSettings, mappingSettingsSchema } from '../../lib/mapping';

describe('mapping settings', () => {
  it('has defaults for a typical store', () => {
    expect(defaultMappingSettings()).toEqual({
      documentType: 'invoice',
      invoiceStatus: 'AUTHORISED',
      quoteStatus: 'DRAFT',
      dueDays: 0,
      quoteExpiryDays: 30,
      numbering: { mode: 'template', prefix: 'WC-', suffix: '' },
      reference: 'WooCommerce order #{number}',
      accounts: { sales: '200', shipping: '200', fees: '200', rounding: '860' },
      taxes: { taxed: 'OUTPUT2', untaxed: 'NONE', byWooRateId: {} },
      sendTaxAmounts: true,
      maxRoundingDifference: '0.05',
      items: { createMissing: true, codeStrategy: 'sku', fallback: 'product-id' },
    });
  });

  it('fills the rest of a partly given group', () => {
    const settings = mappingSettingsSchema.parse({ accounts: { shipping: '210' }, numbering: { mode: 'xero' } });
    expect(settings.accounts).toEqual({ sales: '200', shipping: '210', fees: '200', rounding: '860' });
    expect(settings.numbering).toEqual({ mode: 'xero', prefix: 'WC-', suffix: '' });
  });

  it.each([
    [{ reference: 'Order from the shop' }, /unique per order/],
    [{ reference: 'Order {num}' }, /unknown placeholder/],
    [{ taxes: { byWooRateId: { 'rate-1': 'OUTPUT2' } } }, /rate id/],
    [{ accounts: { sales: '12345678901' } }, /10 characters/],
    [{ maxRoundingDifference: '-1' }, /non-negative decimal/],
    [{ invoiceStatus: 'PAID' }, /invoiceStatus/],
    [{ dueDays: 1.5 }, /dueDays/],
  ])('rejects %j', (input, message) => {
    const result = mappingSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});
