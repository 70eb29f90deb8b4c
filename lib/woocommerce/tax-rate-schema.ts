import { z } from 'zod';

/** A row of the store's tax rate table as `GET /taxes` returns it (`rate` a 4-decimal string such as "8.8750"). */
export const wooTaxRateSchema = z.looseObject({
  id: z.number().int(),
  country: z.string(),
  state: z.string(),
  rate: z.string().regex(/^\d+(\.\d+)?$/, 'expected a percentage such as "8.8750"'),
  name: z.string(),
  priority: z.number().int(),
  compound: z.boolean(),
  shipping: z.boolean(),
  order: z.number().int(),
  /** `"standard"` for the standard class (order lines and products say `""`). */
  class: z.string(),
  postcodes: z.array(z.string()).default([]),
  cities: z.array(z.string()).default([]),
});

/** A WooCommerce tax rate as read from the REST API. */
export type WooTaxRate = z.infer<typeof wooTaxRateSchema>;
