import { abs, compare, type Decimal, isZero, parseDecimal, round, subtract, toFixed, toWireNumber } from './decimal';
import { MappingError } from './errors';
import type { MappingSettings } from './settings';
import type { XeroOrgContext } from './types';
import { taxRatePercent, XERO_AMOUNT_DECIMALS, xeroLineAmount, xeroLineTax } from './xero-arithmetic';
import type { WireLineAmountType, WireLineItem } from './wire';

/** The tax fields shared by WooCommerce product, shipping and fee lines. */
export interface WooTaxedLine {
  total_tax: string;
  taxes: ReadonlyArray<{ id: number; total: string }>;
}

/** WooCommerce's tax of a line at the 2 places Xero keeps. */
export function wooTaxOf(line: Pick<WooTaxedLine, 'total_tax'>): Decimal {
  return round(parseDecimal(line.total_tax), XERO_AMOUNT_DECIMALS);
}

/** `{ TaxAmount }` carrying WooCommerce's tax when `sendTaxAmounts` is on and the line is taxed, else nothing. */
export function taxAmountField(
  taxType: string,
  wooTax: Decimal,
  settings: Pick<MappingSettings, 'sendTaxAmounts' | 'taxes'>,
): Pick<WireLineItem, 'TaxAmount'> {
  return settings.sendTaxAmounts && taxType !== settings.taxes.untaxed ? { TaxAmount: toWireNumber(wooTax) } : {};
}

