import type {
  CalcChargeLine,
  CalcCoupon,
  CalcLine,
  CalcTaxLine,
  OrderCalcInput,
  OrderCalcResult,
} from './calculator-types';
import { applyCoupons, toCents } from './discounts';
import { phpRound, stored, sum } from './php-math';
import { addTaxes, calcTax, type TaxAmounts } from './tax-math';
import { findRates, findShippingRates, type TaxRate } from './tax-rates';
import { itemTaxTotal, roundLineTax, storeTaxAmounts, sumTaxesByRate, type TaxRounding } from './tax-totals';

const DEFAULT_TAX_CLASSES = ['reduced-rate', 'zero-rate'];

/**
 * Prices an order the way WooCommerce does when an order is created through the REST API or recalculated:
 * tax-exclusive line prices, coupons through `WC_Discounts`, then `calculate_totals()` / `update_taxes()`.
 */
export function calculateOrder(input: OrderCalcInput): OrderCalcResult {
  validate(input);
  const dp = input.decimals;
  const keep = (value: number) => stored(value, dp);
  const rounding: TaxRounding = { decimals: dp, roundAtSubtotal: input.roundTaxAtSubtotal === true };
  const roundTax = (value: number) => roundLineTax(value, rounding);
  const ratesFor = (taxClass: string) => findRates(input.taxRates, input.taxLocation, taxClass);
  const baseRatesFor = (taxClass: string) =>
    findRates(input.taxRates, input.baseLocation ?? input.taxLocation, taxClass);
  const sumTaxes = (taxes: TaxAmounts) => itemTaxTotal(taxes, rounding);
  const storeTaxes = (taxes: TaxAmounts): TaxAmounts => storeTaxAmounts(taxes, dp);
  const freeShipping = input.coupons.some((coupon) => coupon.freeShipping === true);

  const lines: CalcLine[] = input.lineItems.map((item) => {
    const linePrice = item.unitPrice * item.quantity;
    const inclusive = input.pricesIncludeTax && item.taxStatus === 'taxable';
    const net =
      item.subtotal ??
      (inclusive ? linePrice - sum(calcTax(linePrice, baseRatesFor(item.taxClass), true, dp).values()) : linePrice);
    const total = item.total ?? net;
    return { subtotal: keep(net), total: keep(total), subtotalTax: 0, totalTax: 0, taxes: emptyLineTaxes() };
  });
  const shipping: CalcChargeLine[] = input.shippingLines.map((line) => charge(freeShipping ? 0 : keep(line.total)));
  const fees: CalcChargeLine[] = input.feeLines.map((line) => charge(keep(line.total)));
  let couponLines: CalcCoupon[] = [];
  let totals = calculateTotals();
  if (input.coupons.length > 0) {
    couponLines = recalculateCoupons();
    totals = calculateTotals();
  }
  return { lineItems: lines, shippingLines: shipping, feeLines: fees, couponLines, freeShipping, ...totals };

  function calculateTotals() {
    const cartSubtotal = roundedItemsTotal(lines.map((line) => line.subtotal));
    const cartTotal = roundedItemsTotal(lines.map((line) => line.total));
    const shippingTotal = keep(sum(shipping.map((line) => phpRound(line.total, dp))));
    let feesTotal = 0;
    for (const fee of fees) {
      if (fee.total < 0) {
        const maxDiscount = phpRound(cartTotal + feesTotal + shippingTotal, dp) * -1;
        if (fee.total < maxDiscount && maxDiscount < 0) fee.total = keep(maxDiscount);
      }
      feesTotal += fee.total;
    }
    calculateTaxes();
    const { taxLines, cartTax, shippingTax } = updateTaxes();
    const subtotalTaxRaw = sum(lines.flatMap((line) => [...line.taxes.subtotal.values()]));
    const totalTaxRaw = sum(lines.flatMap((line) => [...line.taxes.total.values()]));
    return {
      taxLines,
      cartTax,
      shippingTax,
      shippingTotal,
      discountTotal: keep(phpRound(cartSubtotal - cartTotal, dp)),
      discountTax: keep(phpRound(subtotalTaxRaw - totalTaxRaw, dp)),
      total: phpRound(cartTotal + feesTotal + shippingTotal + cartTax + shippingTax, dp),
      totalTax: keep(cartTax + shippingTax),
    };
  }

  function roundedItemsTotal(values: number[]): number {
    const factor = 10 ** dp;
    return sum(values.map((value) => (input.roundTaxAtSubtotal ? value * factor : phpRound(value * factor)))) / factor;
  }

  function calculateTaxes(): void {
    lines.forEach((line, index) => {
      const item = input.lineItems[index];
      if (item.taxStatus !== 'taxable') {
        setLineTaxes(line, new Map(), new Map());
        return;
      }
      const rates = ratesFor(item.taxClass);
      setLineTaxes(line, calcTax(line.total, rates, false, dp), calcTax(line.subtotal, rates, false, dp));
    });
    fees.forEach((fee, index) => {
      const def = input.feeLines[index];
      if (fee.total < 0) setChargeTaxes(fee, negativeFeeTaxes(fee.total));
      else setChargeTaxes(fee, def.taxable ? calcTax(fee.total, ratesFor(def.taxClass ?? ''), false, dp) : new Map());
    });
    const shippingClass = shippingTaxClass();
    shipping.forEach((line, index) => {
      const taxable = input.shippingLines[index].taxable !== false && shippingClass !== undefined;
      const rates = taxable ? findShippingRates(input.taxRates, input.taxLocation, shippingClass) : [];
      setChargeTaxes(line, taxable ? calcTax(line.total, rates, false, dp) : new Map());
    });
  }

  function setLineTaxes(line: CalcLine, total: TaxAmounts, subtotal: TaxAmounts): void {
    const keptTotal = storeTaxes(total);
    let keptSubtotal = storeTaxes(subtotal);
    if (sum(keptSubtotal.values()) < sum(keptTotal.values())) keptSubtotal = keptTotal;
    line.taxes = { total: keptTotal, subtotal: keptSubtotal };
    line.totalTax = sumTaxes(keptTotal);
    line.subtotalTax = sumTaxes(keptSubtotal);
  }

  function setChargeTaxes(line: CalcChargeLine, taxes: TaxAmounts): void {
    line.taxes = storeTaxes(taxes);
    line.totalTax = sumTaxes(line.taxes);
  }

  function taxableClassesOfItems(): string[] {
    const classes = input.lineItems.filter((item) => item.taxStatus === 'taxable').map((item) => item.taxClass);
    return [...new Set(classes)];
  }

  function shippingTaxClass(): string | undefined {
    const used = taxableClassesOfItems();
    return ['', ...(input.taxClasses ?? DEFAULT_TAX_CLASSES)].find((taxClass) => used.includes(taxClass));
  }

  /** `WC_Order_Item_Fee::calculate_taxes` for a negative fee: its tax is spread over the taxable costs by class. */
  function negativeFeeTaxes(feeTotal: number): TaxAmounts {
    const itemClasses = taxableClassesOfItems();
    const costs = new Map<string, number>(itemClasses.map((taxClass) => [taxClass, 0]));
    costs.set('non-taxable', 0);
    const addCost = (taxClass: string, amount: number) => costs.set(taxClass, (costs.get(taxClass) ?? 0) + amount);
    lines.forEach((line, index) => {
      const item = input.lineItems[index];
      if (line.total < 0) return;
      addCost(item.taxStatus === 'taxable' ? item.taxClass : 'non-taxable', line.total);
    });
    fees.forEach((fee, index) => {
      const def = input.feeLines[index];
      if (fee.total < 0) return;
      addCost(def.taxable ? (def.taxClass ?? '') : 'non-taxable', fee.total);
    });
    shipping.forEach((line, index) => {
      if (line.total < 0) return;
      addCost(input.shippingLines[index].taxable === false ? 'non-taxable' : (itemClasses[0] ?? ''), line.total);
    });
    const totalCosts = sum([...costs.values()].filter((cost) => cost !== 0));
    let taxes: TaxAmounts = new Map();
    if (totalCosts === 0) return taxes;
    for (const [taxClass, cost] of costs) {
      if (taxClass === 'non-taxable' || cost === 0) continue;
      taxes = addTaxes(taxes, calcTax(feeTotal * (cost / totalCosts), ratesFor(taxClass), false, dp));
    }
    return taxes;
  }

  function updateTaxes(): { taxLines: CalcTaxLine[]; cartTax: number; shippingTax: number } {
    const {
      lines: byRate,
      cartTax,
      shippingTax,
    } = sumTaxesByRate(
      [...lines.map((l) => l.taxes.total), ...fees.map((f) => f.taxes)],
      shipping.map((line) => line.taxes),
      rounding,
    );
    const taxLines = byRate.map(({ rateId, taxTotal, shippingTaxTotal }) => ({
      rate: rateById(rateId),
      taxTotal,
      shippingTaxTotal,
    }));
    return { taxLines, cartTax, shippingTax };
  }

  function rateById(id: number): TaxRate {
    const rate = input.taxRates.find((candidate) => candidate.id === id);
    if (rate === undefined) throw new Error(`tax rate ${id} vanished during calculation`);
    return rate;
  }

  /** `recalculate_coupons()`: reset line totals, apply every coupon, record coupon and line discounts. */
  function recalculateCoupons(): CalcCoupon[] {
    for (const line of lines) line.total = line.subtotal;
    const factor = 10 ** dp;
    const discounts = applyCoupons(
      lines.map((line, key) => ({
        key,
        productId: input.lineItems[key].productId,
        variationId: input.lineItems[key].variationId,
        quantity: input.lineItems[key].quantity,
        priceInCents: toCents(line.subtotal, dp) + (input.pricesIncludeTax ? toCents(line.subtotalTax, dp) : 0),
      })),
      input.coupons,
      dp,
    );
    const isTaxable = (key: number) => input.lineItems[key].taxStatus === 'taxable';
    const coupons = input.coupons.map((coupon) => {
      const perItem = discounts.get(coupon.code) ?? new Map<number, number>();
      let amount = sum(perItem.values()) / factor;
      let discountTax = 0;
      for (const [key, cents] of perItem) {
        if (!isTaxable(key)) continue;
        const rates = ratesFor(input.lineItems[key].taxClass);
        const tax = roundTax(sum(calcTax(cents / factor, rates, input.pricesIncludeTax, dp).values()));
        discountTax += tax;
        if (input.pricesIncludeTax) amount -= tax;
      }
      return { discount: keep(amount), discountTax: keep(discountTax) };
    });
    lines.forEach((line, key) => {
      let amount = sum([...discounts.values()].map((perItem) => perItem.get(key) ?? 0)) / factor;
      if (input.pricesIncludeTax && isTaxable(key)) {
        amount -= sum(calcTax(amount, ratesFor(input.lineItems[key].taxClass), true, dp).values());
      }
      line.total = keep(Math.max(0, line.total - amount));
    });
    return coupons;
  }
}

function charge(total: number): CalcChargeLine {
  return { total, totalTax: 0, taxes: new Map() };
}

function emptyLineTaxes() {
  return { total: new Map<number, number>(), subtotal: new Map<number, number>() };
}

function validate(input: OrderCalcInput): void {
  if (!Number.isInteger(input.decimals) || input.decimals < 0 || input.decimals > 4) {
    throw new RangeError('decimals must be an integer from 0 to 4');
  }
  for (const item of input.lineItems) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1)
      throw new RangeError('quantity must be a positive integer');
    if (!(item.unitPrice >= 0)) throw new RangeError('unit price must be zero or more');
  }
  const codes = input.coupons.map((coupon) => coupon.code.toLowerCase());
  if (new Set(codes).size !== codes.length) throw new RangeError('a coupon code can be applied only once');
  for (const coupon of input.coupons) {
    if (!(coupon.amount >= 0)) throw new RangeError(`coupon ${coupon.code}: amount must be zero or more`);
    if (coupon.discountType === 'percent' && coupon.amount > 100) {
      throw new RangeError(`coupon ${coupon.code}: a percent coupon cannot exceed 100`);
    }
  }
}
