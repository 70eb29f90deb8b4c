/** Public surface of the pure WooCommerce → Xero mapping (no I/O; safe to import from workflow code). */
export { MappingError } from './errors';
export {
  defaultMappingSettings,
  mappingSettingsSchema,
  type MappingSettings,
  type MappingSettingsInput,
} from './settings';
export { DEFAULT_SYNC_STATUSES, MAX_TRACKING_CATEGORIES } from './settings-rules';
export { chooseDocumentType, shouldSync } from './sync-rules';
export { fallbackDocumentNumber } from './identity';
export type {
  ComputedTotals,
  ContactMatchField,
  DocumentKind,
  MappingContext,
  XeroAccount,
  XeroDocumentPlan,
  XeroOrgContext,
  XeroTaxRate,
  XeroTrackingCategory,
} from './types';
export type {
  WireAddress,
  WireContact,
  WireInvoice,
  WireItem,
  WireLineAmountType,
  WireLineItem,
  WirePhone,
  WireQuote,
  WireTracking,
} from './wire';
export { computeXeroTotals, XERO_AMOUNT_DECIMALS, XERO_UNIT_DECIMALS, type XeroTotals } from './xero-arithmetic';
export { mapOrderToXero } from './map-order';
