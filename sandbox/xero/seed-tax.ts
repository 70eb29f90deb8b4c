import type { TaxComponent, TaxRate } from './model';

/** The five CanApplyTo… flags of a tax rate. */
export type TaxApplicability = Pick<
  TaxRate,
  'CanApplyToAssets' | 'CanApplyToEquity' | 'CanApplyToExpenses' | 'CanApplyToLiabilities' | 'CanApplyToRevenue'
>;

/** Flags from the spec's NZ TaxRates example, per report tax type (sales-only, purchase-only, liabilities-only). */
const APPLICABILITY: Record<string, Array<keyof TaxApplicability>> = {
  OUTPUT: ['CanApplyToAssets', 'CanApplyToEquity', 'CanApplyToLiabilities', 'CanApplyToRevenue'],
  INPUT: ['CanApplyToAssets', 'CanApplyToEquity', 'CanApplyToExpenses', 'CanApplyToLiabilities'],
  ZERORATEDOUTPUT: ['CanApplyToLiabilities', 'CanApplyToRevenue'],
  EXEMPTOUTPUT: ['CanApplyToLiabilities', 'CanApplyToRevenue'],
  GSTONIMPORTS: ['CanApplyToLiabilities'],
};

/** Realistic CanApplyTo… flags for a report tax type; a type not listed (such as NONE) applies to every class. */
export function applicabilityFor(reportTaxType: string): TaxApplicability {
  const allowed = APPLICABILITY[reportTaxType];
  const on = (flag: keyof TaxApplicability) => allowed === undefined || allowed.includes(flag);
  return {
    CanApplyToAssets: on('CanApplyToAssets'),
    CanApplyToEquity: on('CanApplyToEquity'),
    CanApplyToExpenses: on('CanApplyToExpenses'),
    CanApplyToLiabilities: on('CanApplyToLiabilities'),
    CanApplyToRevenue: on('CanApplyToRevenue'),
  };
}

/** Effective percentage of a set of components: compound components apply on top of the others' tax. */
export function effectiveRate(components: TaxComponent[]): number {
  const simple = components.filter((c) => !c.IsCompound).reduce((sum, c) => sum + c.Rate, 0);
  const compound = components.filter((c) => c.IsCompound).reduce((sum, c) => sum + c.Rate, 0);
  return Number((simple + (compound * (100 + simple)) / 100).toFixed(4));
}

/** Builds a tax rate: rates from the components, CanApplyTo… flags from the report tax type unless overridden. */
export function taxRate(
  TaxType: string,
  Name: string,
  ReportTaxType: string,
  components: Array<Pick<TaxComponent, 'Name' | 'Rate'> & Partial<TaxComponent>>,
  Status: TaxRate['Status'] = 'ACTIVE',
  appliesTo: Partial<TaxApplicability> = {},
): TaxRate {
  const TaxComponents = components.map((c) => ({ IsCompound: false, IsNonRecoverable: false, ...c }));
  return {
    Name,
    TaxType,
    ReportTaxType,
    Status,
    TaxComponents,
    ...applicabilityFor(ReportTaxType),
    ...appliesTo,
    DisplayTaxRate: TaxComponents.reduce((sum, c) => sum + c.Rate, 0),
    EffectiveRate: effectiveRate(TaxComponents),
  };
}
