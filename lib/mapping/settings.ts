import { z } from 'zod';
import {
  boundedRecord,
  contactSettingsSchema,
  DEFAULT_SYNC_STATUSES,
  documentRuleSchema,
  dueDateRuleSchema,
  orderStatusSlug,
  paymentMethodId,
  trackingSettingsSchema,
} from './settings-rules';

/** Placeholders a reference template may use; `{number}` or `{id}` makes it unique per order. */
export const REFERENCE_PLACEHOLDERS = ['number', 'id', 'store'] as const;

const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/g;

const accountCode = z
  .string()
  .trim()
  .min(1, 'expected a Xero account code such as "200"')
  .max(10, 'a Xero account code has at most 10 characters');
const taxType = z
  .string()
  .trim()
  .min(1, 'expected a Xero tax type such as "OUTPUT2"')
  .max(50, 'a Xero tax type has at most 50 characters');
const SLUG_KEY = /^[a-z0-9_-]{1,200}$/;
const MAX_KEY_LENGTH = 200;

/** A bounded record whose keys (200 characters at most) must match `pattern`; each bad key is reported at its path. */
function keyedRecord(pattern: RegExp, message: string, value: z.ZodType<string, string>) {
  return boundedRecord(z.string(), value).superRefine((record, ctx) => {
    const bad = (key: string): boolean => key.length > MAX_KEY_LENGTH || !pattern.test(key);
    for (const key of Object.keys(record).filter(bad)) {
      ctx.addIssue({ code: 'custom', message, path: [key.length > MAX_KEY_LENGTH ? `${key.slice(0, 40)}…` : key] });
    }
  });
}
const nonNegativeDecimal = z
  .string()
  .max(20, 'expected a short decimal string such as "0.05"')
  .regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal string such as "0.05"')
  .refine((value) => Number(value) <= 1, { message: 'a rounding line may absorb at most 1 (a few cents is typical)' });

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
  /** When Xero already holds the number: `fail` with a clear error, or take `{number}-2`, `{number}-3`, … in turn. */
  onDuplicate: z.enum(['fail', 'suffix'], { message: 'expected "fail" or "suffix"' }).default('fail'),
});

/** Xero account codes per kind of line. */
export const accountSettingsSchema = z.object({
  sales: accountCode.default('200'),
  shipping: accountCode.default('200'),
  fees: accountCode.default('200'),
  rounding: accountCode.default('860'),
  /** Coupon discounts, when `discountDisplay` is `separate-line`. */
  discounts: accountCode.default('200'),
  /** Sales account by product category slug (categories come from `ctx.productCategories`); first match wins. */
  byCategory: keyedRecord(SLUG_KEY, 'expected a lower-case category slug such as "books"', accountCode).default({}),
  /** Sales account by WooCommerce tax class slug (`standard` for the standard class); used after categories. */
  byTaxClass: keyedRecord(
    SLUG_KEY,
    'expected a tax class slug such as "standard" or "reduced-rate"',
    accountCode,
  ).default({}),
});

/** How WooCommerce payments become Xero payments on the order's invoice. */
export const paymentSettingsSchema = z.object({
  /**
   * Record a Xero payment when WooCommerce says the order is paid. Off until the merchant turns it on with the
   * accounts that match their organisation's bank and clearing accounts (off: the accountant reconciles by hand).
   */
  record: z.boolean().default(false),
  /** The bank or clearing account payments go to when `byGateway` names none for the order's gateway. */
  defaultAccount: accountCode.default('090'),
  /** Account per payment method id (`stripe` → a Stripe clearing account); Xero needs a bank account or one with payments enabled. */
  byGateway: boundedRecord(paymentMethodId, accountCode).default({}),
  /** Gateways whose orders are paid only once completed (cash on delivery is "processing" before the cash arrives). */
  paidOnCompletion: z.array(paymentMethodId).max(50).default(['cod']),
  /**
   * The order meta key holding the exchange rate the store charged at (order-currency units per unit of the
   * organisation's base currency), for orders in another currency than the organisation's; unset: Xero applies its
   * own rate. WooCommerce's REST API hides keys starting with `_` (where multi-currency plugins keep their rate),
   * so the rate must be copied to a visible key, e.g. by the service's WordPress plugin.
   */
  exchangeRateMetaKey: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((key) => !key.startsWith('_'), {
      message: 'WooCommerce’s REST API hides meta keys that start with "_"; copy the rate to a visible key',
    })
    .optional(),
});

/** What happens in Xero when an order is trashed or deleted for good in WooCommerce. */
export const lifecycleSettingsSchema = z.object({
  /** `void`: void the unpaid invoice (delete a draft), as for a cancelled order; `keep`: leave Xero as it is. */
  onTrash: z.enum(['void', 'keep'], { message: 'expected "void" or "keep"' }).default('void'),
  /**
   * An edited order whose invoice is approved and unpaid: `update` it in place (Xero allows it while nothing is paid
   * or credited), or `void-and-reissue` it under the next number (`WC-42-2`) for accountants who never edit an
   * approved invoice. Draft invoices are always updated; paid ones never change (the difference is reported).
   */
  approvedEdits: z
    .enum(['update', 'void-and-reissue'], { message: 'expected "update" or "void-and-reissue"' })
    .default('update'),
});

