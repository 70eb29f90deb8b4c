import type { IdSequences } from './ids';
import type { MetaEntry } from './order-model';
import { ProductCategories, type ProductCategory } from './product-categories';
import { wholeSeconds } from './settings';

/** A variation attribute as chosen on a variation, e.g. `{ name: 'Color', option: 'black', slug: 'pa_color' }`. */
export interface VariationAttributeInput {
  name: string;
  option: string;
  /** Meta key on order lines: `pa_…` for global attributes; defaults to the lower-cased name. */
  slug?: string;
}

/** Test-facing input for a simple product. */
export interface SimpleProductInput {
  name: string;
  sku?: string;
  /** Regular price as entered (tax-inclusive when the store enters prices with tax). */
  price: number | string;
  salePrice?: number | string;
  taxStatus?: 'taxable' | 'shipping' | 'none';
  taxClass?: string;
  /** Category names (created on first use); none files the product under Uncategorized. */
  categories?: string[];
}

/** Test-facing input for a variable product and its variations. */
export interface VariableProductInput {
  name: string;
  sku?: string;
  taxStatus?: 'taxable' | 'shipping' | 'none';
  taxClass?: string;
  /** Category names of the parent, which its variations share; none files it under Uncategorized. */
  categories?: string[];
  variations: Array<{
    sku?: string;
    price: number | string;
    salePrice?: number | string;
    attributes: VariationAttributeInput[];
    /** `'parent'` (default) inherits the parent's class. */
    taxClass?: string;
    /** Overrides the generated "Parent - Value, Value" name. */
    name?: string;
  }>;
}

/** A product, variable product or variation as the fake store keeps it. */
export interface StoredProduct {
  id: number;
  type: 'simple' | 'variable' | 'variation';
  parentId: number;
  name: string;
  slug: string;
  sku: string;
  regularPrice: string;
  salePrice: string;
  taxStatus: 'taxable' | 'shipping' | 'none';
  taxClass: string;
  attributes: VariationAttributeInput[];
  /** The product's own categories; a variation has none and shows its parent's. */
  categories: ProductCategory[];
  variationIds: number[];
  dateCreated: Date;
  dateModified: Date;
  metaData: MetaEntry[];
}

/** The fake store's catalogue: simple products, variable products and their variations. */
export class ProductStore {
  private readonly products = new Map<number, StoredProduct>();
  private readonly categoryTerms: ProductCategories;

  constructor(
    private readonly ids: IdSequences,
    private readonly now: () => Date,
    private readonly onChange: (event: 'created' | 'updated', id: number) => void,
  ) {
    this.categoryTerms = new ProductCategories(ids);
  }

  /** Adds a simple product; fires `product.created`. */
  createSimple(input: SimpleProductInput): StoredProduct {
    const product = this.add({
      type: 'simple',
      parentId: 0,
      name: input.name,
      sku: input.sku ?? '',
      regularPrice: String(input.price),
      salePrice: input.salePrice === undefined ? '' : String(input.salePrice),
      taxStatus: input.taxStatus ?? 'taxable',
      taxClass: input.taxClass ?? '',
      attributes: [],
      categories: this.categoryTerms.resolve(input.categories),
    });
    this.onChange('created', product.id);
    return product;
  }

  /** Adds a variable product and its variations; fires `product.created` for the parent. */
  createVariable(input: VariableProductInput): { parent: StoredProduct; variations: StoredProduct[] } {
    const parent = this.add({
      type: 'variable',
      parentId: 0,
      name: input.name,
      sku: input.sku ?? '',
      regularPrice: '',
      salePrice: '',
      taxStatus: input.taxStatus ?? 'taxable',
      taxClass: input.taxClass ?? '',
      attributes: [],
      categories: this.categoryTerms.resolve(input.categories),
    });
    const variations = input.variations.map((variation) =>
      this.add({
        type: 'variation',
        parentId: parent.id,
        name: variation.name ?? variationName(input.name, variation.attributes),
        sku: variation.sku ?? '',
        regularPrice: String(variation.price),
        salePrice: variation.salePrice === undefined ? '' : String(variation.salePrice),
        taxStatus: parent.taxStatus,
        taxClass: variation.taxClass ?? 'parent',
        attributes: variation.attributes,
        categories: [],
      }),
    );
    parent.variationIds = variations.map((variation) => variation.id);
    this.onChange('created', parent.id);
    return { parent, variations };
  }

  /** A product or variation by id. */
  get(id: number): StoredProduct | undefined {
    return this.products.get(id);
  }

  /** Every product and variation, in creation order. */
  all(): StoredProduct[] {
    return [...this.products.values()];
  }

  /** The tax class that applies to a product (variations may inherit their parent's). */
  effectiveTaxClass(product: StoredProduct): string {
    if (product.taxClass !== 'parent') return product.taxClass;
    return this.products.get(product.parentId)?.taxClass ?? '';
  }

  /** The categories a product shows: its own, or for a variation its parent's. */
  categoriesOf(product: StoredProduct): ProductCategory[] {
    if (product.type !== 'variation') return product.categories;
    return this.products.get(product.parentId)?.categories ?? [];
  }

  /** The price a customer pays now: the sale price when set, else the regular price. */
  activePrice(product: StoredProduct): string {
    if (product.type === 'variable') {
      const prices = product.variationIds.map((id) => Number(this.activePrice(this.products.get(id) as StoredProduct)));
      return prices.length === 0 ? '' : String(Math.min(...prices));
    }
    return product.salePrice !== '' ? product.salePrice : product.regularPrice;
  }

  private add(
    fields: Omit<StoredProduct, 'id' | 'slug' | 'variationIds' | 'dateCreated' | 'dateModified' | 'metaData'>,
  ) {
    const id = this.ids.take('post');
    const at = wholeSeconds(this.now());
    const slug = `${fields.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}-${id}`;
    const product: StoredProduct = {
      ...fields,
      id,
      slug,
      variationIds: [],
      dateCreated: at,
      dateModified: at,
      metaData: [],
    };
    this.products.set(id, product);
    return product;
  }
}

function variationName(parentName: string, attributes: VariationAttributeInput[]): string {
  if (attributes.length === 0 || attributes.length > 2) return parentName;
  return `${parentName} - ${attributes.map((attribute) => attribute.option).join(', ')}`;
}
