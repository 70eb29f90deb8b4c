import type { XeroAccountingClient } from '../../lib/xero/accounting-client';
import { createOrgContextCache, namesReferenceData, ORG_CONTEXT_TTL_MS } from '../../lib/xero/org-context-cache';

/** A client whose reference reads are counted; the tax rate's status is what Xero says at the time. */
function countingClient() {
  const state = { reads: 0, taxStatus: 'ACTIVE' };
  const client = {
    getTaxRates: async () => {
      state.reads += 1;
      return [{ TaxType: 'OUTPUT2', EffectiveRate: 15, Status: state.taxStatus }];
    },
    getOrganisation: async () => ({ BaseCurrency: 'NZD' }),
    getAccounts: async () => [{ Code: '200', Status: 'ACTIVE' }],
    getTrackingCategories: async () => [],
  } as unknown as XeroAccountingClient;
  return { client, state };
}

describe('organisation context cache', () => {
  it('reads once within its lifetime, again after it or after invalidate', async () => {
    let now = 0;
    const { client, state } = countingClient();
    const cache = createOrgContextCache(client, () => now);
    expect(cache.isCached('s1')).toBe(false);
    await cache('s1');
    await cache('s1');
    expect(cache.isCached('s1')).toBe(true);
    expect(state.reads).toBe(1);
    state.taxStatus = 'DELETED';
    cache.invalidate('s1');
    expect(cache.isCached('s1')).toBe(false);
    expect((await cache('s1')).taxRates[0]?.Status).toBe('DELETED');
    now += ORG_CONTEXT_TTL_MS + 1;
    expect(cache.isCached('s1')).toBe(false);
    await cache('s1');
    expect(state.reads).toBe(3);
  });

  it('knows which validation messages name reference data', () => {
    expect(namesReferenceData(["Account code '210' has been archived, or has been deleted."])).toBe(true);
    expect(namesReferenceData(["The TaxType code 'OUTPUT9' does not exist or cannot be used."])).toBe(true);
    expect(namesReferenceData(["The tracking option 'North' does not exist in the tracking category 'Region'."])).toBe(
      true,
    );
    expect(namesReferenceData(['Organisation is not subscribed to currency AUD'])).toBe(true);
    expect(namesReferenceData(['Invoice # must be unique.'])).toBe(false);
  });
});
