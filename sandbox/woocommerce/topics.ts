const RESOURCES = ['coupon', 'customer', 'order', 'product'];
const EVENTS = ['created', 'updated', 'deleted', 'restored'];
const FORBIDDEN_ACTIONS = [
  'action.woocommerce_login_credentials',
  'action.woocommerce_product_csv_importer_check_import_file_path',
  'action.woocommerce_webhook_should_deliver',
];

/** `wc_is_webhook_valid_topic`: resource.event pairs, `product.published`, and `action.woocommerce_*` / `action.wc_*`. */
export function isValidTopic(topic: string): boolean {
  if (topic.startsWith('action.')) {
    return /^action\.(woocommerce_|wc_)/.test(topic) && !FORBIDDEN_ACTIONS.includes(topic);
  }
  const [resource, event, extra] = topic.split('.');
  if (extra !== undefined) return false;
  return RESOURCES.includes(resource) && (EVENTS.includes(event) || topic === 'product.published');
}

/** The WordPress hooks behind a topic, as `GET /webhooks` reports them in `hooks`. */
export function topicHooks(topic: string): string[] {
  const table: Record<string, string[]> = {
    'order.created': ['woocommerce_new_order'],
    'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded', 'woocommerce_delete_order_refund'],
    'order.deleted': ['wp_trash_post', 'woocommerce_trash_order'],
    'order.restored': ['untrashed_post', 'woocommerce_untrash_order'],
    'product.created': [
      'woocommerce_process_product_meta',
      'woocommerce_new_product',
      'woocommerce_new_product_variation',
    ],
    'product.updated': [
      'woocommerce_process_product_meta',
      'woocommerce_update_product',
      'woocommerce_update_product_variation',
    ],
    'product.deleted': ['wp_trash_post'],
    'product.restored': ['untrashed_post'],
  };
  if (topic.startsWith('action.')) return [topic.slice('action.'.length)];
  return table[topic] ?? [];
}

/** Splits `order.updated` into resource and event (`action` topics: resource `action`, event the hook). */
export function splitTopic(topic: string): { resource: string; event: string } {
  const dot = topic.indexOf('.');
  return { resource: topic.slice(0, dot), event: topic.slice(dot + 1) };
}
