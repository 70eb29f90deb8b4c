import { z } from 'zod';

/** An order note as `GET/POST /orders/{id}/notes` return it. */
export const wooOrderNoteSchema = z.looseObject({
  id: z.number().int(),
  author: z.string().default('system'),
  date_created: z.string().nullable().default(null),
  date_created_gmt: z.string().nullable().default(null),
  note: z.string(),
  customer_note: z.boolean().default(false),
});

/** A WooCommerce order note. */
export type WooOrderNote = z.infer<typeof wooOrderNoteSchema>;
