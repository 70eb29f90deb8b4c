import type { IdSequences } from './ids';

/** A product category term as `categories[]` of a REST product shows it. */
export interface ProductCategory {
  id: number;
  name: string;
  slug: string;
}

/** The category every product without one is filed under, as in a fresh WordPress install. */
export const UNCATEGORIZED: ProductCategory = { id: 15, name: 'Uncategorized', slug: 'uncategorized' };

/** The store's product categories, created on first use by name; one term per slug. */
export class ProductCategories {
  private readonly bySlug = new Map<string, ProductCategory>([[UNCATEGORIZED.slug, UNCATEGORIZED]]);

  constructor(private readonly ids: IdSequences) {}

  /** The categories with these names (created when new), in order and without repeats; none gives Uncategorized. */
  resolve(names: readonly string[] | undefined): ProductCategory[] {
    if (names === undefined || names.length === 0) return [UNCATEGORIZED];
    const terms = names.map((name) => this.named(name));
    return terms.filter((term, index) => terms.findIndex((other) => other.id === term.id) === index);
  }

  private named(name: string): ProductCategory {
    const slug = categorySlug(name);
    if (slug === '') throw new Error(`category name "${name}" has no slug`);
    const existing = this.bySlug.get(slug);
    if (existing) return existing;
    const created = { id: this.ids.take('term'), name: name.trim(), slug };
    this.bySlug.set(slug, created);
    return created;
  }
}

/** WordPress-like slug of a term name: lower case, runs of other characters as one hyphen. */
function categorySlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
