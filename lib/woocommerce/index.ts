/** The WooCommerce integration: typed REST client, schemas, errors and webhook signatures. */
export { createWooClient, type WooClient, type WooOrderListQuery, type WooOrderPage } from './client';
export { WooApiError, isRetryableStatus } from './errors';
export { wooOrderNoteSchema, type WooOrderNote } from './note-schema';
export { wooOrderSchema, type WooOrder, type WooLineItem } from './order-schema';
export { wooProductSchema, type WooProduct } from './product-schema';
export { signWooWebhook, verifyWooWebhookSignature, decodeWordPressSpecialChars } from './webhook-signature';
