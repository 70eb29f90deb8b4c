import { z } from 'zod';

/** The order statuses synced by default: the sale happened (paid, fulfilled, or awaiting a bank transfer). */
export const DEFAULT_SYNC_STATUSES = ['processing', 'completed', 'on-hold'] as const;

/** The most tracking categories Xero allows on a line. */
export const MAX_TRACKING_CATEGORIES = 2;

/** The most entries a mapping (category → account, rate → tax type, value → tracking option) may hold. */
export const MAX_MAPPING_ENTRIES = 1000;

/**
 * A mapping from `key` to `value` of at most MAX_MAPPING_ENTRIES entries, counted before any entry is validated,
 * so an oversized mapping costs one check and gives one message.
 */
export function boundedRecord(key: z.ZodType<string, string>, value: z.ZodType<string, string>) {
  return z
    .custom<Record<string, string>>((input) => typeof input === 'object' && input !== null, 'expected an object')
    .check((ctx) => {
      if (Object.keys(ctx.value).length > MAX_MAPPING_ENTRIES) {
        ctx.issues.push({
          code: 'custom',
          message: `at most ${MAX_MAPPING_ENTRIES} entries`,
          input: ctx.value,
          abort: true,
        });
      }
    })
    .pipe(z.record(key, value));
}

/** An order status slug as the REST API reports it (without the `wc-` prefix). */
export const orderStatusSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,40}$/, 'expected an order status slug such as "processing" or "on-hold"')
  .refine((slug) => !slug.startsWith('wc-'), { message: 'write the status without the "wc-" prefix' });

/** A WooCommerce payment method (gateway) id as orders carry it in `payment_method`. */
export const paymentMethodId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a payment method id such as "bacs", "cod" or "stripe"');

/** One rule choosing invoice or quote: it matches when the order's status and payment method are both listed. */
export const documentRuleSchema = z.object({
  /** Order statuses this rule applies to; empty means any status. */
  statuses: z.array(orderStatusSlug).max(20).default([]),
  /** Payment method ids (`payment_method`) this rule applies to; empty means any method. */
  paymentMethods: z.array(paymentMethodId).max(50).default([]),
  documentType: z.enum(['invoice', 'quote'], { message: 'expected "invoice" or "quote"' }),
});

/** How the invoice DueDate follows from the order date. */
export const dueDateRuleSchema = z.enum(['days-after-order', 'day-of-following-month'], {
  message: 'expected "days-after-order" or "day-of-following-month"',
});

/** Where a contact is looked for in Xero, in order. */
export const contactMatchFieldSchema = z.enum(['email', 'name', 'company'], {
  message: 'expected "email", "name" or "company"',
});

/** How contacts are matched, named and created. */
export const contactSettingsSchema = z.object({
  /** Fields to look the contact up by, in order; the first hit wins. */
  matchOrder: z
    .array(contactMatchFieldSchema)
    .min(1, 'choose at least one field to match contacts by')
    .max(3)
    .refine((fields) => new Set(fields).size === fields.length, { message: 'each match field may appear once' })
    .default(['email', 'name']),
  /** `company-else-person`: billing company, else "First Last"; `person`: "First Last"; `last-first`: "Last, First". */
  nameFormat: z
    .enum(['company-else-person', 'person', 'last-first'], {
      message: 'expected "company-else-person", "person" or "last-first"',
    })
    .default('company-else-person'),
});

/** Where a tracking option comes from: one fixed option, or a value of the order mapped to an option. */
export const trackingSourceSchema = z.enum(['fixed', 'billing-country', 'shipping-country', 'store'], {
  message: 'expected "fixed", "billing-country", "shipping-country" or "store"',
});

const trackingName = z.string().trim().min(1, 'must not be empty').max(100, 'Xero names have at most 100 characters');

/** One tracking category applied to every line of the document. */
export const trackingSettingSchema = z
  .object({
    /** The Xero tracking category's name, e.g. "Region". */
    category: trackingName,
    source: trackingSourceSchema.default('fixed'),
    /** The option for `fixed`; for the other sources, the option used when the value has no mapping. */
    option: trackingName.optional(),
    /** Order value (country code, store host) → option name; unmapped values are used as the option name. */
    options: boundedRecord(z.string().trim().min(1).max(255), trackingName).default({}),
  })
  .refine((setting) => setting.source !== 'fixed' || setting.option !== undefined, {
    message: 'a fixed tracking category needs an option',
    path: ['option'],
  });

/** Up to two tracking categories, each at most once. */
export const trackingSettingsSchema = z
  .array(trackingSettingSchema)
  .max(MAX_TRACKING_CATEGORIES, `Xero allows at most ${MAX_TRACKING_CATEGORIES} tracking categories on a line`)
  .refine((settings) => new Set(settings.map((setting) => setting.category.toLowerCase())).size === settings.length, {
    message: 'each tracking category may appear once',
  })
  .default([]);
