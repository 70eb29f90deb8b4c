import { abs, compare, type Decimal, isZero, parseDecimal, subtract, toFixed } from './decimal';
import { MappingError } from './errors';
import type { MappingSettings } from './settings';
import type { XeroOrgContext } from './types';
import { taxRatePercent, XERO_AMOUNT_DECIMALS, xeroLineAmount, xeroLineTax } from './xero-arithmetic';
import type { WireLineItem } from './wire';

/** The tax fields shared by WooCommerce product, shipping and fee lines. */
export interface WooTaxedLine {
  total_tax: string;
  taxes: ReadonlyArray<{ id: number; total: string }>;
}

/** The WooCommerce tax rate ids that actually taxed a line (non-zero share), ascending. */
export function wooRateIds(line: WooTaxedLine): number[] {
  const ids = line.taxes.filter((share) => share.total !== '' && !isZero(parseDecimal(share.total))).map((s) => s.id);
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** The Xero tax type for a WooCommerce line: untaxed when its tax is zero, else by rate id mapping, else the default. */
export function resolveTaxType(line: WooTaxedLine, taxes: MappingSettings['taxes']): string {
  if (isZero(parseDecimal(line.total_tax))) {
    return taxes.untaxed;
  }
  const ids = wooRateIds(line);
  const combined = taxes.byWooRateId[ids.join('+')];
  if (combined !== undefined) {
    return combined;
  }
  const individual = new Set(ids.map((id) => taxes.byWooRateId[String(id)]));
  const [only] = [...individual];
  return individual.size === 1 && only !== undefined ? only : taxes.taxed;
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
}

/** The line whose Xero-rate tax differs most from WooCommerce's tax, with both amounts. */
export interface TaxDiscrepancy {
  line: TaxCheckLine;
  xeroTax: Decimal;
  difference: Decimal;
}

/** Finds the line whose tax at its Xero rate differs most from WooCommerce's tax (null for no lines). */
export function largestTaxDiscrepancy(lines: readonly TaxCheckLine[], org: XeroOrgContext): TaxDiscrepancy | null {
  let worst: TaxDiscrepancy | null = null;
  for (const line of lines) {
    const rate = taxRatePercent(line.wire.TaxType, org.taxRates);
    const xeroTax = xeroLineTax(xeroLineAmount(line.wire), rate, 'Exclusive');
    const difference = abs(subtract(xeroTax, line.wooTax));
    if (worst === null || compare(difference, worst.difference) > 0) {
      worst = { line, xeroTax, difference };
    }
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
