import { renderReference } from './identity';
import type { MappingSettings } from './settings';
import type { WooOrder } from '../woocommerce/order-schema';

/** What decides a store's document identities in Xero: its numbering, its reference template and its URL. */
export interface StoreIdentityRules {
  storeUrl: string;
  numbering: Pick<MappingSettings['numbering'], 'mode' | 'prefix' | 'suffix'>;
  reference: string;
}

/** Why two stores of one Xero organisation could claim the same document, or null when they never can. */
export type IdentityOverlap = 'numbers' | 'references' | null;

// Xero compares document numbers without regard to case; so do we, to stay on the safe side.
const folded = (text: string): string => text.toLowerCase();

/** True when `a` starts with `b` or `b` starts with `a` (case-insensitively): the two can frame one string. */
function prefixRelated(a: string, b: string): boolean {
  return folded(a).startsWith(folded(b)) || folded(b).startsWith(folded(a));
}

/** True when `a` ends with `b` or `b` ends with `a` (case-insensitively). */
function suffixRelated(a: string, b: string): boolean {
  return folded(a).endsWith(folded(b)) || folded(b).endsWith(folded(a));
}

/**
 * Could `prefix + n + suffix` of one store equal that of the other for some order numbers? Only when each prefix
 * starts the other's and each suffix ends the other's ("WC-" and "WC-1" can both make "WC-1001").
 */
function numbersMayCoincide(a: StoreIdentityRules['numbering'], b: StoreIdentityRules['numbering']): boolean {
  return prefixRelated(a.prefix, b.prefix) && suffixRelated(a.suffix, b.suffix);
}

/** A made-up order that exercises every reference placeholder. */
const PROBE_ORDER = { id: 1001, number: '1001' } as WooOrder;

/** Do the two stores' reference templates give one order the same Reference? */
function referencesMayCoincide(a: StoreIdentityRules, b: StoreIdentityRules): boolean {
  const render = (rules: StoreIdentityRules) => folded(renderReference(rules.reference, PROBE_ORDER, rules.storeUrl));
  return render(a) === render(b);
}

/**
 * Whether two stores connected to one Xero organisation could look up (and adopt) each other's documents. Documents
 * numbered by a template are found by number, so their numbers must never coincide; a store that leaves numbering to
 * Xero is found by Reference, so then the references must differ too.
 */
export function identityOverlap(a: StoreIdentityRules, b: StoreIdentityRules): IdentityOverlap {
  const bothTemplated = a.numbering.mode === 'template' && b.numbering.mode === 'template';
  if (bothTemplated) return numbersMayCoincide(a.numbering, b.numbering) ? 'numbers' : null;
  return referencesMayCoincide(a, b) ? 'references' : null;
}
