/** The URL a store's WooCommerce webhooks must be delivered to. */
export function webhookUrlFor(publicUrl: string, storeId: string): string {
  return `${publicUrl}/webhooks/woocommerce/${encodeURIComponent(storeId)}`;
}

/** The order topics the service subscribes each store to: created, updated, trashed and restored. */
export const STORE_WEBHOOK_TOPICS = ['order.created', 'order.updated', 'order.deleted', 'order.restored'] as const;
