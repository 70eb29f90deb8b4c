import { defaultMappingSettings, type MappingSettings } from '../../lib/mapping';
import { wooRefundSchema, type WooRefund } from '../../lib/woocommerce/refund-schema';
import type { AppliedEffect, HeldDocument } from '../../lib/lifecycle/order-changes';
import type { OrderChangeInput } from '../../lib/lifecycle/plan-order-changes';
import { handBuiltOrder, mappingContext } from '../mapping/fixtures';

/** Settings for the hand-built AUD order: its 10 % GST rate (id 1) maps to GST10. */
export function gstSettings(overrides: Partial<MappingSettings> = {}): MappingSettings {
  const settings = defaultMappingSettings();
  return {
    ...settings,
    taxes: { ...settings.taxes, byWooRateId: { '1': 'GST10' } },
    payments: { ...settings.payments, record: true },
    ...overrides,
  };
}

/** A refund as WooCommerce lists it, from the given lines (negative amounts) and amount. */
export function refundOf(fields: Record<string, unknown>): WooRefund {
  return wooRefundSchema.parse({
    id: 901,
    date_created: '2024-02-03T10:00:00',
    date_created_gmt: '2024-02-02T23:00:00',
    amount: '0.00',
    reason: '',
    meta_data: [],
    line_items: [],
    ...fields,
  });
}

/** One Mug (of the hand-built order's two, line 11) refunded with its GST. */
export function mugRefundLine(): Record<string, unknown> {
  return {
    id: 921,
    name: 'Mug',
    product_id: 101,
    variation_id: 0,
    quantity: -1,
    tax_class: '',
    subtotal: '-18.00',
    subtotal_tax: '-1.80',
    total: '-18.00',
    total_tax: '-1.80',
    taxes: [{ id: 1, total: '-1.8', subtotal: '-1.8' }],
    meta_data: [{ id: 1, key: '_refunded_item_id', value: '11' }],
    sku: 'MUG-1',
    price: -18,
  };
}

/** The hand-built order's invoice (70.95) as Xero holds it, with the given amounts. */
export function heldInvoice(overrides: Partial<HeldDocument> = {}): HeldDocument {
  return {
    kind: 'invoice',
    documentId: 'inv-1',
    number: 'WC-5001',
    status: 'AUTHORISED',
    contactId: 'contact-1',
    currency: 'AUD',
    total: '70.95',
    amountDue: '70.95',
    amountPaid: '0.00',
    amountCredited: '0.00',
    ...overrides,
  };
}

/** One look's input for the hand-built order: unpaid, its invoice approved, nothing applied yet. */
export function changeInput(overrides: Partial<OrderChangeInput> = {}): OrderChangeInput {
  return {
    order: handBuiltOrder(),
    refunds: [],
    settings: gstSettings(),
    ctx: mappingContext(),
    held: heldInvoice(),
    applied: [],
    bookedDigest: null,
    ...overrides,
  };
}

/** An effect as the ledger records it, with only what a test names. */
export const appliedEffect = (
  fields: Partial<AppliedEffect> & Pick<AppliedEffect, 'effectId' | 'kind'>,
): AppliedEffect => ({ xeroId: null, xeroNumber: null, amount: null, ...fields });
