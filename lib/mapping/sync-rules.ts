import type { WooOrder } from '../woocommerce/order-schema';
import type { MappingSettings } from './settings';

type SyncOrder = Pick<WooOrder, 'status' | 'payment_method'>;

/** Why an order is not synced (its status is not one of `syncStatuses`), or undefined when it is. */
export function shouldSync(order: SyncOrder, settings: Pick<MappingSettings, 'syncStatuses'>): string | undefined {
  const status = order.status.toLowerCase();
  if (settings.syncStatuses.includes(status)) {
    return undefined;
  }
  return `status "${order.status}" is not one of the statuses synced to Xero (syncStatuses: ${settings.syncStatuses.join(', ')})`;
}

/** Invoice or quote: the first `documentRules` entry matching the order's status and payment method, else `documentType`. */
export function chooseDocumentType(
  order: SyncOrder,
  settings: Pick<MappingSettings, 'documentRules' | 'documentType'>,
): MappingSettings['documentType'] {
  const status = order.status.toLowerCase();
  const method = order.payment_method.toLowerCase();
  const rule = settings.documentRules.find(
    (candidate) =>
      (candidate.statuses.length === 0 || candidate.statuses.includes(status)) &&
      (candidate.paymentMethods.length === 0 ||
        candidate.paymentMethods.some((listed) => listed.toLowerCase() === method)),
  );
  return rule?.documentType ?? settings.documentType;
}
