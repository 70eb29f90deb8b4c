/** Public surface of the pure WooCommerce → Xero mapping (no I/O; safe to import from workflow code). */
export { MappingError } from './errors';
export {
  defaultMappingSettings,
  mappingSettingsSchema,
  type MappingSettings,
  type MappingSettingsInput,
} from './settings';
export type { ComputedTotals, MappingContext, XeroDocumentPlan, XeroOrgContext, XeroTaxRate } from './types';
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
