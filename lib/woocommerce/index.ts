/** The WooCommerce integration: typed REST client, schemas, errors and webhook signatures. */
export {
  createWooClient,
  type WooClient,
  type WooOrderListQuery,
  type WooOrderPage,
  type WooTaxRatePage,
  type WooWebhookInput,
} from './client';
export { type WooWebhook } from './webhook-schema';
export { type WooStoreFacts } from './store-facts';
export { wooTaxRateSchema, type WooTaxRate } from './tax-rate-schema';
export { readAllTaxRates, type TaxRateReader } from './tax-rates';
export {
  openStoreWooClient,
  type StoreWooAccessReader,
  type StoreWooClient,
  type WooClientFactory,
} from './store-client';
export { WooApiError, isRetryableStatus, wooAccessRefusal, type WooAccessRefusal } from './errors';
export { wooOrderNoteSchema, type WooOrderNote } from './note-schema';
export { wooOrderSchema, type WooOrder, type WooLineItem } from './order-schema';
export { wooProductSchema, wooProductCategorySchema, type WooProduct, type WooProductCategory } from './product-schema';
export { readProductCategories, type ProductCategoryReader } from './product-categories';
export { signWooWebhook, verifyWooWebhookSignature, decodeWordPressSpecialChars } from './webhook-signature';
