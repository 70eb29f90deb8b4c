import type { WooLineItem, WooOrder } from '../woocommerce/order-schema';
import { add, type Decimal, decimalFromNumber, divide, parseDecimal, sign, toWireNumber } from './decimal';
import { salesAccount } from './accounts';
import { discountLines, type DiscountShare } from './discount-lines';
import { usesInclusiveAmounts } from './document';
import { buildItem, chooseItemCode, DESCRIPTION_MAX } from './items';
import type { MappingSettings } from './settings';
import { chooseTaxType, taxAmountField, type TaxCheckLine, type WooTaxedLine, wooRateIds, wooTaxOf } from './tax';
import { cleanText, truncateText } from './text';
import type { MappingContext } from './types';
import { priceLine } from './unit-pricing';
import { productLineName } from './variations';
import { chooseDocumentType } from './sync-rules';
import { unitDecimalsOf, XERO_UNIT_DECIMALS } from './xero-arithmetic';
import type { WireItem, WireLineItem, WireTracking } from './wire';

/** The document lines for an order, the items they refer to, and notes for the merchant. */
export interface MappedLines {
  lines: TaxCheckLine[];
  items: WireItem[];
  warnings: string[];
  /** WooCommerce rate ids that had no `taxes.byWooRateId` mapping, with the default tax type used instead. */
  unmappedRates: Map<number, string>;
}

/** What every line of one order is built with. */
interface LineScope {
  settings: MappingSettings;
  /** Places of a UnitAmount on the document these lines go on (unitDecimalsOf its kind). */
  unitDecimals: number;
  ctx: MappingContext;
  inclusive: boolean;
  tracking: WireTracking[];
  out: MappedLines;
}

/** A line amount as the document shows it: WooCommerce's tax-exclusive amount, plus its tax when inclusive. */
function shown(amount: string, tax: string, inclusive: boolean): Decimal {
  return inclusive ? add(parseDecimal(amount), parseDecimal(tax)) : parseDecimal(amount);
}

/** TaxType for a line and, with `sendTaxAmounts`, WooCommerce's tax as TaxAmount (never on untaxed lines). */
function taxFields(
  source: WooTaxedLine,
  taxed: string,
  scope: Pick<LineScope, 'settings' | 'out'>,
): Pick<WireLineItem, 'TaxType' | 'TaxAmount'> {
  const { settings } = scope;
  const choice = chooseTaxType(source, settings.taxes, taxed);
  choice.unmappedRateIds.forEach((id) => scope.out.unmappedRates.set(id, choice.taxType));
  return { TaxType: choice.taxType, ...taxAmountField(choice.taxType, wooTaxOf(source), settings) };
}

function withTracking(wire: WireLineItem, tracking: WireTracking[]): WireLineItem {
  return tracking.length === 0 ? wire : { ...wire, Tracking: tracking.map((entry) => ({ ...entry })) };
}

function checkLine(wire: WireLineItem, source: WooTaxedLine, label: string): TaxCheckLine {
  return { wire, wooTax: wooTaxOf(source), wooRateIds: wooRateIds(source), label };
}

/** The line as it stood before coupons (`subtotal`, `subtotal_tax`), for showing discounts as separate lines. */
function beforeCoupons(line: WooLineItem): WooTaxedLine & { total: string } {
  return {
    total: line.subtotal,
    total_tax: line.subtotal_tax,
    taxes: line.taxes.map((share) => ({ id: share.id, total: share.subtotal === '' ? share.total : share.subtotal })),
  };
}

/** The pre-coupon unit price of a product line, at Xero's 4 places. */
function listUnitPrice(line: WooLineItem): number {
  const quantity = decimalFromNumber(line.quantity);
  const subtotal = parseDecimal(line.subtotal);
  return toWireNumber(sign(quantity) > 0 ? divide(subtotal, quantity, XERO_UNIT_DECIMALS) : subtotal);
}

