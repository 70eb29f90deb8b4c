import { z } from 'zod';
import { WooApiError } from './errors';

/** One option of a settings group as `GET /settings/{group}` returns it; values are WooCommerce's stored strings. */
export const wooSettingOptionSchema = z.looseObject({ id: z.string(), value: z.unknown() });

/** A settings group's options. */
export type WooSettingOptions = Array<z.infer<typeof wooSettingOptionSchema>>;

/** What activation needs to know about a store's money and tax settings. */
export interface WooStoreFacts {
  /** `woocommerce_currency`, ISO 4217. */
  currency: string;
  /** `woocommerce_price_num_decimals` (a string in the API, e.g. "2"; "0" for CLP stores). */
  decimals: number;
  /** `woocommerce_prices_include_tax`. */
  pricesIncludeTax: boolean;
  /** `woocommerce_calc_taxes`. */
  taxesEnabled: boolean;
  /** `woocommerce_tax_round_at_subtotal`. */
  roundTaxAtSubtotal: boolean;
}

const yesNo = z.enum(['yes', 'no']).transform((value) => value === 'yes');
const FACTS = {
  currency: ['general', 'woocommerce_currency', z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code')],
  decimals: [
    'general',
    'woocommerce_price_num_decimals',
    z.union([z.string().regex(/^\d+$/, 'expected a whole number'), z.number().int().nonnegative()]).transform(Number),
  ],
  taxesEnabled: ['general', 'woocommerce_calc_taxes', yesNo],
  pricesIncludeTax: ['tax', 'woocommerce_prices_include_tax', yesNo],
  roundTaxAtSubtotal: ['tax', 'woocommerce_tax_round_at_subtotal', yesNo],
} as const;

/** Reads the facts from the `general` and `tax` settings groups; a missing or malformed option is `invalid_response`. */
export function storeFactsFromSettings(groups: { general: WooSettingOptions; tax: WooSettingOptions }): WooStoreFacts {
  const read = <T>(group: 'general' | 'tax', id: string, schema: z.ZodType<T>): T => {
    const option = groups[group].find((candidate) => candidate.id === id);
    const parsed = schema.safeParse(option?.value);
    if (parsed.success) return parsed.data;
    const problem =
      option === undefined ? 'is missing' : `has an unexpected value (${parsed.error.issues[0]?.message})`;
    throw new WooApiError({
      status: 200,
      code: 'invalid_response',
      message: `WooCommerce GET /settings/${group}: the option ${id} ${problem}`,
    });
  };
  return {
    currency: read(...FACTS.currency),
    decimals: read(...FACTS.decimals),
    pricesIncludeTax: read(...FACTS.pricesIncludeTax),
    taxesEnabled: read(...FACTS.taxesEnabled),
    roundTaxAtSubtotal: read(...FACTS.roundTaxAtSubtotal),
  };
}
