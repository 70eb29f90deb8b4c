import type { WooClient } from './client';
import type { WooLineItem } from './order-schema';

/** The one client call reading product categories needs. */
export type ProductCategoryReader = Pick<WooClient, 'getProduct'>;

/** How many product reads run at once, so a long order does not flood the store. */
const CONCURRENT_READS = 4;

/**
 * Category slugs per product id of the lines' distinct products, one `GET /products/{id}` each. Lines name the
 * parent in `product_id`, whose categories a variation shares; a deleted product (id 0, or gone) has none.
 */
export async function readProductCategories(
  client: ProductCategoryReader,
  lines: ReadonlyArray<Pick<WooLineItem, 'product_id'>>,
): Promise<Record<number, string[]>> {
  const ids = [...new Set(lines.map((line) => line.product_id))].filter((id) => id > 0);
  const categories: Record<number, string[]> = {};
  for (let start = 0; start < ids.length; start += CONCURRENT_READS) {
    const batch = ids.slice(start, start + CONCURRENT_READS);
    const products = await Promise.all(batch.map((id) => client.getProduct(id)));
    batch.forEach((id, index) => {
      categories[id] = (products[index]?.categories ?? []).map((category) => category.slug);
    });
  }
  return categories;
}
