import { identityOverlap, type StoreIdentityRules } from '../mapping/identity-overlap';
import type { MappingSettings } from '../mapping';
import { readCurrentSettings } from './store-settings';
import type { SettingsRepository } from '../db/repositories/settings';

/** The reads that checking a store against the other stores of its Xero organisation needs. */
export interface SharedOrganisationReaders {
  stores: { get(id: string): Promise<{ url: string } | null> };
  xeroConnections: { storesSharingTenant(tenantId: string, exceptStoreId: string): Promise<string[]> };
  settings: Pick<SettingsRepository, 'getCurrent'>;
}

/** A store whose document identities could coincide with this store's in their shared Xero organisation. */
export interface IdentityConflict {
  otherStoreId: string;
  /** The settings field to change: `numbering.prefix` or `reference`. */
  field: 'numbering.prefix' | 'reference';
  /** What a merchant or support engineer reads (store ids only, no personal data). */
  message: string;
}

/** The identity rules of a store with these settings. */
export function identityRulesOf(storeUrl: string, settings: MappingSettings): StoreIdentityRules {
  return { storeUrl, numbering: settings.numbering, reference: settings.reference };
}

/**
 * The first other store connected to `tenantId` whose invoices and quotes this store's settings could mistake for
 * its own (same numbers, or same References where Xero numbers documents), or null when every identity is distinct.
 */
export async function findIdentityConflict(
  readers: SharedOrganisationReaders,
  input: { storeId: string; tenantId: string; rules: StoreIdentityRules },
): Promise<IdentityConflict | null> {
  const others = await readers.xeroConnections.storesSharingTenant(input.tenantId, input.storeId);
  for (const otherStoreId of others) {
    const [store, current] = await Promise.all([
      readers.stores.get(otherStoreId),
      readCurrentSettings(readers.settings, otherStoreId).catch(() => null),
    ]);
    if (!store || !current) continue;
    const overlap = identityOverlap(input.rules, identityRulesOf(store.url, current.settings));
    if (overlap) return conflict(input.storeId, otherStoreId, overlap, input.rules);
  }
  return null;
}

/**
 * The conflict of a store with these settings in the organisation `tenantId`, or (without `tenantId`) in the
 * organisation its Xero connection points at; null when it has none or every identity is distinct.
 */
export async function identityConflictOfStore(
  readers: SharedOrganisationReaders & {
    xeroConnections: { get(storeId: string): Promise<{ tenantId: string } | null> };
  },
  store: { id: string; url: string },
  settings: MappingSettings,
  tenantId?: string,
): Promise<IdentityConflict | null> {
  const tenant = tenantId ?? (await readers.xeroConnections.get(store.id))?.tenantId;
  if (tenant === undefined) return null;
  return findIdentityConflict(readers, {
    storeId: store.id,
    tenantId: tenant,
    rules: identityRulesOf(store.url, settings),
  });
}

function conflict(
  storeId: string,
  otherStoreId: string,
  overlap: 'numbers' | 'references',
  rules: StoreIdentityRules,
): IdentityConflict {
  const shared = `Store ${storeId} shares its Xero organisation with store ${otherStoreId}`;
  if (overlap === 'numbers') {
    const pattern = `${rules.numbering.prefix}{number}${rules.numbering.suffix}`;
    return {
      otherStoreId,
      field: 'numbering.prefix',
      message:
        `${shared}, and both stores' document numbers can take the form "${pattern}", so one store's order could be ` +
        'booked onto the other store\'s document. Give each store its own numbering.prefix (for example "B-") ' +
        "that does not start the other store's prefix.",
    };
  }
  return {
    otherStoreId,
    field: 'reference',
    message:
      `${shared}, Xero numbers the documents, and both stores' References read "${rules.reference}", so one ` +
      "store's order could be booked onto the other store's document. Give this store its own reference template " +
      '(for example with {store}) or its own numbering.prefix.',
  };
}
