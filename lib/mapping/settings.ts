import { z } from 'zod';

/** Placeholders a reference template may use; `{number}` or `{id}` makes it unique per order. */
export const REFERENCE_PLACEHOLDERS = ['number', 'id', 'store'] as const;

const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/g;

const accountCode = z.string().trim().min(1).max(10, 'a Xero account code has at most 10 characters');
const taxType = z.string().trim().min(1);
const nonNegativeDecimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal string such as "0.05"');

const referenceTemplate = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((template) => [...template.matchAll(PLACEHOLDER_PATTERN)].every(([, name]) => isPlaceholder(name)), {
    message: `unknown placeholder; use ${REFERENCE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
  })
  .refine((template) => template.includes('{number}') || template.includes('{id}'), {
    message: 'the reference must contain {number} or {id} so that it is unique per order',
  });

function isPlaceholder(name: string | undefined): boolean {
  return (REFERENCE_PLACEHOLDERS as readonly string[]).includes(name ?? '');
}

/** How document numbers are chosen: from a template on the order number, or left to Xero's own sequence. */
export const numberingSettingsSchema = z.object({
  mode: z.enum(['template', 'xero']).default('template'),
  prefix: z.string().max(100).default('WC-'),
  suffix: z.string().max(100).default(''),
});

/** Xero account codes per kind of line. */
export const accountSettingsSchema = z.object({
  sales: accountCode.default('200'),
  shipping: accountCode.default('200'),
  fees: accountCode.default('200'),
  rounding: accountCode.default('860'),
});

/** Xero tax types: the default for taxed and untaxed lines, and overrides by WooCommerce tax rate id. */
export const taxSettingsSchema = z.object({
  taxed: taxType.default('OUTPUT2'),
  untaxed: taxType.default('NONE'),
  /** Keys are a WooCommerce rate id ("75") or, for lines taxed by several rates, ids joined by "+" ("1+2"). */
  byWooRateId: z
    .record(z.string().regex(/^\d+(\+\d+)*$/, 'expected a rate id such as "75" or "1+2"'), taxType)
    .default({}),
});

/** How product lines become Xero items. */
export const itemSettingsSchema = z.object({
  createMissing: z.boolean().default(true),
  codeStrategy: z.enum(['sku']).default('sku'),
  /** When the SKU is missing or longer than 30: derive `WC-P{product}[-V{variation}]`, or use a description-only line. */
  fallback: z.enum(['product-id', 'none']).default('product-id'),
});

/** A store's mapping settings; every field has a default that suits a typical store. */
export const mappingSettingsSchema = z.object({
  documentType: z.enum(['invoice', 'quote']).default('invoice'),
  invoiceStatus: z.enum(['DRAFT', 'SUBMITTED', 'AUTHORISED']).default('AUTHORISED'),
  quoteStatus: z.enum(['DRAFT', 'SENT']).default('DRAFT'),
  /** Invoice DueDate = order date + dueDays. */
  dueDays: z.int().min(0).max(3650).default(0),
  /** Quote ExpiryDate = order date + quoteExpiryDays. */
  quoteExpiryDays: z.int().min(0).max(3650).default(30),
  numbering: numberingSettingsSchema.prefault({}),
  reference: referenceTemplate.default('WooCommerce order #{number}'),
  accounts: accountSettingsSchema.prefault({}),
  taxes: taxSettingsSchema.prefault({}),
  /** Send WooCommerce's tax per line as TaxAmount so Xero's tax equals what the customer was charged. */
  sendTaxAmounts: z.boolean().default(true),
  maxRoundingDifference: nonNegativeDecimal.default('0.05'),
  items: itemSettingsSchema.prefault({}),
});

/** Parsed mapping settings (every field present). */
export type MappingSettings = z.output<typeof mappingSettingsSchema>;
/** Mapping settings as stored or sent by a merchant (every field optional). */
export type MappingSettingsInput = z.input<typeof mappingSettingsSchema>;

/** The settings a new store starts with. */
export function defaultMappingSettings(): MappingSettings {
  return mappingSettingsSchema.parse({});
}
