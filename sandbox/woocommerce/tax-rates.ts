/** A row of the store's tax rate table (`/taxes`). `taxClass` is `''` for the standard class. */
export interface TaxRate {
  id: number;
  /** Percent, e.g. 15 for 15%. */
  rate: number;
  name: string;
  country: string;
  state: string;
  priority: number;
  compound: boolean;
  /** Whether the rate also applies to shipping. */
  shipping: boolean;
  taxClass: string;
  order: number;
}

/** Where tax is calculated for (the order's shipping address, else billing, else the store's base). */
export interface TaxLocation {
  country: string;
  state: string;
}

/** `WC_Tax::find_rates`: rates of a class matching the location, most specific first, one per priority. */
export function findRates(table: readonly TaxRate[], location: TaxLocation, taxClass: string): TaxRate[] {
  const matching = table.filter(
    (rate) =>
      rate.taxClass === taxClass &&
      (rate.country === '' || rate.country.toUpperCase() === location.country.toUpperCase()) &&
      (rate.state === '' || rate.state.toUpperCase() === location.state.toUpperCase()),
  );
  const specificity = (rate: TaxRate) => (rate.country === '' ? 0 : 1) + (rate.state === '' ? 0 : 1);
  matching.sort(
    (a, b) => a.priority - b.priority || specificity(b) - specificity(a) || a.order - b.order || a.id - b.id,
  );
  const seenPriorities = new Set<number>();
  return matching.filter((rate) => {
    if (seenPriorities.has(rate.priority)) return false;
    seenPriorities.add(rate.priority);
    return true;
  });
}

/** `WC_Tax::find_shipping_rates`: the matching rates that also apply to shipping. */
export function findShippingRates(table: readonly TaxRate[], location: TaxLocation, taxClass: string): TaxRate[] {
  return findRates(table, location, taxClass).filter((rate) => rate.shipping);
}

/** `WC_Tax::get_rate_code`: `COUNTRY-STATE-NAME-PRIORITY`, empty parts left out, e.g. `NZ-GST-1`. */
export function rateCode(rate: TaxRate): string {
  const parts = [rate.country, rate.state, rate.name === '' ? 'TAX' : rate.name, String(rate.priority)];
  return parts
    .filter((part) => part !== '')
    .join('-')
    .toUpperCase();
}

/** `WC_Tax::get_rate_label`: the rate's name, or "Tax". */
export function rateLabel(rate: TaxRate): string {
  return rate.name === '' ? 'Tax' : rate.name;
}
