import { runWrite, type BatchSpec } from './batch';
import type { AccountingContext } from './context';
import { envelope } from './envelope';
import { notFound } from './errors';
import type { Json } from './fields';
import type { SandboxRequest } from './http-types';
import type { TenantData } from './model';
import type { Router } from './router';

/** What a write does: PUT creates only, POST creates or updates. */
export type WriteMode = 'create' | 'upsert';

/** How a document resource (Invoices, Quotes, CreditNotes) is found, rendered and written. */
export interface DocumentResource<R> {
  /** Path and envelope key, e.g. `CreditNotes`. */
  key: string;
  /** Finds a record by its ID or its number (the path segment of GET and POST /{key}/{id}). */
  find(tenant: TenantData, idOrNumber: string): R | undefined;
  /** The JSON of a single GET. */
  render(req: SandboxRequest, ctx: AccountingContext, record: R): Json;
  /** The batch rules of a write: PUT creates, POST upserts, POST /{id} updates `target`. */
  spec(req: SandboxRequest, ctx: AccountingContext, mode: WriteMode, target?: R): BatchSpec<unknown>;
}

/** Registers GET /{key}/{id}, PUT /{key}, POST /{key} and POST /{key}/{id} of a document resource. */
export function documentRoutes<R>(router: Router<AccountingContext>, resource: DocumentResource<R>): void {
  const path = `/${resource.key}`;
  router
    .on('GET', `${path}/:id`, (req, ctx) => {
      const record = resource.find(ctx.tenant, req.params.id);
      return record ? envelope(ctx, resource.key, [resource.render(req, ctx, record)]) : notFound();
    })
    .on('PUT', path, (req, ctx) => runWrite(req, ctx, resource.spec(req, ctx, 'create')))
    .on('POST', path, (req, ctx) => runWrite(req, ctx, resource.spec(req, ctx, 'upsert')))
    .on('POST', `${path}/:id`, (req, ctx) => {
      const record = resource.find(ctx.tenant, req.params.id);
      return record ? runWrite(req, ctx, resource.spec(req, ctx, 'upsert', record)) : notFound();
    });
}
