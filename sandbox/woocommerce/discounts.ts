import { phpRound, roundingPrecision } from './php-math';

/** A coupon as the calculator applies it; `amount` is a percent for `percent`, money otherwise. */
export interface CouponInput {
  code: string;
  discountType: 'percent' | 'fixed_cart' | 'fixed_product';
  amount: number;
  freeShipping?: boolean;
  /** Restrict a percent / fixed_product coupon to these product or variation ids (empty = all). */
  productIds?: number[];
}

/** An order line as `WC_Discounts` sees it: its line price in cents (incl. tax when prices include tax). */
export interface DiscountableItem {
  key: number;
  productId: number;
  variationId: number;
  quantity: number;
  priceInCents: number;
}

/** Discount in cents per coupon code, then per item key. */
export type CouponDiscounts = Map<string, Map<number, number>>;

/** `wc_add_number_precision`: money to cents (for dp 2), rounded to the internal precision. */
export function toCents(value: number, dp: number): number {
  return phpRound(value * 10 ** dp, roundingPrecision(dp) - dp);
}

/** `WC_Discounts` applied to an order's items: coupons in order, each on the prices left by earlier coupons. */
export function applyCoupons(items: readonly DiscountableItem[], coupons: readonly CouponInput[], dp: number) {
  const sorted = [...items].sort((a, b) => b.priceInCents * b.quantity - a.priceInCents * a.quantity);
  const discounts: CouponDiscounts = new Map();
  const discountOf = (key: number) => {
    let total = 0;
    for (const perItem of discounts.values()) total += perItem.get(key) ?? 0;
    return total;
  };
  const remainingCents = (item: DiscountableItem) =>
    Math.abs(Math.trunc(phpRound(item.priceInCents - discountOf(item.key))));

  for (const coupon of coupons) {
    const perItem = new Map(sorted.map((item) => [item.key, 0]));
    discounts.set(coupon.code, perItem);
    const give = (item: DiscountableItem, cents: number) => perItem.set(item.key, (perItem.get(item.key) ?? 0) + cents);
    const eligible = sorted.filter(
      (item) =>
        remainingCents(item) !== 0 &&
        item.quantity > 0 &&
        (coupon.discountType === 'fixed_cart' || isForProduct(coupon, item)),
    );

    const remainder = (targets: DiscountableItem[], amount: number): number => {
      let total = 0;
      for (const item of targets) {
        for (let unit = 0; unit < item.quantity; unit++) {
          const cents = Math.min(remainingCents(item), 1);
          total += cents;
          give(item, cents);
          if (total >= amount) return total;
        }
      }
      return total;
    };

    const fixedProduct = (targets: DiscountableItem[], centsPerUnit: number): number => {
      let total = 0;
      for (const item of targets) {
        const cents = Math.min(remainingCents(item), centsPerUnit * item.quantity);
        total += cents;
        give(item, cents);
      }
      return total;
    };

    const fixedCart = (targets: DiscountableItem[], amount: number): number => {
      const withPrice = targets.filter((item) => remainingCents(item) > 0);
      const units = withPrice.reduce((n, item) => n + item.quantity, 0);
      if (units === 0 || amount === 0) return 0;
      const perUnit = Math.abs(Math.trunc(amount / units));
      if (perUnit > 0) {
        let total = fixedProduct(withPrice, perUnit);
        if (total > 0 && total < amount) total += fixedCart(withPrice, amount - total);
        return total;
      }
      return amount > 0 ? remainder(withPrice, amount) : 0;
    };

    if (coupon.discountType === 'percent') {
      let cartTotal = 0;
      let given = 0;
      for (const item of eligible) {
        const priceToDiscount = phpRound(item.priceInCents);
        const cents = Math.min(remainingCents(item), Math.floor(priceToDiscount * (coupon.amount / 100)));
        give(item, cents);
        cartTotal += priceToDiscount;
        given += cents;
      }
      const wholeCartDiscount = phpRound(cartTotal * (coupon.amount / 100));
      if (given < wholeCartDiscount) remainder(eligible, wholeCartDiscount - given);
    } else if (coupon.discountType === 'fixed_product') {
      fixedProduct(eligible, toCents(coupon.amount, dp));
    } else {
      fixedCart(eligible, toCents(coupon.amount, dp));
    }
  }
  return discounts;
}

function isForProduct(coupon: CouponInput, item: DiscountableItem): boolean {
  const ids = coupon.productIds ?? [];
  return ids.length === 0 || ids.includes(item.productId) || ids.includes(item.variationId);
}
