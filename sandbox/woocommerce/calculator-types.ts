import type { CouponInput } from './discounts';
import type { TaxAmounts } from './tax-math';
import type { TaxLocation, TaxRate } from './tax-rates';

/** A product line to price: the catalogue unit price as entered (tax-inclusive when the store enters prices with tax). */
export interface CalcLineInput {
  productId: number;
  variationId: number;
  quantity: number;
  unitPrice: number;
  taxStatus: 'taxable' | 'shipping' | 'none';
  /** `''` is the standard class. */
  taxClass: string;
  /** The stored ex-tax subtotal, when set explicitly (REST `subtotal`) instead of following price × quantity. */
  subtotal?: number;
  /** The stored ex-tax total before coupons are applied again; defaults to the subtotal. */
  total?: number;
}

/** A shipping line: its cost (always entered without tax); `taxable: false` for a method whose tax status is none. */
export interface CalcShippingInput {
  total: number;
  taxable?: boolean;
}

/** A fee line (without tax); a negative total is a discount, capped at the order's value. */
export interface CalcFeeInput {
  total: number;
  taxable: boolean;
  taxClass?: string;
}

/** Everything WooCommerce's totals depend on. */
export interface OrderCalcInput {
  /** The store's "Number of decimals". */
  decimals: number;
  pricesIncludeTax: boolean;
  /** `woocommerce_tax_round_at_subtotal`: keep line taxes unrounded until the order total. Default false. */
  roundTaxAtSubtotal?: boolean;
  /** The store's whole tax rate table; rates are matched to `taxLocation` per tax class. */
  taxRates: readonly TaxRate[];
  taxLocation: TaxLocation;
  /** The store's base location, whose rates are removed from tax-inclusive prices. Defaults to `taxLocation`. */
  baseLocation?: TaxLocation;
  /** The store's tax class slugs after the standard class, in order (decides the inherited shipping class). */
  taxClasses?: readonly string[];
  lineItems: readonly CalcLineInput[];
  shippingLines: readonly CalcShippingInput[];
  feeLines: readonly CalcFeeInput[];
  coupons: readonly CouponInput[];
}

/** Tax maps of a product line: after coupons (`total`) and before (`subtotal`). */
export interface LineTaxes {
  total: TaxAmounts;
  subtotal: TaxAmounts;
}

/** A priced product line; every amount is the value WooCommerce stores (not yet rounded to the store's decimals). */
export interface CalcLine {
  subtotal: number;
  total: number;
  subtotalTax: number;
  totalTax: number;
  taxes: LineTaxes;
}

/** A priced shipping or fee line. */
export interface CalcChargeLine {
  total: number;
  totalTax: number;
  taxes: TaxAmounts;
}

/** What a coupon took off, without tax, and the tax it removed. */
export interface CalcCoupon {
  discount: number;
  discountTax: number;
}

/** One tax line per rate used: cart (items + fees) tax and shipping tax. */
export interface CalcTaxLine {
  rate: TaxRate;
  taxTotal: number;
  shippingTaxTotal: number;
}

/** The order's lines and totals as WooCommerce computes and stores them. */
export interface OrderCalcResult {
  lineItems: CalcLine[];
  shippingLines: CalcChargeLine[];
  feeLines: CalcChargeLine[];
  couponLines: CalcCoupon[];
  taxLines: CalcTaxLine[];
  /** True when a free-shipping coupon zeroed the shipping lines. */
  freeShipping: boolean;
  discountTotal: number;
  discountTax: number;
  shippingTotal: number;
  shippingTax: number;
  cartTax: number;
  total: number;
  totalTax: number;
}
