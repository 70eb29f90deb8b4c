import { mapOrderToXero, shouldSync, type XeroDocumentPlan, type XeroOrgContext } from '../mapping';
import type { WooOrder } from '../woocommerce/order-schema';
import { readProductCategories, type ProductCategoryReader } from '../woocommerce/product-categories';
import type { VersionedMappingSettings } from './store-settings';

/** The Xero document planned for an order, with the settings version it was planned under. */
export type PlannedOrder = XeroDocumentPlan & {
  settingsVersion: number;
  /** What to do when Xero says the planned number is taken by another document (`numbering.onDuplicate`). */
  onDuplicateNumber: 'fail' | 'suffix';
};

/** What creating the document needs of a plan: the plan without the totals check and warnings (kept small in history). */
export type DocumentToCreate = Omit<PlannedOrder, 'computed' | 'warnings'>;

/** The plan reduced to what the contact, item and document steps need. */
export function documentToCreate(plan: PlannedOrder): DocumentToCreate {
  const { computed: _computed, warnings: _warnings, ...rest } = plan;
  return rest;
}

/** An order the settings leave out of Xero, with the reason and the settings version that decided it. */
export interface SkippedOrder {
  skipReason: string;
  settingsVersion: number;
}

/** What planning one order needs: the store, the order, its settings and readers of Xero and WooCommerce. */
export interface PlanOrderInput {
  store: { id: string; url: string };
  order: WooOrder;
  settings: VersionedMappingSettings;
  /** Read only when the order is synced, so a skipped order costs no Xero call. */
  orgContext: (storeId: string) => Promise<XeroOrgContext>;
  /** The store's products, read only when `accounts.byCategory` maps a category (line items carry none). */
  woo: ProductCategoryReader;
}

/** Decides whether the order is synced and, if so, maps it to its Xero document; throws MappingError. */
export async function planOrder(input: PlanOrderInput): Promise<PlannedOrder | SkippedOrder> {
  const { store, order, settings } = input;
  const settingsVersion = settings.version;
  const skipReason = shouldSync(order, settings.settings);
  if (skipReason) return { skipReason, settingsVersion };
  const [org, productCategories] = await Promise.all([input.orgContext(store.id), lineCategories(input)]);
  const ctx = { storeId: store.id, storeUrl: store.url, org, ...(productCategories && { productCategories }) };
  return {
    ...mapOrderToXero(order, settings.settings, ctx),
    settingsVersion,
    onDuplicateNumber: settings.settings.numbering.onDuplicate,
  };
}

/** Whether the settings map any product category to an account, so planning reads the order's products. */
export function readsProductCategories(settings: VersionedMappingSettings): boolean {
  return Object.keys(settings.settings.accounts.byCategory).length > 0;
}

/** Category slugs of the order's line products when a setting maps categories to accounts; else no WooCommerce call. */
async function lineCategories(input: PlanOrderInput): Promise<Record<number, string[]> | undefined> {
  if (!readsProductCategories(input.settings)) return undefined;
  return readProductCategories(input.woo, input.order.line_items);
}
