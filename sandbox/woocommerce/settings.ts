import type { TaxLocation, TaxRate } from './tax-rates';

/** Store-wide settings the fake WooCommerce store behaves by. */
export interface StoreSettings {
  /** Origin of the store, e.g. `http://127.0.0.1:8081`; `home_url('/')` is this plus `/`. */
  url: string;
  currency: string;
  decimals: number;
  pricesIncludeTax: boolean;
  roundTaxAtSubtotal: boolean;
  /** `woocommerce_calc_taxes`; only `false` turns taxes off (orders are then priced without taxes). */
  taxesEnabled?: boolean;
  /** Site time zone as a fixed offset from UTC, in minutes. */
  utcOffsetMinutes: number;
  baseLocation: TaxLocation;
  /** Tax class slugs after the standard class (`''`), in the store's order. */
  taxClasses: string[];
  taxRates: TaxRate[];
  wcVersion: string;
  wpVersion: string;
  now: () => Date;
}

/** Formats an instant as WooCommerce does in REST dates: `YYYY-MM-DDTHH:MM:SS`, no offset, shifted by `offsetMinutes`. */
export function wooDate(instant: Date, offsetMinutes: number): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
}

/** The pair of site-local and GMT renderings of an instant (or nulls). */
export function wooDatePair(instant: Date | null, offsetMinutes: number): [string | null, string | null] {
  return instant === null ? [null, null] : [wooDate(instant, offsetMinutes), wooDate(instant, 0)];
}

/** An instant truncated to whole seconds, as WordPress stores dates. */
export function wholeSeconds(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/** HTML entity of a currency symbol, as WooCommerce reports it. */
export function currencySymbol(code: string): string {
  const symbols: Record<string, string> = { EUR: '&euro;', GBP: '&pound;', JPY: '&yen;', INR: '&#8377;' };
  return ['USD', 'NZD', 'AUD', 'CAD', 'SGD', 'HKD', 'MXN'].includes(code) ? '&#36;' : (symbols[code] ?? code);
}