/** The WooCommerce tax rate ids that actually taxed a line (non-zero share), ascending. */
export function wooRateIds(line: WooTaxedLine): number[] {
  const ids = line.taxes.filter((share) => share.total !== '' && !isZero(parseDecimal(share.total))).map((s) => s.id);
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** A line's Xero tax type, and the WooCommerce rate ids that had no mapping when it fell back to a default. */
export interface TaxTypeChoice {
  taxType: string;
  unmappedRateIds: number[];
}

// The combined key ("1+2"), or each rate's own mapping when they agree.
/** The tax type `byWooRateId` gives lines taxed by exactly these rate ids (ascending), if any. */
export function mappedTaxType(ids: readonly number[], byWooRateId: Record<string, string>): string | undefined {
  const combined = byWooRateId[ids.join('+')];
  if (combined !== undefined) return combined;
  const individual = new Set(ids.map((id) => byWooRateId[String(id)]));
  const [only] = [...individual];
  return individual.size === 1 ? only : undefined;
}

/** The Xero tax type for a line: untaxed when its tax is zero, else by rate id mapping, else `taxed`. */
export function chooseTaxType(
  line: WooTaxedLine,
  taxes: MappingSettings['taxes'],
  taxed: string = taxes.taxed,
): TaxTypeChoice {
  if (isZero(parseDecimal(line.total_tax))) {
    return { taxType: taxes.untaxed, unmappedRateIds: [] };
  }
  const ids = wooRateIds(line);
  const mapped = mappedTaxType(ids, taxes.byWooRateId);
  if (mapped !== undefined) {
    return { taxType: mapped, unmappedRateIds: [] };
  }
  return { taxType: taxed, unmappedRateIds: ids.filter((id) => taxes.byWooRateId[String(id)] === undefined) };
}

/** A warning per WooCommerce rate that taxed the order but has no `taxes.byWooRateId` mapping. */
export function unmappedRateWarnings(
  unmapped: ReadonlyMap<number, string>,
  taxLines: ReadonlyArray<{ rate_id: number; label: string; rate_code: string }>,
): string[] {
  return [...unmapped].map(([id, taxType]) => {
    const line = taxLines.find((candidate) => candidate.rate_id === id);
    const name = line ? ` "${line.label}" (${line.rate_code})` : '';
    return `WooCommerce tax rate ${id}${name} has no mapping in taxes.byWooRateId; used the default tax type "${taxType}".`;
  });
}

/** Warnings for tax types named in the tax settings that the organisation does not have as ACTIVE rates. */
export function configuredTaxTypeWarnings(taxes: MappingSettings['taxes'], org: XeroOrgContext): string[] {
  const named: Array<[string, string | undefined]> = [
    ['taxes.taxed', taxes.taxed],
    ['taxes.untaxed', taxes.untaxed],
    ['taxes.shippingTaxed', taxes.shippingTaxed],
    ['taxes.feeTaxed', taxes.feeTaxed],
    ...Object.entries(taxes.byWooRateId).map(([id, type]): [string, string] => [`taxes.byWooRateId["${id}"]`, type]),
  ];
  return named.flatMap(([setting, taxType]) => {
    if (taxType === undefined) return [];
    const rate = org.taxRates.find((candidate) => candidate.TaxType === taxType);
    if (rate?.Status === 'ACTIVE') return [];
    const state = rate === undefined ? 'is not a tax rate of the Xero organisation' : `is ${rate.Status.toLowerCase()}`;
    return [`Setting ${setting} names Xero tax type "${taxType}", which ${state}; orders that use it will fail.`];
  });
}

/** Throws a MappingError unless every tax type is an ACTIVE tax rate of the organisation. */
export function assertActiveTaxTypes(taxTypes: Iterable<string>, org: XeroOrgContext): void {
  const active = org.taxRates.filter((rate) => rate.Status === 'ACTIVE').map((rate) => rate.TaxType);
  for (const taxType of new Set(taxTypes)) {
    if (!active.includes(taxType)) {
      throw new MappingError(
        `Xero tax type "${taxType}" is not an active tax rate of the connected Xero organisation; ` +
          `change the tax settings (taxes.taxed, taxes.untaxed, taxes.byWooRateId) to one of: ${active.join(', ') || 'none'}.`,
      );
    }
  }
}

/** A mapped line with what WooCommerce charged, for checking Xero's tax against it. */
export interface TaxCheckLine {
  wire: WireLineItem;
  wooTax: Decimal;
  wooRateIds: number[];
  label: string;
  /**
   * How many separately rounded amounts Xero's tax and WooCommerce's tax of the line can honestly differ by; absent:
   * the line amount, Xero's tax and one per WooCommerce rate (a discount line sums many lines and says so).
   */
  roundedAmounts?: number;
}

/** The line whose Xero-rate tax differs most from WooCommerce's tax, with both amounts. */
export interface TaxDiscrepancy {
  line: TaxCheckLine;
  xeroTax: Decimal;
  difference: Decimal;
}

/** Each line's tax at its Xero rate next to WooCommerce's tax of the line. */
export function taxDiscrepancies(
  lines: readonly TaxCheckLine[],
  org: XeroOrgContext,
  lineAmountTypes: WireLineAmountType = 'Exclusive',
): TaxDiscrepancy[] {
  return lines.map((line) => {
    const rate = taxRatePercent(line.wire.TaxType, org.taxRates);
    const xeroTax = xeroLineTax(xeroLineAmount(line.wire), rate, lineAmountTypes);
    return { line, xeroTax, difference: abs(subtract(xeroTax, line.wooTax)) };
  });
}

/** The discrepancy with the largest difference (null for none). */
export function largestTaxDiscrepancy(discrepancies: readonly TaxDiscrepancy[]): TaxDiscrepancy | null {
  let worst: TaxDiscrepancy | null = null;
  for (const discrepancy of discrepancies) {
    if (worst === null || compare(discrepancy.difference, worst.difference) > 0) worst = discrepancy;
  }
  return worst;
}

/** Explains a tax discrepancy in words a merchant can act on. */
export function describeTaxDiscrepancy(discrepancy: TaxDiscrepancy, org: XeroOrgContext): string {
  const { line, xeroTax } = discrepancy;
  const rate = org.taxRates.find((candidate) => candidate.TaxType === line.wire.TaxType)?.EffectiveRate;
  const rates =
    line.wooRateIds.length > 0 ? `WooCommerce tax rate ${line.wooRateIds.join('+')}` : 'its WooCommerce tax';
  return (
    `${line.label}: WooCommerce charged tax ${toFixed(line.wooTax, XERO_AMOUNT_DECIMALS)} on ` +
    `${toFixed(xeroLineAmount(line.wire), XERO_AMOUNT_DECIMALS)}, but Xero tax type "${line.wire.TaxType}" (${rate}%) ` +
    `gives ${toFixed(xeroTax, XERO_AMOUNT_DECIMALS)}; map ${rates} to a Xero tax type with the same rate ` +
    `in taxes.byWooRateId (or change taxes.taxed / taxes.untaxed)`
  );
}
