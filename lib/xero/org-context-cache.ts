import type { XeroOrgContext } from '../mapping';
import type { XeroAccountingClient } from './accounting-client';

/** How long an organisation's reference data is reused before it is read again. */
export const ORG_CONTEXT_TTL_MS = 10 * 60_000;

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** Reads what the mapping needs to know about the connected organisation (4 calls), in the mapping's terms. */
async function readOrgContext(client: XeroAccountingClient, storeId: string): Promise<XeroOrgContext> {
  const [taxRates, organisation, accounts, trackingCategories] = await Promise.all([
    client.getTaxRates(storeId),
    client.getOrganisation(storeId),
    client.getAccounts(storeId),
    client.getTrackingCategories(storeId),
  ]);
  return {
    taxRates: taxRates.map((rate) => ({
      TaxType: text(rate.TaxType),
      EffectiveRate: Number(rate.EffectiveRate ?? 0),
      Status: text(rate.Status, 'ACTIVE'),
    })),
    baseCurrency: text(organisation.BaseCurrency),
    accounts: accounts.map((account) => ({ Code: text(account.Code), Status: text(account.Status, 'ACTIVE') })),
    trackingCategories: trackingCategories.map((category) => ({
      Name: text(category.Name),
      Status: text(category.Status, 'ACTIVE'),
      Options: (category.Options ?? []).map((option) => ({
        Name: text(option.Name),
        Status: text(option.Status, 'ACTIVE'),
      })),
    })),
  };
}

/** A per-store cache of the organisation context, so a burst of orders reads Xero's reference data once. */
export function createOrgContextCache(client: XeroAccountingClient, now: () => number = Date.now) {
  const cache = new Map<string, { expiresAt: number; value: Promise<XeroOrgContext> }>();
  return function orgContext(storeId: string): Promise<XeroOrgContext> {
    const hit = cache.get(storeId);
    if (hit && hit.expiresAt > now()) return hit.value;
    const value = readOrgContext(client, storeId);
    cache.set(storeId, { expiresAt: now() + ORG_CONTEXT_TTL_MS, value });
    value.catch(() => cache.delete(storeId));
    return value;
  };
}
