import { accountProblem, findAccount, findTaxRate, taxTypeProblem } from './account-rules';
import { computeLine, type TaxMode } from './calc';
import { dec, parseDecimal, round, toDecimalString, toNumber } from './decimal';
import { field, has, str, type Json } from './fields';
import { newId } from './ids';
import { messages } from './messages';
import type { ItemRecord, LineRecord, TenantData } from './model';
import { resolveTracking } from './tracking';

/** Rules that differ between documents (sales vs purchase, discounts, whether an account is mandatory). */
export interface LineRules {
  side: 'sales' | 'purchase';
  mode: TaxMode;
  unitDp: 2 | 4;
  allowDiscount: boolean;
  requireAccount: boolean;
}

/** Lines validated and computed, or the messages explaining why they are not valid. */
export interface PreparedLines {
  lines: LineRecord[];
  errors: string[];
}

/** Parses an optional numeric field of a line, recording an error when it is not numeric. */
function numeric(line: Json, name: string, errors: string[]): bigint | undefined {
  const raw = field(line, name);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = parseDecimal(raw);
  if (value === undefined) errors.push(messages.numberInvalid(name));
  return value;
}

/** Finds an item by its code (codes compare without regard to case). */
export function findItemByCode(tenant: TenantData, code: string): ItemRecord | undefined {
  const lower = code.toLowerCase();
  return [...tenant.items.values()].find((i) => i.Code.toLowerCase() === lower);
}

/** Validates one line against the organisation's items, accounts, tax rates and tracking, then computes it. */
function prepareLine(tenant: TenantData, line: Json, rules: LineRules, errors: string[]): LineRecord {
  const ref = tenant.reference;
  const itemCode = str(line, 'ItemCode');
  const item = itemCode === undefined ? undefined : findItemByCode(tenant, itemCode);
  if (itemCode !== undefined && !item) errors.push(messages.itemCodeInvalid(itemCode));
  const details = rules.side === 'sales' ? item?.SalesDetails : item?.PurchaseDetails;
  const itemDescription = rules.side === 'sales' ? item?.Description : item?.PurchaseDescription;

  const description = str(line, 'Description') ?? itemDescription;
  if (description === undefined || description === '') errors.push(messages.descriptionRequired());

  const accountId = str(line, 'AccountID');
  const accountCode = str(line, 'AccountCode') ?? (accountId === undefined ? details?.AccountCode : undefined);
  const account = findAccount(ref, accountCode, accountId);
  const given = accountCode ?? accountId;
  const accountError =
    given !== undefined
      ? accountProblem(account, given)
      : rules.requireAccount
        ? messages.accountCodeInvalid('')
        : undefined;
  if (accountError !== undefined) errors.push(accountError);

  const taxType = str(line, 'TaxType') ?? account?.TaxType;
  const rate = taxType === undefined ? undefined : findTaxRate(ref, taxType);
  const taxError =
    taxType === undefined ? undefined : taxTypeProblem(rate, taxType, accountError === undefined ? account : undefined);
  if (taxError !== undefined) errors.push(taxError);

  const quantity = numeric(line, 'Quantity', errors);
  const unitAmount = numeric(line, 'UnitAmount', errors) ?? (has(line, 'Quantity') ? details?.UnitPrice : undefined);
  const discountRate = numeric(line, 'DiscountRate', errors);
  const discountAmount = numeric(line, 'DiscountAmount', errors);
  if ((discountRate !== undefined || discountAmount !== undefined) && !rules.allowDiscount) {
    errors.push(messages.discountNotAllowed());
  }
  const amounts = computeLine(
    {
      quantity,
      unitAmount,
      lineAmount: numeric(line, 'LineAmount', errors),
      discountRate,
      discountAmount,
      taxRate: rate && rate.Status === 'ACTIVE' ? dec(rate.EffectiveRate) : 0n,
      taxAmount: numeric(line, 'TaxAmount', errors),
    },
    rules.mode,
    rules.unitDp,
  );
  return {
    LineItemID: str(line, 'LineItemID') ?? newId(),
    Description: description,
    Quantity: amounts.quantity,
    UnitAmount: amounts.unitAmount,
    ItemCode: item?.Code,
    ItemID: item?.ItemID,
    AccountCode: account?.Code,
    AccountID: account?.AccountID,
    TaxType: taxType,
    TaxAmount: amounts.taxAmount,
    LineAmount: amounts.lineAmount,
    DiscountRate: discountRate,
    DiscountAmount: discountAmount,
    GrossAmount: amounts.grossAmount,
    Tracking: resolveTracking(ref, line, errors),
  };
}

