import { z } from 'zod';

/** A product category as listed in a product's `categories[]`. */
export const wooProductCategorySchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
});

/** The fields of a WooCommerce REST v3 product (or variation, `type: "variation"`) that the sync reads. */
export const wooProductSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  sku: z.string(),
  price: z.string(),
  regular_price: z.string(),
  sale_price: z.string(),
  tax_status: z.string(),
  tax_class: z.string(),
  parent_id: z.number().int().default(0),
  /** A variation's categories are its parent product's. */
  categories: z.array(wooProductCategorySchema).default([]),
});

/** A WooCommerce product or variation as read from the REST API. */
export type WooProduct = z.infer<typeof wooProductSchema>;
/** A product category as read from the REST API. */
export type WooProductCategory = z.infer<typeof wooProductCategorySchema>;
