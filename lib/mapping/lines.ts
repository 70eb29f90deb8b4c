import type { WooLineItem, WooOrder } from '../woocommerce/order-schema';
import { decimalFromNumber, divide, parseDecimal, round, sign, toWireNumber } from './decimal';
import { buildItem, chooseItemCode, DESCRIPTION_MAX } from './items';
import type { MappingSettings } from './settings';
import { resolveTaxType, type TaxCheckLine, type WooTaxedLine, wooRateIds } from './tax';
import { cleanText, truncateText } from './text';
import { priceLine } from './unit-pricing';
import { XERO_AMOUNT_DECIMALS, XERO_UNIT_DECIMALS } from './xero-arithmetic';
import type { WireItem, WireLineItem } from './wire';

/** The document lines for an order, the items they refer to, and notes for the merchant. */
export interface MappedLines {
  lines: TaxCheckLine[];
  items: WireItem[];
  warnings: string[];
}

function taxFields(line: WooTaxedLine, settings: MappingSettings): Pick<WireLineItem, 'TaxType' | 'TaxAmount'> {
  const taxType = resolveTaxType(line, settings.taxes);
  const wooTax = round(parseDecimal(line.total_tax), XERO_AMOUNT_DECIMALS);
  const override = settings.sendTaxAmounts && taxType !== settings.taxes.untaxed;
  return { TaxType: taxType, ...(override ? { TaxAmount: toWireNumber(wooTax) } : {}) };
}

function describe(text: string, fallback: string): string {
  return truncateText(cleanText(text), DESCRIPTION_MAX) || fallback;
}

function checkLine(wire: WireLineItem, source: WooTaxedLine, label: string): TaxCheckLine {
  return {
    wire,
    wooTax: round(parseDecimal(source.total_tax), XERO_AMOUNT_DECIMALS),
    wooRateIds: wooRateIds(source),
    label,
  };
}

function productLine(line: WooLineItem, settings: MappingSettings, out: MappedLines): void {
  const label = `Line item #${line.id} "${cleanText(line.name)}"`;
  const quantity = decimalFromNumber(line.quantity);
  const { pricing, foldedQuantity } = priceLine(quantity, parseDecimal(line.subtotal), parseDecimal(line.total));
  const tax = taxFields(line, settings);
  const codeChoice = chooseItemCode(line, settings.items);
  const description = describe(line.name, codeChoice.code ?? `Product ${line.product_id}`);
  if (codeChoice.warning) out.warnings.push(codeChoice.warning);
  if (foldedQuantity) {
    out.warnings.push(
      `${label}: quantity ${line.quantity} at a 4-decimal unit price cannot reproduce the line total ${line.total} ` +
        `in Xero, so it is sent as 1 × ${line.total}.`,
    );
  }
  const wire: WireLineItem = {
    Description: foldedQuantity ? truncateText(`${description} (× ${line.quantity})`, DESCRIPTION_MAX) : description,
    ...pricing,
    ...(codeChoice.code !== undefined ? { ItemCode: codeChoice.code } : {}),
    AccountCode: settings.accounts.sales,
    ...tax,
  };
  out.lines.push(checkLine(wire, line, label));
  if (codeChoice.code !== undefined && settings.items.createMissing) {
    out.items.push(buildItem(line, codeChoice.code, listUnitPrice(line), settings.accounts.sales, tax.TaxType));
  }
}

/** The pre-coupon unit price of a product line, at Xero's 4 places. */
function listUnitPrice(line: WooLineItem): number {
  const quantity = decimalFromNumber(line.quantity);
  const subtotal = parseDecimal(line.subtotal);
  return toWireNumber(sign(quantity) > 0 ? divide(subtotal, quantity, XERO_UNIT_DECIMALS) : subtotal);
}

function singleLine(
  description: string,
  amount: string,
  accountCode: string,
  source: WooTaxedLine,
  settings: MappingSettings,
): WireLineItem {
  const { pricing } = priceLine(decimalFromNumber(1), parseDecimal(amount), parseDecimal(amount));
  return { Description: description, ...pricing, AccountCode: accountCode, ...taxFields(source, settings) };
}

/** Builds one Xero line per WooCommerce product, shipping and fee line, in that order, with the items they use. */
export function mapLines(order: WooOrder, settings: MappingSettings): MappedLines {
  const out: MappedLines = { lines: [], items: [], warnings: [] };
  for (const line of order.line_items) {
    productLine(line, settings, out);
  }
  for (const shipping of order.shipping_lines) {
    const title = cleanText(shipping.method_title);
    const description = truncateText(title === '' ? 'Shipping' : `Shipping: ${title}`, DESCRIPTION_MAX);
    const wire = singleLine(description, shipping.total, settings.accounts.shipping, shipping, settings);
    out.lines.push(checkLine(wire, shipping, `Shipping line #${shipping.id} "${title}"`));
  }
  for (const fee of order.fee_lines) {
    const wire = singleLine(describe(fee.name, 'Fee'), fee.total, settings.accounts.fees, fee, settings);
    out.lines.push(checkLine(wire, fee, `Fee line #${fee.id} "${cleanText(fee.name)}"`));
  }
  return out;
}
