import type { Request, Response } from 'express';
import { phpJsonEncode } from './php-json';
import { RestError } from './rest-errors';

/** Sends a REST body as WordPress does: `wp_json_encode` bytes, `application/json; charset=UTF-8`, REST headers. */
export function sendRest(
  res: Response,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
) {
  res
    .status(status)
    .set({
      'Content-Type': 'application/json; charset=UTF-8',
      'X-Robots-Tag': 'noindex',
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
      'Access-Control-Allow-Headers': 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
      ...headers,
    })
    .send(Buffer.from(phpJsonEncode(body), 'utf8'));
}

/** Sends a RestError (or a 500 for anything unexpected) in WordPress's error shape. */
export function sendError(res: Response, error: unknown): void {
  if (error instanceof RestError) {
    sendRest(res, error.status, error.toBody(), error.headers);
    return;
  }
  console.error('woo sandbox: unexpected error', error);
  const message = error instanceof Error ? error.message : String(error);
  sendRest(res, 500, { code: 'internal_server_error', message, data: { status: 500 } });
}

/** Pagination headers of a collection (`X-WP-Total`, `X-WP-TotalPages`, `Link` with only prev/next). */
export function paginationHeaders(req: Request, storeUrl: string, total: number, perPage: number, page: number) {
  const totalPages = Math.ceil(total / perPage);
  const link = (target: number) => {
    const url = new URL(`${storeUrl}${req.baseUrl}${req.path}`);
    for (const [key, value] of Object.entries(req.query)) {
      if (key !== 'page' && typeof value === 'string') url.searchParams.set(key, value);
    }
    url.searchParams.set('page', String(target));
    return url.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${link(Math.min(page - 1, Math.max(totalPages, 1)))}>; rel="prev"`);
  if (totalPages > page) links.push(`<${link(page + 1)}>; rel="next"`);
  return {
    'X-WP-Total': String(total),
    'X-WP-TotalPages': String(totalPages),
    ...(links.length > 0 ? { Link: links } : {}),
  };
}

/** Applies offset/page/per_page to a sorted collection. */
export function pageOf<T>(items: T[], page: number, perPage: number, offset?: number): T[] {
  const start = offset ?? (page - 1) * perPage;
  return items.slice(start, start + perPage);
}