/** Xero tax types: the default for taxed and untaxed lines, and overrides by WooCommerce tax rate id. */
export const taxSettingsSchema = z.object({
  taxed: taxType.default('OUTPUT2'),
  untaxed: taxType.default('NONE'),
  /** Keys are a WooCommerce rate id ("75") or, for lines taxed by several rates, ids joined by "+" ("1+2"). */
  byWooRateId: keyedRecord(/^\d+(\+\d+)*$/, 'expected a rate id such as "75" or "1+2"', taxType).default({}),
  /** Tax type for taxed shipping lines whose rate has no `byWooRateId` mapping; absent: `taxed`. */
  shippingTaxed: taxType.optional(),
  /** Tax type for taxed fee lines whose rate has no `byWooRateId` mapping; absent: `taxed`. */
  feeTaxed: taxType.optional(),
});

/** How product lines become Xero items. */
export const itemSettingsSchema = z.object({
  createMissing: z.boolean().default(true),
  codeStrategy: z.enum(['sku']).default('sku'),
  /** When the SKU is missing or longer than 30: derive `WC-P{product}[-V{variation}]`, or use a description-only line. */
  fallback: z.enum(['product-id', 'none']).default('product-id'),
  /** Variation lines: `parent-and-attributes` ("Shirt – Colour: Blue, Size: M") or WooCommerce's own line name. */
  variationNames: z.enum(['parent-and-attributes', 'woocommerce-name']).default('parent-and-attributes'),
});

/** A store's mapping settings; every field has a default that suits a typical store. */
export const mappingSettingsSchema = z.object({
  /** The document type when no `documentRules` entry matches. */
  documentType: z.enum(['invoice', 'quote']).default('invoice'),
  /** Ordered rules by order status and payment method; the first match decides invoice or quote. */
  documentRules: z.array(documentRuleSchema).max(20).default([]),
  /** Order statuses that are synced; any other status is skipped (see `shouldSync`). */
  syncStatuses: z
    .array(orderStatusSlug)
    .min(1, 'choose at least one order status to sync')
    .max(20)
    .default([...DEFAULT_SYNC_STATUSES]),
  invoiceStatus: z.enum(['DRAFT', 'SUBMITTED', 'AUTHORISED']).default('AUTHORISED'),
  quoteStatus: z.enum(['DRAFT', 'SENT']).default('DRAFT'),
  /** `days-after-order`: DueDate = order date + dueDays; `day-of-following-month`: day dueDayOfMonth of next month. */
  dueDateRule: dueDateRuleSchema.default('days-after-order'),
  /** Invoice DueDate = order date + dueDays (with `dueDateRule: days-after-order`). */
  dueDays: z.int().min(0).max(3650).default(0),
  /** Day of the following month the invoice is due (with `dueDateRule: day-of-following-month`); 31 = month end. */
  dueDayOfMonth: z.int().min(1).max(31).default(20),
  /** Xero BrandingThemeID for invoices and quotes; absent: the organisation's default theme. */
  brandingThemeId: z.uuid({ message: 'expected a Xero BrandingThemeID (a UUID)' }).optional(),
  /** Quote ExpiryDate = order date + quoteExpiryDays. */
  quoteExpiryDays: z.int().min(0).max(3650).default(30),
  numbering: numberingSettingsSchema.prefault({}),
  reference: referenceTemplate.default('WooCommerce order #{number}'),
  accounts: accountSettingsSchema.prefault({}),
  payments: paymentSettingsSchema.prefault({}),
  lifecycle: lifecycleSettingsSchema.prefault({}),
  contacts: contactSettingsSchema.prefault({}),
  taxes: taxSettingsSchema.prefault({}),
  /** Send WooCommerce's tax per line as TaxAmount so Xero's tax equals what the customer was charged. */
  sendTaxAmounts: z.boolean().default(true),
  /** The cap on the allowed rounding difference (which grows with the order's rounded amounts, see rounding-allowance). */
  maxRoundingDifference: nonNegativeDecimal.default('1.00'),
  /** `exclusive`: amounts without tax; `follow-store`: tax-inclusive amounts for orders whose prices include tax. */
  lineAmountTypes: z.enum(['exclusive', 'follow-store']).default('exclusive'),
  /** `line-discount`: coupons as each line's DiscountAmount; `separate-line`: one discount line per tax type. */
  discountDisplay: z.enum(['line-discount', 'separate-line']).default('line-discount'),
  items: itemSettingsSchema.prefault({}),
  /** Up to two tracking categories set on every line. */
  tracking: trackingSettingsSchema,
});

/** Parsed mapping settings (every field present). */
export type MappingSettings = z.output<typeof mappingSettingsSchema>;
/** Mapping settings as stored or sent by a merchant (every field optional). */
export type MappingSettingsInput = z.input<typeof mappingSettingsSchema>;

/** The settings a new store starts with. */
export function defaultMappingSettings(): MappingSettings {
  return mappingSettingsSchema.parse({});
}
