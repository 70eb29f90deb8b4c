import type { XeroOrgContext } from '../lib/mapping';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';

/** How long an organisation's tax rates and base currency are reused before they are read again. */
export const ORG_CONTEXT_TTL_MS = 10 * 60_000;

/** Reads (and briefly caches per store) what the mapping needs to know about the connected organisation. */
export function createOrgContextCache(client: XeroAccountingClient, now: () => number = Date.now) {
  const cache = new Map<string, { expiresAt: number; value: Promise<XeroOrgContext> }>();
  return async function orgContext(storeId: string): Promise<XeroOrgContext> {
    const hit = cache.get(storeId);
    if (hit && hit.expiresAt > now()) return hit.value;
    const value = Promise.all([client.getTaxRates(storeId), client.getOrganisation(storeId)]).then(
      ([taxRates, organisation]) => ({
        taxRates: taxRates.map((rate) => ({
          TaxType: String(rate.TaxType),
          EffectiveRate: Number(rate.EffectiveRate ?? 0),
          Status: String(rate.Status ?? 'ACTIVE'),
        })),
        baseCurrency: String(organisation.BaseCurrency ?? ''),
      }),
    );
    cache.set(storeId, { expiresAt: now() + ORG_CONTEXT_TTL_MS, value });
    value.catch(() => cache.delete(storeId));
    return value;
  };
}
