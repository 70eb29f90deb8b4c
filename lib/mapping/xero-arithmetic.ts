import {
  add,
  type Decimal,
  decimalFromNumber,
  divide,
  multiply,
  parseDecimal,
  round,
  subtract,
  sum,
  toFixed,
} from './decimal';
import { MappingError } from './errors';
import type { DocumentKind, XeroTaxRate } from './types';
import type { WireLineAmountType, WireLineItem } from './wire';

/** Places Xero keeps for LineAmount, TaxAmount and every total. */
export const XERO_AMOUNT_DECIMALS = 2;
/** Places Xero keeps for UnitAmount and Quantity when requests carry `unitdp=4`. */
export const XERO_UNIT_DECIMALS = 4;

const HUNDRED = parseDecimal('100');
const ONE_HUNDREDTH = parseDecimal('0.01');

/** Places Xero keeps for a UnitAmount of this kind of document: invoices take `unitdp=4`, Quotes have no such option. */
export function unitDecimalsOf(kind: DocumentKind): number {
  return kind === 'quote' ? XERO_AMOUNT_DECIMALS : XERO_UNIT_DECIMALS;
}

/** The line fields that decide a LineAmount. */
export type LineAmountInput = Pick<WireLineItem, 'Quantity' | 'UnitAmount' | 'DiscountAmount' | 'DiscountRate'>;

/** One line as Xero computes it. */
export interface XeroLineResult {
  lineAmount: string;
  taxAmount: string;
}

/** A document's lines and totals as Xero computes them, as fixed-point strings. */
export interface XeroTotals {
  lines: XeroLineResult[];
  subTotal: string;
  totalTax: string;
  total: string;
}

/** Quantity × UnitAmount less any discount, before Xero rounds it (Quantity at 4 places, UnitAmount at `unitDecimals`). */
export function unroundedLineAmount(line: LineAmountInput, unitDecimals: number = XERO_UNIT_DECIMALS): Decimal {
  const quantity = round(decimalFromNumber(line.Quantity), XERO_UNIT_DECIMALS);
  const unitAmount = round(decimalFromNumber(line.UnitAmount), unitDecimals);
  const gross = multiply(quantity, unitAmount);
  if (line.DiscountRate !== undefined) {
    return multiply(multiply(gross, subtract(HUNDRED, decimalFromNumber(line.DiscountRate))), ONE_HUNDREDTH);
  }
  if (line.DiscountAmount !== undefined) {
    return subtract(gross, decimalFromNumber(line.DiscountAmount));
  }
  return gross;
}

/** Xero's LineAmount: round(Quantity × UnitAmount − discount) to `decimals` places, half-up. */
export function xeroLineAmount(
  line: LineAmountInput,
  decimals: number = XERO_AMOUNT_DECIMALS,
  unitDecimals: number = XERO_UNIT_DECIMALS,
): Decimal {
  return round(unroundedLineAmount(line, unitDecimals), decimals);
}

/** Xero's tax for one line: LineAmount × rate (exclusive) or LineAmount × rate / (1 + rate) (inclusive), rounded. */
export function xeroLineTax(
  lineAmount: Decimal,
  ratePercent: Decimal,
  lineAmountTypes: WireLineAmountType,
  decimals: number = XERO_AMOUNT_DECIMALS,
): Decimal {
  switch (lineAmountTypes) {
    case 'NoTax':
    case 'NOTAX':
      return round(parseDecimal('0'), decimals);
    case 'Inclusive':
    case 'INCLUSIVE':
      return divide(multiply(lineAmount, ratePercent), add(HUNDRED, ratePercent), decimals);
    case 'Exclusive':
    case 'EXCLUSIVE':
      return divide(multiply(lineAmount, ratePercent), HUNDRED, decimals);
  }
}

/** The rate of a tax type in percent, exactly; throws MappingError when the organisation has no such tax type. */
export function taxRatePercent(taxType: string, taxRates: readonly XeroTaxRate[]): Decimal {
  const rate = taxRates.find((candidate) => candidate.TaxType === taxType);
  if (!rate) {
    const known = taxRates.map((candidate) => candidate.TaxType).join(', ') || 'none';
    throw new MappingError(`Tax type "${taxType}" is not a tax rate of the Xero organisation (it has: ${known}).`);
  }
  return decimalFromNumber(rate.EffectiveRate);
}

// Per line: LineAmount, then tax rounded (or the line's TaxAmount override). SubTotal = Σ LineAmount (less tax when
// inclusive), TotalTax = Σ tax, Total = SubTotal + TotalTax.
/** Xero's arithmetic for a document: each line's LineAmount and tax, SubTotal, TotalTax and Total. */
export function computeXeroTotals(
  document: { LineAmountTypes: WireLineAmountType; LineItems: readonly WireLineItem[] },
  taxRates: readonly XeroTaxRate[],
  decimals: number = XERO_AMOUNT_DECIMALS,
  unitDecimals: number = XERO_UNIT_DECIMALS,
): XeroTotals {
  const inclusive = document.LineAmountTypes === 'Inclusive' || document.LineAmountTypes === 'INCLUSIVE';
  const lines = document.LineItems.map((line) => {
    const lineAmount = xeroLineAmount(line, decimals, unitDecimals);
    const taxAmount =
      line.TaxAmount !== undefined
        ? round(decimalFromNumber(line.TaxAmount), decimals)
        : xeroLineTax(lineAmount, taxRatePercent(line.TaxType, taxRates), document.LineAmountTypes, decimals);
    return { lineAmount, taxAmount };
  });
  const totalTax = sum(lines.map((line) => line.taxAmount));
  const lineSum = sum(lines.map((line) => line.lineAmount));
  const subTotal = inclusive ? subtract(lineSum, totalTax) : lineSum;
  return {
    lines: lines.map((line) => ({
      lineAmount: toFixed(line.lineAmount, decimals),
      taxAmount: toFixed(line.taxAmount, decimals),
    })),
    subTotal: toFixed(subTotal, decimals),
    totalTax: toFixed(totalTax, decimals),
    total: toFixed(add(subTotal, totalTax), decimals),
  };
}