function productLine(line: WooLineItem, scope: LineScope, discounts: DiscountShare[]): void {
  const { settings, inclusive, out } = scope;
  const name = productLineName(line, settings.items);
  const label = `Line item #${line.id} "${name}"`;
  const separate = settings.discountDisplay === 'separate-line';
  const source = separate ? beforeCoupons(line) : line;
  const listAmount = shown(line.subtotal, line.subtotal_tax, inclusive);
  const target = shown(source.total, source.total_tax, inclusive);
  const { pricing, foldedQuantity } = priceLine(
    decimalFromNumber(line.quantity),
    listAmount,
    target,
    scope.unitDecimals,
  );
  const tax = taxFields(source, settings.taxes.taxed, scope);
  const account = salesAccount(line, settings.accounts, scope.ctx);
  const codeChoice = chooseItemCode(line, settings.items);
  const description = truncateText(name, DESCRIPTION_MAX) || (codeChoice.code ?? `Product ${line.product_id}`);
  if (codeChoice.warning) out.warnings.push(codeChoice.warning);
  if (foldedQuantity) {
    out.warnings.push(
      `${label}: quantity ${line.quantity} at a 4-decimal unit price cannot reproduce the line amount ` +
        `${pricing.UnitAmount} in Xero, so it is sent as 1 × ${pricing.UnitAmount}.`,
    );
  }
  const wire: WireLineItem = {
    Description: foldedQuantity ? truncateText(`${description} (× ${line.quantity})`, DESCRIPTION_MAX) : description,
    ...pricing,
    ...(codeChoice.code !== undefined ? { ItemCode: codeChoice.code } : {}),
    AccountCode: account,
    ...tax,
  };
  out.lines.push(checkLine(withTracking(wire, scope.tracking), source, label));
  if (separate) {
    discounts.push({ line, taxType: tax.TaxType, inclusive });
  }
  if (codeChoice.code !== undefined && settings.items.createMissing) {
    out.items.push(buildItem(description, codeChoice.code, listUnitPrice(line), account, tax.TaxType));
  }
}

/** One unit at a WooCommerce shipping or fee line's amount. */
function chargeLine(
  description: string,
  source: WooTaxedLine & { total: string },
  accountCode: string,
  taxed: string,
  scope: LineScope,
): WireLineItem {
  const amount = shown(source.total, source.total_tax, scope.inclusive);
  const { pricing } = priceLine(decimalFromNumber(1), amount, amount, scope.unitDecimals);
  const wire = { Description: description, ...pricing, AccountCode: accountCode, ...taxFields(source, taxed, scope) };
  return withTracking(wire, scope.tracking);
}

// Discount lines (discountDisplay: separate-line) come right after the product lines.
/** Builds one Xero line per WooCommerce product, discount, shipping and fee line, with the items they use. */
export function mapLines(
  order: WooOrder,
  settings: MappingSettings,
  ctx: MappingContext,
  tracking: WireTracking[] = [],
): MappedLines {
  const out: MappedLines = { lines: [], items: [], warnings: [], unmappedRates: new Map() };
  const unitDecimals = unitDecimalsOf(chooseDocumentType(order, settings));
  const inclusive = usesInclusiveAmounts(order, settings);
  const scope: LineScope = { settings, unitDecimals, ctx, inclusive, tracking, out };
  const discounts: DiscountShare[] = [];
  for (const line of order.line_items) {
    productLine(line, scope, discounts);
  }
  for (const discount of discountLines(discounts, order.coupon_lines, settings)) {
    out.lines.push({ ...discount, wire: withTracking(discount.wire, tracking) });
  }
  const taxes = settings.taxes;
  for (const shipping of order.shipping_lines) {
    const title = cleanText(shipping.method_title);
    const description = truncateText(title === '' ? 'Shipping' : `Shipping: ${title}`, DESCRIPTION_MAX);
    const wire = chargeLine(
      description,
      shipping,
      settings.accounts.shipping,
      taxes.shippingTaxed ?? taxes.taxed,
      scope,
    );
    out.lines.push(checkLine(wire, shipping, `Shipping line #${shipping.id} "${title}"`));
  }
  for (const fee of order.fee_lines) {
    const name = truncateText(cleanText(fee.name), DESCRIPTION_MAX) || 'Fee';
    const wire = chargeLine(name, fee, settings.accounts.fees, taxes.feeTaxed ?? taxes.taxed, scope);
    out.lines.push(checkLine(wire, fee, `Fee line #${fee.id} "${name}"`));
  }
  return out;
}
