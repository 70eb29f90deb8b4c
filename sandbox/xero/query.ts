import { jsonResponse, queryParam, type SandboxRequest, type SandboxResponse } from './http-types';
import type { Json } from './fields';
import { compileWhere, resolvePath, WhereParseError } from './where';

/** Paging metadata in the spec's `Pagination` shape. */
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  itemCount: number;
}

/** 400 QueryParseException for a filter or order clause the sandbox cannot parse. */
export function queryParseError(message: string): SandboxResponse {
  return jsonResponse(400, { ErrorNumber: 16, Type: 'QueryParseException', Message: message });
}

/** Filters rendered rows with the request's `where` clause; an error response when it does not parse. */
export function applyWhere(req: SandboxRequest, rows: Json[]): Json[] | SandboxResponse {
  const where = queryParam(req, 'where');
  if (where === undefined || where.trim() === '') return rows;
  try {
    const predicate = compileWhere<Json>(where, resolvePath);
    return rows.filter(predicate);
  } catch (error) {
    if (error instanceof WhereParseError) return queryParseError(error.message);
    throw error;
  }
}

/** Sorts rendered rows by the request's `order` (e.g. `Name ASC, UpdatedDateUTC DESC`). */
export function applyOrder(req: SandboxRequest, rows: Json[]): Json[] {
  const order = queryParam(req, 'order');
  if (!order) return rows;
  const keys = order.split(',').map((part) => {
    const [name, dir] = part.trim().split(/\s+/);
    return { name, sign: dir?.toUpperCase() === 'DESC' ? -1 : 1 };
  });
  return [...rows].sort((a, b) => {
    for (const { name, sign } of keys) {
      const x = resolvePath(a, name);
      const y = resolvePath(b, name);
      if (x === y) continue;
      if (x === undefined || x === null) return -sign;
      if (y === undefined || y === null) return sign;
      const cmp = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : 1;
      if (cmp !== 0) return cmp * sign;
    }
    return 0;
  });
}

/** The `page` parameter when present and valid (1-based). */
export function pageNumber(req: SandboxRequest): number | undefined {
  const raw = queryParam(req, 'page');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Applies page/pageSize (default 100, 1–1000) and returns the page plus pagination metadata. */
export function paginate<T>(req: SandboxRequest, rows: T[]): { rows: T[]; pagination?: Pagination } {
  const page = pageNumber(req);
  if (page === undefined) return { rows };
  const requested = Number(queryParam(req, 'pageSize') ?? 100);
  const pageSize = Number.isInteger(requested) ? Math.min(1000, Math.max(1, requested)) : 100;
  const itemCount = rows.length;
  return {
    rows: rows.slice((page - 1) * pageSize, page * pageSize),
    pagination: { page, pageSize, pageCount: Math.ceil(itemCount / pageSize), itemCount },
  };
}

/** Keeps rows whose field (case-insensitive) is in a comma list from the query, when that parameter is given. */
export function filterByList(req: SandboxRequest, rows: Json[], param: string, fieldName: string): Json[] {
  const raw = queryParam(req, param);
  if (raw === undefined) return rows;
  const wanted = new Set(
    raw
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  if (wanted.size === 0) return rows;
  return rows.filter((r) => wanted.has(String(resolvePath(r, fieldName) ?? '').toLowerCase()));
}

/** Keeps rows whose UpdatedDateUTC is after the `If-Modified-Since` header (any format Date.parse reads). */
export function applyModifiedSince(req: SandboxRequest, rows: Json[]): Json[] {
  const header = req.headers['if-modified-since'];
  const since = header === undefined ? Number.NaN : Date.parse(header);
  if (Number.isNaN(since)) return rows;
  return rows.filter((r) => {
    const updated = resolvePath(r, 'UpdatedDateUTC');
    return typeof updated === 'number' && updated > since;
  });
}

/** Keeps the rows whose `fields` contain the request's `searchTerm`, ignoring case; all rows when there is none. */
export function applySearchTerm(req: SandboxRequest, rows: Json[], fields: readonly string[]): Json[] {
  const term = queryParam(req, 'searchTerm')?.toLowerCase();
  if (!term) return rows;
  return rows.filter((row) =>
    fields.some((field) =>
      String(row[field] ?? '')
        .toLowerCase()
        .includes(term),
    ),
  );
}
