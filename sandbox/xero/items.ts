import { accountProblem, findAccount, findTaxRate, taxTypeProblem } from './account-rules';
import { runBatch, type BatchSpec, type Checked } from './batch';
import { isResponse, parseElements, summarizeErrors, unitDp, type AccountingContext } from './context';
import { msDate } from './dates';
import { parseDecimal, round, toNumber } from './decimal';
import { envelope } from './envelope';
import { notFound } from './errors';
import { bool, field, has, isObject, obj, str, type Json } from './fields';
import type { SandboxRequest, SandboxResponse } from './http-types';
import { isGuid, newId, ZERO_GUID } from './ids';
import { inventoryProblems, isTracked } from './item-inventory';
import { findItemByCode } from './line-items';
import { messages } from './messages';
import type { ItemDetails, ItemRecord, TenantData } from './model';
import { applyModifiedSince, applyOrder, applyWhere } from './query';
import type { Router } from './router';

const LIMITS: Array<[string, number]> = [
  ['Code', 30],
  ['Name', 50],
  ['Description', 4000],
  ['PurchaseDescription', 4000],
];

/** Parses SalesDetails/PurchaseDetails, checking the account code and tax type exist. */
function parseDetails(
  tenant: TenantData,
  input: Json | undefined,
  current: ItemDetails | undefined,
  dp: 2 | 4,
  errors: string[],
): ItemDetails | undefined {
  if (!input) return current;
  const details: ItemDetails = { ...current };
  if (has(input, 'UnitPrice')) {
    const price = parseDecimal(field(input, 'UnitPrice'));
    if (price === undefined) errors.push(messages.numberInvalid('UnitPrice'));
    else details.UnitPrice = round(price, dp);
  }
  const accountCode = str(input, 'AccountCode');
  const account = accountCode === undefined ? undefined : findAccount(tenant.reference, accountCode);
  const accountError = accountCode === undefined ? undefined : accountProblem(account, accountCode);
  if (accountError !== undefined) errors.push(accountError);
  if (accountCode !== undefined) details.AccountCode = account?.Code ?? accountCode;
  const taxType = str(input, 'TaxType');
  if (taxType !== undefined) {
    const known = accountError === undefined ? findAccount(tenant.reference, details.AccountCode) : undefined;
    const problem = taxTypeProblem(
      findTaxRate(tenant.reference, taxType),
      taxType,
      known?.Status === 'ACTIVE' ? known : undefined,
    );
    if (problem !== undefined) errors.push(problem);
    details.TaxType = taxType;
  }
  const cogs = str(input, 'COGSAccountCode');
  if (cogs !== undefined) {
    const cogsAccount = findAccount(tenant.reference, cogs);
    const problem = accountProblem(cogsAccount, cogs);
    if (problem !== undefined) errors.push(problem);
    details.COGSAccountCode = cogsAccount?.Code ?? cogs;
  }
  return details;
}

/** JSON of an item; UnitPrice shows 4 decimals only with unitdp=4. */
export function renderItem(item: ItemRecord, dp: 2 | 4): Json {
  const details = (d: ItemDetails | undefined): Json => {
    const out: Json = {};
    if (d?.UnitPrice !== undefined) out.UnitPrice = toNumber(round(d.UnitPrice, dp));
    if (d?.AccountCode !== undefined) out.AccountCode = d.AccountCode;
    if (d?.COGSAccountCode !== undefined) out.COGSAccountCode = d.COGSAccountCode;
    if (d?.TaxType !== undefined) out.TaxType = d.TaxType;
    return out;
  };
  const out: Json = { ItemID: item.ItemID, Code: item.Code };
  if (item.Name !== undefined) out.Name = item.Name;
  if (item.Description !== undefined) out.Description = item.Description;
  if (item.PurchaseDescription !== undefined) out.PurchaseDescription = item.PurchaseDescription;
  if (item.InventoryAssetAccountCode !== undefined) out.InventoryAssetAccountCode = item.InventoryAssetAccountCode;
  const tracked = isTracked(item);
  return {
    ...out,
    UpdatedDateUTC: msDate(item.updatedAt),
    PurchaseDetails: details(item.PurchaseDetails),
    SalesDetails: details(item.SalesDetails),
    IsTrackedAsInventory: tracked,
    ...(tracked
      ? { TotalCostPool: toNumber(item.TotalCostPool ?? 0n), QuantityOnHand: toNumber(item.QuantityOnHand ?? 0n) }
      : {}),
    IsSold: item.IsSold,
    IsPurchased: item.IsPurchased,
  };
}

