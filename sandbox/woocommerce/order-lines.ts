import type { CouponInput } from './discounts';
import type { IdSequences } from './ids';
import type { StoredFeeLine, StoredLineItem, StoredOrder, StoredShippingLine } from './order-model';
import type { ProductStore, StoredProduct } from './product-store';

/** A product line to buy: a catalogue product (or variation) by id, or a custom line with `name` and `price`. */
export interface OrderLineInput {
  productId?: number;
  variationId?: number;
  quantity: number;
  /** Unit price as entered, overriding the catalogue price (tax-inclusive when the order's prices include tax). */
  price?: number;
  name?: string;
  sku?: string;
  taxClass?: string;
  taxStatus?: 'taxable' | 'shipping' | 'none';
  /** Ex-tax line subtotal to store instead of price × quantity (REST `subtotal`). */
  subtotal?: number;
  /** Ex-tax line total to store (REST `total`); defaults to the subtotal. */
  total?: number;
}

/** Shipping charged on an order; `taxable: false` for a method whose tax status is none. */
export interface OrderShippingInput {
  methodId?: string;
  methodTitle?: string;
  instanceId?: string;
  total: number;
  taxable?: boolean;
}

/** A fee (without tax); negative fees are discounts. */
export interface OrderFeeInput {
  name: string;
  total: number;
  taxable?: boolean;
  taxClass?: string;
}

/** The line sets of an order that an input may give; each one given replaces the order's set. */
export interface OrderLineSets {
  lineItems?: OrderLineInput[];
  shippingLines?: OrderShippingInput[];
  feeLines?: OrderFeeInput[];
  coupons?: CouponInput[];
}

/** How a REST item names its product. */
export interface ProductRef {
  sku?: string;
  productId?: number;
  variationId?: number;
}

/** `get_product_id()` then `wc_get_product()`: by SKU when given, else the variation id, else the product id. */
export function findProduct(products: ProductStore, ref: ProductRef): StoredProduct | undefined {
  if (ref.sku) return products.all().find((product) => product.sku === ref.sku);
  const id = ref.variationId || ref.productId;
  return id ? products.get(id) : undefined;
}

/** Builds order items from inputs, with ids from the store's order item sequence and prices from the catalogue. */
export class OrderLineFactory {
  constructor(
    private readonly ids: IdSequences,
    private readonly products: ProductStore,
  ) {}

  /** Replaces whichever line sets `input` gives. */
  replace(order: Omit<StoredOrder, 'calc'>, input: OrderLineSets): void {
    if (input.lineItems) order.lineItems = input.lineItems.map((line) => this.lineItem(line));
    if (input.shippingLines) order.shippingLines = input.shippingLines.map((line) => this.shippingLine(line));
    if (input.feeLines) order.feeLines = input.feeLines.map((fee) => this.feeLine(fee));
    if (input.coupons) {
      order.couponLines = input.coupons.map((coupon) => ({
        id: this.ids.take('orderItem'),
        coupon: { ...coupon, code: coupon.code.toLowerCase() },
      }));
    }
  }

  /** A product line priced from the catalogue (or the given price); throws for an unknown product. */
  lineItem(line: OrderLineInput): StoredLineItem {
    const requested = line.variationId ?? line.productId;
    const product = requested === undefined ? undefined : this.products.get(requested);
    if (requested !== undefined && requested !== 0 && product === undefined) {
      throw new Error(`no product ${requested}`);
    }
    const parent = product?.type === 'variation' ? this.products.get(product.parentId) : undefined;
    const price = line.price ?? (product ? Number(this.products.activePrice(product)) : undefined);
    const fixed = line.subtotal !== undefined || line.total !== undefined;
    if (!fixed && (price === undefined || Number.isNaN(price))) {
      throw new Error('a line needs a product with a price, or a price');
    }
    return {
      id: this.ids.take('orderItem'),
      productId: parent ? parent.id : (product?.id ?? 0),
      variationId: parent && product ? product.id : 0,
      name: line.name ?? product?.name ?? 'Item',
      parentName: parent?.name ?? null,
      sku: line.sku ?? product?.sku ?? '',
      quantity: line.quantity,
      unitPrice: price ?? 0,
      taxStatus: line.taxStatus ?? product?.taxStatus ?? 'taxable',
      taxClass: line.taxClass ?? (product ? this.products.effectiveTaxClass(product) : ''),
      meta: (product?.attributes ?? []).map((attribute) => ({
        id: this.ids.take('meta'),
        key: attribute.slug ?? attribute.name.toLowerCase(),
        value: attribute.option,
        display_key: attribute.name,
        display_value: attribute.option,
      })),
      ...(fixed ? { subtotal: line.subtotal ?? line.total, total: line.total ?? line.subtotal } : {}),
    };
  }

  /** `get_product_id()` then `wc_get_product()`: the product a REST item names by SKU, else product or variation id. */
  productOf(ref: ProductRef): StoredProduct | undefined {
    return findProduct(this.products, ref);
  }

  /** `set_product()`: points a line at another product (ids, name, tax class); its stored amounts stay. */
  setProduct(line: StoredLineItem, product: StoredProduct): void {
    const parent = product.type === 'variation' ? this.products.get(product.parentId) : undefined;
    line.productId = parent ? parent.id : product.id;
    line.variationId = parent ? product.id : 0;
    line.name = product.name;
    line.parentName = parent?.name ?? null;
    line.sku = product.sku;
    line.taxClass = this.products.effectiveTaxClass(product);
    line.taxStatus = product.taxStatus;
  }

  /** A new meta id. */
  metaId(): number {
    return this.ids.take('meta');
  }

  /** A shipping line (flat rate unless told otherwise). */
  shippingLine(line: OrderShippingInput): StoredShippingLine {
    return {
      id: this.ids.take('orderItem'),
      methodId: line.methodId ?? 'flat_rate',
      methodTitle: line.methodTitle ?? 'Flat rate',
      instanceId: line.instanceId ?? '1',
      total: line.total,
      taxable: line.taxable ?? true,
    };
  }

  /** A fee line. */
  feeLine(fee: OrderFeeInput): StoredFeeLine {
    return {
      id: this.ids.take('orderItem'),
      name: fee.name,
      total: fee.total,
      taxable: fee.taxable ?? true,
      taxClass: fee.taxClass ?? '',
    };
  }
}
