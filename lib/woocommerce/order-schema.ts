import { z } from 'zod';

/** A money amount as WooCommerce formats it: a decimal string (e.g. "12.50", "-3.00", "18000"). */
export const wooMoney = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');

/** A raw stored tax amount, not formatted to the store's decimals (may be "" for missing subtotals). */
const wooRawTax = z.string().regex(/^(-?\d+(\.\d+)?)?$/, 'expected a decimal string or ""');

const taxShare = z.object({ id: z.number().int(), total: wooRawTax, subtotal: wooRawTax });

/** A meta_data entry of an order, line or refund. */
export const metaEntry = z.looseObject({ id: z.number().int().optional(), key: z.string(), value: z.unknown() });

const address = z.looseObject({
  first_name: z.string().default(''),
  last_name: z.string().default(''),
  company: z.string().default(''),
  address_1: z.string().default(''),
  address_2: z.string().default(''),
  city: z.string().default(''),
  state: z.string().default(''),
  postcode: z.string().default(''),
  country: z.string().default(''),
  phone: z.string().nullish(),
});

/** A product line of an order; line amounts are always tax-exclusive. */
export const wooLineItemSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  product_id: z.number().int(),
  variation_id: z.number().int(),
  quantity: z.number(),
  tax_class: z.string(),
  subtotal: wooMoney,
  subtotal_tax: wooMoney,
  total: wooMoney,
  total_tax: wooMoney,
  taxes: z.array(taxShare),
  meta_data: z.array(metaEntry).default([]),
  sku: z.string().nullable(),
  price: z.number(),
  parent_name: z.string().nullish(),
});

/** A tax line: one per tax rate applied to the order. */
export const wooTaxLineSchema = z.looseObject({
  id: z.number().int(),
  rate_code: z.string(),
  rate_id: z.number().int(),
  label: z.string(),
  compound: z.boolean(),
  tax_total: wooMoney,
  shipping_tax_total: wooMoney,
  rate_percent: z.number().nullish(),
});

/** A shipping line. */
export const wooShippingLineSchema = z.looseObject({
  id: z.number().int(),
  method_title: z.string(),
  method_id: z.string(),
  total: wooMoney,
  total_tax: wooMoney,
  taxes: z.array(taxShare),
});

/** A fee line; a negative total is a discount. */
export const wooFeeLineSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  tax_class: z.string(),
  tax_status: z.string(),
  total: wooMoney,
  total_tax: wooMoney,
  taxes: z.array(taxShare),
});

/** A coupon line; its discount is already inside the line totals. */
export const wooCouponLineSchema = z.looseObject({
  id: z.number().int(),
  code: z.string(),
  discount: wooMoney,
  discount_tax: wooMoney,
  discount_type: z.string().optional(),
  nominal_amount: z.number().optional(),
  free_shipping: z.boolean().optional(),
});

/** The fields of a WooCommerce REST v3 order that the sync reads. */
export const wooOrderSchema = z.looseObject({
  id: z.number().int(),
  parent_id: z.number().int(),
  number: z.string(),
  order_key: z.string(),
  status: z.string(),
  currency: z.string().length(3),
  date_created: z.string(),
  date_created_gmt: z.string(),
  date_modified: z.string().nullable(),
  date_modified_gmt: z.string().nullable(),
  date_paid: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  discount_total: wooMoney,
  discount_tax: wooMoney,
  shipping_total: wooMoney,
  shipping_tax: wooMoney,
  cart_tax: wooMoney,
  total: wooMoney,
  total_tax: wooMoney,
  prices_include_tax: z.boolean(),
  customer_id: z.number().int(),
  customer_note: z.string().default(''),
  billing: address.extend({ email: z.string().nullish() }),
  shipping: address,
  payment_method: z.string(),
  payment_method_title: z.string(),
  transaction_id: z.string().default(''),
  meta_data: z.array(metaEntry).default([]),
  line_items: z.array(wooLineItemSchema),
  tax_lines: z.array(wooTaxLineSchema).default([]),
  shipping_lines: z.array(wooShippingLineSchema).default([]),
  fee_lines: z.array(wooFeeLineSchema).default([]),
  coupon_lines: z.array(wooCouponLineSchema).default([]),
  refunds: z
    .array(z.looseObject({ id: z.number().int(), reason: z.string().default(''), total: wooMoney.optional() }))
    .default([]),
});

/** A WooCommerce order as read from the REST API. */
export type WooOrder = z.infer<typeof wooOrderSchema>;
/** A product line of a WooCommerce order. */
export type WooLineItem = z.infer<typeof wooLineItemSchema>;
