import type { WooLineItem } from '../woocommerce/order-schema';
import type { MappingSettings } from './settings';
import type { MappingContext, XeroOrgContext } from './types';

/** The tax class slug of a line for `accounts.byTaxClass` (WooCommerce writes the standard class as ""). */
function taxClassSlug(line: Pick<WooLineItem, 'tax_class'>): string {
  return line.tax_class === '' ? 'standard' : line.tax_class.toLowerCase();
}

/** Category slugs of a product line: the variation's own entry first, then the parent product's. */
function categoriesOf(line: Pick<WooLineItem, 'product_id' | 'variation_id'>, ctx: MappingContext): string[] {
  const map = ctx.productCategories ?? {};
  const ids = line.variation_id > 0 ? [line.variation_id, line.product_id] : [line.product_id];
  return ids.flatMap((id) => [...(map[id] ?? [])]).map((slug) => slug.toLowerCase());
}

/** The sales account of a product line: by its first mapped category, else by its tax class, else `accounts.sales`. */
export function salesAccount(
  line: Pick<WooLineItem, 'product_id' | 'variation_id' | 'tax_class'>,
  accounts: MappingSettings['accounts'],
  ctx: MappingContext,
): string {
  const byCategory = categoriesOf(line, ctx)
    .map((slug) => accounts.byCategory[slug])
    .find((code) => code !== undefined);
  return byCategory ?? accounts.byTaxClass[taxClassSlug(line)] ?? accounts.sales;
}

/** Warnings for account codes that the organisation lists as archived or deleted, or does not list at all. */
export function accountWarnings(codes: Iterable<string>, org: XeroOrgContext): string[] {
  if (org.accounts === undefined) {
    return [];
  }
  const warnings: string[] = [];
  for (const code of new Set(codes)) {
    const account = org.accounts.find((candidate) => candidate.Code.toLowerCase() === code.toLowerCase());
    if (account === undefined) {
      warnings.push(
        `Account code "${code}" is not an account of the Xero organisation; Xero will refuse the document.`,
      );
    } else if (account.Status !== 'ACTIVE') {
      warnings.push(
        `Account code "${code}" is ${account.Status.toLowerCase()} in Xero, which refuses documents that use it; ` +
          `choose an active account in the account settings.`,
      );
    }
  }
  return warnings;
}
