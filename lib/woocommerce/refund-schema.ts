import { z } from 'zod';
import { metaEntry, wooFeeLineSchema, wooLineItemSchema, wooMoney, wooShippingLineSchema } from './order-schema';

/** The meta key WooCommerce puts on a refunded line: the id of the order line it refunds. */
export const REFUNDED_ITEM_META_KEY = '_refunded_item_id';

const refundLineMeta = z.array(metaEntry).default([]);

/**
 * A refund of an order (`GET /orders/{id}/refunds`): a positive `amount`, and the refunded lines with negative
 * quantities and amounts, each naming the order line it refunds in `_refunded_item_id`.
 */
export const wooRefundSchema = z.looseObject({
  id: z.number().int(),
  date_created: z.string(),
  date_created_gmt: z.string(),
  amount: wooMoney,
  reason: z.string().default(''),
  refunded_payment: z.boolean().optional(),
  meta_data: z.array(metaEntry).default([]),
  line_items: z.array(wooLineItemSchema.extend({ meta_data: refundLineMeta })).default([]),
  shipping_lines: z.array(wooShippingLineSchema.extend({ meta_data: refundLineMeta })).default([]),
  fee_lines: z.array(wooFeeLineSchema.extend({ meta_data: refundLineMeta })).default([]),
  tax_lines: z
    .array(z.looseObject({ id: z.number().int(), rate_id: z.number().int(), tax_total: wooMoney }))
    .default([]),
});

/** A WooCommerce order refund as read from the REST API. */
export type WooRefund = z.infer<typeof wooRefundSchema>;

/** The id of the order line a refund line refunds, or undefined when WooCommerce recorded none. */
export function refundedItemId(line: { meta_data: Array<{ key: string; value: unknown }> }): number | undefined {
  const entry = line.meta_data.find((meta) => meta.key === REFUNDED_ITEM_META_KEY);
  const id = Number(entry?.value);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
