import type { AccountingContext } from './context';
import { envelope } from './envelope';
import type { Json } from './fields';
import type { SandboxRequest, SandboxResponse } from './http-types';
import { applyOrder, applyWhere, paginate } from './query';

/** Answers a paged list GET: `where`, then `order`, then `page`/`pageSize`, in the resource's envelope. */
export function pagedListResponse(
  req: SandboxRequest,
  ctx: AccountingContext,
  resourceKey: string,
  rows: Json[],
): SandboxResponse {
  const filtered = applyWhere(req, rows);
  if (!Array.isArray(filtered)) return filtered;
  const page = paginate(req, applyOrder(req, filtered));
  return envelope(ctx, resourceKey, page.rows, page.pagination ? { pagination: page.pagination } : {});
}