/** Validates and computes every line of a document; errors are de-duplicated. */
export function prepareLines(tenant: TenantData, lines: Json[], rules: LineRules): PreparedLines {
  const errors: string[] = [];
  const prepared = lines.map((line) => prepareLine(tenant, line, rules, errors));
  return { lines: prepared, errors: [...new Set(errors)] };
}

/** JSON of a stored line; UnitAmount shows unitDp decimals, Quantity up to 4. */
export function renderLine(line: LineRecord, unitDp: 2 | 4): Json {
  const out: Json = { LineItemID: line.LineItemID };
  if (line.Description !== undefined) out.Description = line.Description;
  if (line.Quantity !== undefined) out.Quantity = toNumber(line.Quantity);
  if (line.UnitAmount !== undefined) out.UnitAmount = toNumber(round(line.UnitAmount, unitDp));
  if (line.ItemCode !== undefined) {
    out.ItemCode = line.ItemCode;
    out.Item = { ItemID: line.ItemID, Code: line.ItemCode };
  }
  if (line.AccountCode !== undefined) {
    out.AccountCode = line.AccountCode;
    out.AccountID = line.AccountID;
  }
  if (line.TaxType !== undefined) out.TaxType = line.TaxType;
  out.TaxAmount = toNumber(line.TaxAmount);
  out.LineAmount = toNumber(line.LineAmount);
  if (line.DiscountRate !== undefined) out.DiscountRate = toNumber(line.DiscountRate);
  if (line.DiscountAmount !== undefined) out.DiscountAmount = toNumber(line.DiscountAmount);
  out.Tracking = line.Tracking.map((t) => ({ ...t }));
  return out;
}

/** Echo of input lines inside a validation-error element (each with its own empty ValidationErrors). */
export function echoLines(lines: Json[] | undefined): Json[] | undefined {
  return lines?.map((l) => ({ ...l, ValidationErrors: [] }));
}

/**
 * A stored line as request input, so an update that leaves LineItems out recomputes the same lines. With
 * `keepTaxAmount` (the update keeps the line amount types too) the stored tax is carried as an override, so a tax
 * amount a client once set survives edits of other fields.
 */
export function lineToInput(line: LineRecord, keepTaxAmount = false): Json {
  const out: Json = { LineItemID: line.LineItemID };
  if (keepTaxAmount) out.TaxAmount = toDecimalString(line.TaxAmount);
  if (line.Description !== undefined) out.Description = line.Description;
  if (line.Quantity !== undefined) out.Quantity = toDecimalString(line.Quantity);
  if (line.UnitAmount !== undefined) out.UnitAmount = toDecimalString(line.UnitAmount);
  if (line.ItemCode !== undefined) out.ItemCode = line.ItemCode;
  if (line.AccountCode !== undefined) out.AccountCode = line.AccountCode;
  if (line.TaxType !== undefined) out.TaxType = line.TaxType;
  if (line.DiscountRate !== undefined) out.DiscountRate = toDecimalString(line.DiscountRate);
  if (line.DiscountAmount !== undefined) out.DiscountAmount = toDecimalString(line.DiscountAmount);
  if (line.Quantity === undefined && line.UnitAmount === undefined && line.LineAmount !== 0n) {
    out.LineAmount = toDecimalString(line.LineAmount);
  }
  out.Tracking = line.Tracking.map((t) => ({
    TrackingCategoryID: t.TrackingCategoryID,
    TrackingOptionID: t.TrackingOptionID,
  }));
  return out;
}