/** Validates an item create (existing undefined) or update. */
function checkItem(
  ctx: AccountingContext,
  element: Json,
  existing: ItemRecord | undefined,
  accepted: ItemRecord[],
  dp: 2 | 4,
): Checked<ItemRecord> {
  const errors: string[] = [];
  const code = str(element, 'Code') ?? existing?.Code;
  if (code === undefined || code.trim() === '') errors.push(messages.itemCodeRequired());
  for (const [key, max] of LIMITS) {
    const v = str(element, key);
    if (v !== undefined && v.length > max) errors.push(messages.fieldTooLong(key, max));
  }
  if (code !== undefined) {
    const clash = findItemByCode(ctx.tenant, code);
    const batchClash = accepted.find(
      (i) => i.Code.toLowerCase() === code.toLowerCase() && i.ItemID !== existing?.ItemID,
    );
    if ((clash && clash.ItemID !== existing?.ItemID) || batchClash) errors.push(messages.itemCodeExists(code));
  }
  const IsSold = bool(element, 'IsSold') ?? existing?.IsSold ?? true;
  const IsPurchased = bool(element, 'IsPurchased') ?? existing?.IsPurchased ?? true;
  const SalesDetails = parseDetails(ctx.tenant, obj(element, 'SalesDetails'), existing?.SalesDetails, dp, errors);
  const PurchaseDetails = parseDetails(
    ctx.tenant,
    obj(element, 'PurchaseDetails'),
    existing?.PurchaseDetails,
    dp,
    errors,
  );
  const inventoryCode = str(element, 'InventoryAssetAccountCode') ?? existing?.InventoryAssetAccountCode;
  errors.push(...inventoryProblems(ctx.tenant.reference, inventoryCode, IsPurchased ? PurchaseDetails : undefined));
  if (errors.length > 0) return { ok: false, errors: [...new Set(errors)] };
  return {
    ok: true,
    prepared: {
      ItemID: existing?.ItemID ?? newId(),
      Code: code!,
      Name: str(element, 'Name') ?? existing?.Name,
      Description: IsSold ? (str(element, 'Description') ?? existing?.Description) : undefined,
      PurchaseDescription: IsPurchased
        ? (str(element, 'PurchaseDescription') ?? existing?.PurchaseDescription)
        : undefined,
      IsSold,
      IsPurchased,
      SalesDetails: IsSold ? SalesDetails : undefined,
      PurchaseDetails: IsPurchased ? PurchaseDetails : undefined,
      InventoryAssetAccountCode: inventoryCode,
      QuantityOnHand: existing?.QuantityOnHand,
      TotalCostPool: existing?.TotalCostPool,
      updatedAt: ctx.clock.now(),
    },
  };
}

/** Looks an item up by ItemID or Code. */
function findItem(tenant: TenantData, idOrCode: string): ItemRecord | undefined {
  return (isGuid(idOrCode) ? tenant.items.get(idOrCode) : undefined) ?? findItemByCode(tenant, idOrCode);
}

/** Batch rules for items. */
function itemSpec(
  ctx: AccountingContext,
  dp: 2 | 4,
  mode: 'create' | 'upsert',
  target?: ItemRecord,
): BatchSpec<ItemRecord> {
  return {
    key: 'Items',
    check: (element, accepted) => {
      let existing = target;
      if (!existing && mode === 'upsert') {
        const id = str(element, 'ItemID');
        const code = str(element, 'Code');
        existing =
          (id !== undefined ? ctx.tenant.items.get(id) : undefined) ??
          (code !== undefined ? findItemByCode(ctx.tenant, code) : undefined);
        if (!existing && id !== undefined && id !== ZERO_GUID) return notFound();
      }
      return checkItem(ctx, element, existing, accepted, dp);
    },
    commit: (item) => {
      ctx.tenant.items.set(item.ItemID, item);
      return { ...renderItem(item, dp), ValidationErrors: [] };
    },
    echo: (element, errors) => ({
      ItemID: ZERO_GUID,
      ...element,
      StatusAttributeString: 'ERROR',
      ValidationErrors: errors.map((Message) => ({ Message })),
    }),
  };
}

/** Runs an items write request. */
function write(
  req: SandboxRequest,
  ctx: AccountingContext,
  mode: 'create' | 'upsert',
  target?: ItemRecord,
): SandboxResponse {
  const elements = parseElements(req, 'Items');
  if (isResponse(elements)) return elements;
  return runBatch(ctx, itemSpec(ctx, unitDp(req), mode, target), elements.filter(isObject), summarizeErrors(req));
}

/** Registers the Items routes (GET has no paging: it returns every item). */
export function itemRoutes(router: Router<AccountingContext>): void {
  router
    .on('GET', '/Items', (req, ctx) => {
      const rows = applyWhere(
        req,
        applyModifiedSince(
          req,
          [...ctx.tenant.items.values()].map((i) => renderItem(i, unitDp(req))),
        ),
      );
      return Array.isArray(rows) ? envelope(ctx, 'Items', applyOrder(req, rows)) : rows;
    })
    .on('GET', '/Items/:id', (req, ctx) => {
      const item = findItem(ctx.tenant, req.params.id);
      return item ? envelope(ctx, 'Items', [renderItem(item, unitDp(req))]) : notFound();
    })
    .on('PUT', '/Items', (req, ctx) => write(req, ctx, 'create'))
    .on('POST', '/Items', (req, ctx) => write(req, ctx, 'upsert'))
    .on('POST', '/Items/:id', (req, ctx) => {
      const item = findItem(ctx.tenant, req.params.id);
      return item ? write(req, ctx, 'upsert', item) : notFound();
    });
}
