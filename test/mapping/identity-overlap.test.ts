import { identityOverlap, type StoreIdentityRules } from '../../lib/mapping/identity-overlap';

const rules = (
  numbering: Partial<StoreIdentityRules['numbering']> = {},
  reference = 'WooCommerce order #{number}',
  storeUrl = 'https://shop-a.example',
): StoreIdentityRules => ({
  storeUrl,
  numbering: { mode: 'template', prefix: 'WC-', suffix: '', ...numbering },
  reference,
});

describe('identityOverlap: could two stores of one Xero organisation claim the same document?', () => {
  it('the same numbering overlaps; distinct prefixes do not', () => {
    expect(identityOverlap(rules(), rules())).toBe('numbers');
    expect(identityOverlap(rules(), rules({ prefix: 'B-' }))).toBeNull();
  });

  it('a prefix that starts the other prefix overlaps ("WC-" + 1001 = "WC-1" + 001), unless the suffixes part them', () => {
    expect(identityOverlap(rules({ prefix: 'WC-' }), rules({ prefix: 'WC-1' }))).toBe('numbers');
    expect(identityOverlap(rules({ prefix: 'wc-' }), rules({ prefix: 'WC-' }))).toBe('numbers');
    expect(identityOverlap(rules({ suffix: '-A' }), rules({ suffix: '-B' }))).toBeNull();
    expect(identityOverlap(rules({ suffix: '-A' }), rules({ suffix: 'X-A' }))).toBe('numbers');
  });

  it('when Xero numbers one store, the references must differ ({store} parts them)', () => {
    const xeroNumbered = rules({ mode: 'xero' }, 'WooCommerce order #{number}', 'https://shop-b.example');
    expect(identityOverlap(rules(), xeroNumbered)).toBe('references');
    expect(identityOverlap(rules({}, 'Order {id}'), rules({ mode: 'xero' }, 'Order {number}'))).toBe('references');
    const withStore = rules({ mode: 'xero' }, '{store} order #{number}', 'https://shop-b.example');
    expect(identityOverlap(rules({}, '{store} order #{number}'), withStore)).toBeNull();
  });
});
