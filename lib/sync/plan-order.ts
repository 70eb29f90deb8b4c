import { mapOrderToXero, shouldSync, type XeroDocumentPlan, type XeroOrgContext } from '../mapping';
import type { WooOrder } from '../woocommerce/order-schema';
import type { VersionedMappingSettings } from './store-settings';

/** The Xero document planned for an order, with the settings version it was planned under. */
export type PlannedOrder = XeroDocumentPlan & {
  settingsVersion: number;
  /** What to do when Xero says the planned number is taken by another document (`numbering.onDuplicate`). */
  onDuplicateNumber: 'fail' | 'suffix';
};

/** An order the settings leave out of Xero, with the reason and the settings version that decided it. */
export interface SkippedOrder {
  skipReason: string;
  settingsVersion: number;
}

/** What planning one order needs: the store, the order, its settings and a reader of the organisation's context. */
export interface PlanOrderInput {
  store: { id: string; url: string };
  order: WooOrder;
  settings: VersionedMappingSettings;
  /** Read only when the order is synced, so a skipped order costs no Xero call. */
  orgContext: (storeId: string) => Promise<XeroOrgContext>;
}

/** Decides whether the order is synced and, if so, maps it to its Xero document; throws MappingError. */
export async function planOrder(input: PlanOrderInput): Promise<PlannedOrder | SkippedOrder> {
  const { store, order, settings } = input;
  const settingsVersion = settings.version;
  const skipReason = shouldSync(order, settings.settings);
  if (skipReason) return { skipReason, settingsVersion };
  const org = await input.orgContext(store.id);
  return {
    ...mapOrderToXero(order, settings.settings, { storeId: store.id, storeUrl: store.url, org }),
    settingsVersion,
    onDuplicateNumber: settings.settings.numbering.onDuplicate,
  };
}
