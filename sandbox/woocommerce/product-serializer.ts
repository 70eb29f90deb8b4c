import type { ProductStore, StoredProduct } from './product-store';
import { wooDatePair, type StoreSettings } from './settings';

/** `GET /products/{id}` representation (variations report `type: "variation"`). */
export function productToRest(product: StoredProduct, store: ProductStore, settings: StoreSettings) {
  const [created, createdGmt] = wooDatePair(product.dateCreated, settings.utcOffsetMinutes);
  const [modified, modifiedGmt] = wooDatePair(product.dateModified, settings.utcOffsetMinutes);
  const price = store.activePrice(product);
  const api = `${settings.url}/wp-json/wc/v3`;
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    permalink: `${settings.url}/product/${product.slug}/`,
    date_created: created,
    date_created_gmt: createdGmt,
    date_modified: modified,
    date_modified_gmt: modifiedGmt,
    type: product.type,
    status: 'publish',
    featured: false,
    catalog_visibility: 'visible',
    description: '',
    short_description: '',
    sku: product.sku,
    price,
    regular_price: product.regularPrice,
    sale_price: product.salePrice,
    on_sale: product.salePrice !== '',
    purchasable: price !== '',
    total_sales: 0,
    virtual: false,
    downloadable: false,
    tax_status: product.taxStatus,
    tax_class: product.taxClass,
    manage_stock: false,
    stock_quantity: null,
    stock_status: 'instock',
    parent_id: product.parentId,
    categories: store.categoriesOf(product).map(({ id, name, slug }) => ({ id, name, slug })),
    attributes: attributesToRest(product),
    default_attributes: [],
    variations: product.variationIds,
    meta_data: product.metaData,
    _links: {
      self: [{ href: `${api}/products/${product.id}` }],
      collection: [{ href: `${api}/products` }],
      ...(product.parentId !== 0 ? { up: [{ href: `${api}/products/${product.parentId}` }] } : {}),
    },
  };
}

/** `GET /products/{parent}/variations/{id}` representation. */
export function variationToRest(variation: StoredProduct, store: ProductStore, settings: StoreSettings) {
  const full = productToRest(variation, store, settings);
  const api = `${settings.url}/wp-json/wc/v3`;
  return {
    id: full.id,
    type: 'variation',
    date_created: full.date_created,
    date_created_gmt: full.date_created_gmt,
    date_modified: full.date_modified,
    date_modified_gmt: full.date_modified_gmt,
    description: '',
    permalink: full.permalink,
    sku: full.sku,
    price: full.price,
    regular_price: full.regular_price,
    sale_price: full.sale_price,
    on_sale: full.on_sale,
    status: full.status,
    purchasable: full.purchasable,
    virtual: false,
    downloadable: false,
    tax_status: full.tax_status,
    tax_class: full.tax_class,
    manage_stock: false,
    stock_quantity: null,
    stock_status: 'instock',
    attributes: full.attributes,
    menu_order: 0,
    meta_data: full.meta_data,
    name: full.name,
    parent_id: full.parent_id,
    _links: {
      self: [{ href: `${api}/products/${variation.parentId}/variations/${variation.id}` }],
      collection: [{ href: `${api}/products/${variation.parentId}/variations` }],
      up: [{ href: `${api}/products/${variation.parentId}` }],
    },
  };
}

function attributesToRest(product: StoredProduct) {
  return product.attributes.map((attribute, index) => ({
    id: attribute.slug?.startsWith('pa_') ? index + 1 : 0,
    name: attribute.name,
    option: attribute.option,
  }));
}
