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

/** The organisation context of a store, cached; `isCached` and `invalidate` let callers re-read it when Xero disagrees. */
export interface OrgContextCache {
  (storeId: string): Promise<XeroOrgContext>;
  /** Whether a live (unexpired) context is cached for the store, i.e. the next call costs no Xero call. */
  isCached(storeId: string): boolean;
  /** Drops the store's cached context, so the next call reads Xero again. */
  invalidate(storeId: string): void;
}

/** A per-store cache of the organisation context, so a burst of orders reads Xero's reference data once. */
export function createOrgContextCache(client: XeroAccountingClient, now: () => number = Date.now): OrgContextCache {
  const cache = new Map<string, { expiresAt: number; value: Promise<XeroOrgContext> }>();
  const live = (storeId: string) => {
    const hit = cache.get(storeId);
    return hit && hit.expiresAt > now() ? hit : undefined;
  };
  const orgContext = (storeId: string): Promise<XeroOrgContext> => {
    const hit = live(storeId);
    if (hit) return hit.value;
    const value = readOrgContext(client, storeId);
    const entry = { expiresAt: now() + ORG_CONTEXT_TTL_MS, value };
    cache.set(storeId, entry);
    value.catch(() => cache.get(storeId) === entry && cache.delete(storeId));
    return value;
  };
  return Object.assign(orgContext, {
    isCached: (storeId: string) => live(storeId) !== undefined,
    invalidate: (storeId: string) => void cache.delete(storeId),
  });
}

/** Whether Xero's validation messages name organisation reference data (accounts, tax rates, tracking, currency, theme). */
export function namesReferenceData(messages: readonly string[]): boolean {
  return messages.some((m) =>
    /account code|TaxType|tax rate|tracking (category|option)|currency|BrandingTheme/i.test(m),
  );
}
