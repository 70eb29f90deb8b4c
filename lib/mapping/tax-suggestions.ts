import type { WooTaxRate } from '../woocommerce/tax-rate-schema';
import {
  abs,
  add,
  compare,
  type Decimal,
  decimalFromNumber,
  isZero,
  multiply,
  parseDecimal,
  subtract,
  sum,
  toFixed,
  toPlainString,
} from './decimal';
import { mappedTaxType } from './tax';

/** A Xero tax rate as GET /TaxRates returns it, with what a suggestion compares. */
export interface XeroTaxRateInfo {
  TaxType: string;
  Name: string;
  Status: string;
  EffectiveRate: number;
  /** Absent on rates that only apply to purchases, assets, …; a suggestion needs one that applies to revenue. */
  CanApplyToRevenue?: boolean;
  TaxComponents?: ReadonlyArray<{ IsCompound?: boolean }>;
}

/** What to map one set of WooCommerce rates that tax a line together (`taxes.byWooRateId` key) to. */
export interface TaxMappingSuggestion {
  /** The `taxes.byWooRateId` key: a rate id, or the ids of rates that apply together joined by "+". */
  key: string;
  wooRateIds: number[];
  /** The rates' names and place, e.g. "CA QC: GST 5% + QST 9.975% (compound)". */
  label: string;
  /** The tax on 100 at these rates, compound rates on top of the others, to 4 places. */
  effectiveRate: string;
  compound: boolean;
  /** The one Xero tax type with the same effective rate and compound shape; null when none or several fit. */
  taxType: string | null;
  /** Every Xero tax type that fits. */
  candidates: string[];
  /** Why this suggestion (or none) was made, in words for the merchant. */
  reason: string;
}

/** Xero shows EffectiveRate to 4 places; two rates this close are the same rate. */
const SAME_RATE = parseDecimal('0.0001');
const HUNDRED = parseDecimal('100');
const ONE_HUNDREDTH = parseDecimal('0.01');

const standardClass = (rate: WooTaxRate) => (rate.class === 'standard' ? '' : rate.class);
const specificity = (rate: WooTaxRate) => (rate.country === '' ? 0 : 1) + (rate.state === '' ? 0 : 1);
const sameList = (a: readonly string[], b: readonly string[]) => a.join(',') === b.join(',');

/** Whether `rate` applies at the place `at` is defined for (country, state, postcodes, cities; empty = anywhere). */
function appliesAt(rate: WooTaxRate, at: WooTaxRate): boolean {
  const field = (mine: string, theirs: string) => mine === '' || mine.toUpperCase() === theirs.toUpperCase();
  const list = (mine: readonly string[], theirs: readonly string[]) => mine.length === 0 || sameList(mine, theirs);
  return (
    standardClass(rate) === standardClass(at) &&
    field(rate.country, at.country) &&
    field(rate.state, at.state) &&
    list(rate.postcodes, at.postcodes) &&
    list(rate.cities, at.cities)
  );
}

// WooCommerce's `find_rates`: the matching rates, most specific first within a priority, one rate per priority.
/** The rates WooCommerce charges together at the place `at` is defined for, in priority order. */
export function ratesAppliedTogether(table: readonly WooTaxRate[], at: WooTaxRate): WooTaxRate[] {
  const matching = table
    .filter((rate) => appliesAt(rate, at))
    .sort((a, b) => a.priority - b.priority || specificity(b) - specificity(a) || a.order - b.order || a.id - b.id);
  const priorities = new Set<number>();
  const chosen = matching.filter((rate) => !priorities.has(rate.priority) && priorities.add(rate.priority));
  return chosen.some((rate) => rate.id === at.id) ? chosen : [at];
}

/** The tax on 100 at rates charged together: simple rates on the price, each compound rate on price plus tax so far. */
export function effectiveWooRate(rates: readonly WooTaxRate[]): Decimal {
  const simple = sum(rates.filter((rate) => !rate.compound).map((rate) => parseDecimal(rate.rate)));
  return rates
    .filter((rate) => rate.compound)
    .reduce(
      (tax, rate) => add(tax, multiply(multiply(add(HUNDRED, tax), parseDecimal(rate.rate)), ONE_HUNDREDTH)),
      simple,
    );
}

function isCompoundXeroRate(rate: XeroTaxRateInfo): boolean {
  return (rate.TaxComponents ?? []).some((component) => component.IsCompound === true);
}

function describeGroup(rates: readonly WooTaxRate[]): string {
  const [first] = [...rates].sort((a, b) => specificity(b) - specificity(a));
  const place = [first?.country, first?.state].filter((part) => part !== undefined && part !== '').join(' ');
  const parts = rates.map(
    (rate) => `${rate.name || 'Tax'} ${toPlainString(parseDecimal(rate.rate))}%${rate.compound ? ' (compound)' : ''}`,
  );
  return `${place || 'Everywhere'}: ${parts.join(' + ')}`;
}

function suggestionFor(rates: WooTaxRate[], xeroRates: readonly XeroTaxRateInfo[]): TaxMappingSuggestion {
  const wooRateIds = rates.map((rate) => rate.id).sort((a, b) => a - b);
  const effective = effectiveWooRate(rates);
  const compound = rates.some((rate) => rate.compound);
  const base = {
    key: wooRateIds.join('+'),
    wooRateIds,
    label: describeGroup(rates),
    effectiveRate: toFixed(effective, 4),
    compound,
  };
  if (isZero(effective)) {
    return {
      ...base,
      taxType: null,
      candidates: [],
      reason: 'a 0% rate: lines it taxes are booked with taxes.untaxed',
    };
  }
  const candidates = xeroRates
    .filter((rate) => rate.Status === 'ACTIVE' && rate.CanApplyToRevenue !== false)
    .filter((rate) => compare(abs(subtract(decimalFromNumber(rate.EffectiveRate), effective)), SAME_RATE) <= 0)
    .filter((rate) => isCompoundXeroRate(rate) === compound)
    .map((rate) => rate.TaxType);
  const shape = compound ? 'compound' : 'non-compound';
  if (candidates.length === 1) {
    return {
      ...base,
      taxType: candidates[0] ?? null,
      candidates,
      reason: `the only active ${shape} Xero sales tax rate at ${base.effectiveRate}%`,
    };
  }
  const reason =
    candidates.length === 0
      ? `no active ${shape} Xero sales tax rate at ${base.effectiveRate}%; create one in Xero, or map it in taxes.byWooRateId`
      : `Xero tax rates ${candidates.join(' and ')} fit equally; choose one in taxes.byWooRateId`;
  return { ...base, taxType: null, candidates, reason };
}

// A rate is listed by itself where it applies alone, and with the rates charged together with it where they
// stack (a compound QST on GST): the mapping looks the combined key up first.
/** A suggestion per set of WooCommerce rates charged together that `byWooRateId` does not map yet. */
export function suggestTaxMapping(
  wooRates: readonly WooTaxRate[],
  xeroRates: readonly XeroTaxRateInfo[],
  byWooRateId: Record<string, string>,
): TaxMappingSuggestion[] {
  const groups = new Map<string, WooTaxRate[]>();
  for (const rate of wooRates) {
    const together = ratesAppliedTogether(wooRates, rate);
    const key = together
      .map((r) => r.id)
      .sort((a, b) => a - b)
      .join('+');
    if (!groups.has(key)) groups.set(key, together);
  }
  return [...groups.values()]
    .filter(
      (rates) =>
        mappedTaxType(
          rates.map((r) => r.id).sort((a, b) => a - b),
          byWooRateId,
        ) === undefined,
    )
    .map((rates) => suggestionFor(rates, xeroRates));
}
