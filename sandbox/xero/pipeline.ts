import { setTimeout as sleep } from 'node:timers/promises';
import { allocationRoutes } from './allocations';
import { authenticate } from './auth';
import type { SandboxClock } from './clock';
import { contactRoutes } from './contacts';
import type { AccountingContext } from './context';
import { creditNoteRoutes } from './credit-notes';
import { methodNotAllowed, notFound } from './errors';
import { isCommitThenStatus, isStatusFault, type CommitThenStatusFault, type Fault, type StatusFault } from './faults';
import type { SandboxRequest, SandboxResponse } from './http-types';
import { identityRouter, type IdentityContext } from './identity';
import type { IdentityStore } from './identity-store';
import type { IdempotencyStore } from './idempotency';
import { invoiceRoutes } from './invoices';
import { itemRoutes } from './items';
import type { TenantData } from './model';
import { paymentRoutes } from './payments';
import { quoteRoutes } from './quotes';
import type { RateLimiter } from './rate-limit';
import { referenceDataRoutes } from './reference-data';
import { Router } from './router';

/** Path prefix of the Accounting API. */
export const ACCOUNTING_PREFIX = '/api.xro/2.0';
/** The largest request body Xero takes (reference/xero-api.md §4.0: 10 MB maximum). */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** Everything the request pipeline needs from the running sandbox. */
export interface PipelineDeps {
  clock: SandboxClock;
  identity: IdentityStore;
  identityContext: IdentityContext;
  tenants: Map<string, TenantData>;
  rateLimiter: RateLimiter;
  idempotency: IdempotencyStore;
  providerName: string;
}

/** What the server needs back: the response, and the tenant addressed (for the request log). */
export interface PipelineResult {
  response: SandboxResponse;
  tenantId?: string;
}

/** The accounting routes of every resource. */
function accountingRouter(): Router<AccountingContext> {
  const router = new Router<AccountingContext>();
  contactRoutes(router);
  itemRoutes(router);
  invoiceRoutes(router);
  quoteRoutes(router);
  creditNoteRoutes(router);
  allocationRoutes(router);
  paymentRoutes(router);
  referenceDataRoutes(router);
  return router;
}

/** The response of an injected status fault (outage text, or an empty 429 about the minute limit). */
function faultResponse(fault: StatusFault, retryAfter: () => string): SandboxResponse {
  const body =
    fault.body === undefined
      ? fault.status === 429
        ? ''
        : outageText(fault.status)
      : typeof fault.body === 'string'
        ? fault.body
        : JSON.stringify(fault.body);
  const type = typeof fault.body === 'object' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
  const defaults: Record<string, string> =
    fault.status === 429 ? { 'x-rate-limit-problem': 'minute', 'retry-after': retryAfter() } : {};
  return { status: fault.status, headers: { 'content-type': type, ...defaults, ...lower(fault.headers) }, body };
}

/** The plain-text body of a 5xx answered by an injected fault. */
function outageText(status: number): string {
  if (status === 503) return 'The Xero API is temporarily unavailable';
  if (status === 502 || status === 504) return `${status === 502 ? 'Bad Gateway' : 'Gateway Timeout'}`;
  return 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.';
}

/** The error a commit-then-status fault answers after the request was processed. */
function afterCommitResponse(fault: CommitThenStatusFault): SandboxResponse {
  return {
    status: fault.status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: outageText(fault.status),
  };
}

/** A body over MAX_REQUEST_BYTES, refused in front of the API (nothing processed, no call counted). */
function tooLarge(): SandboxResponse {
  return { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Request Entity Too Large' };
}

/** Waits as a latency or hold fault asks (while the request is in flight under its key). */
async function delay(fault: Fault | undefined): Promise<void> {
  if (fault && 'latencyMs' in fault && fault.latencyMs) await sleep(fault.latencyMs);
  if (fault && 'kind' in fault && fault.kind === 'hold') await fault.until.catch(() => undefined);
}

/** Header names in lower case. */
function lower(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Builds the request handler for identity and accounting paths. */
export function createPipeline(deps: PipelineDeps): (req: SandboxRequest, fault?: Fault) => Promise<PipelineResult> {
  const identityRoutes = identityRouter();
  const accountingRoutes = accountingRouter();

  async function identity(req: SandboxRequest, fault?: Fault): Promise<PipelineResult> {
    await delay(fault);
    if (isStatusFault(fault)) return { response: faultResponse(fault, () => '60') };
    const match = identityRoutes.match(req.method, req.path);
    if (match === undefined) return { response: notFound() };
    if (match === 'method') return { response: methodNotAllowed() };
    return { response: await match.handler({ ...req, params: match.params }, deps.identityContext) };
  }

  async function accounting(req: SandboxRequest, fault?: Fault): Promise<PipelineResult> {
    if (Buffer.byteLength(req.rawBody) > MAX_REQUEST_BYTES) return { response: tooLarge() };
    const relative = req.path.slice(ACCOUNTING_PREFIX.length) || '/';
    const resource = relative.split('/')[1] ?? '';
    const auth = authenticate(req, deps.identity, deps.tenants, resource);
    if (!auth.ok) return { response: auth.response };
    const clientId = auth.access.grant.clientId;
    const tenantId = auth.tenant.tenantId;
    const admission = deps.rateLimiter.admit(clientId, tenantId);
    if (!admission.ok) return { response: admission.response, tenantId };
    try {
      const retryAfter = () => deps.rateLimiter.minuteRetryAfter(clientId, tenantId);
      let response: SandboxResponse;
      if (isStatusFault(fault) && !fault.cached) {
        await delay(fault);
        response = faultResponse(fault, retryAfter);
      } else {
        const ctx: AccountingContext = {
          tenant: auth.tenant,
          clientId,
          clock: deps.clock,
          providerName: deps.providerName,
        };
        const outcome = await deps.idempotency.run(clientId, req, async () => {
          await delay(fault);
          if (isStatusFault(fault)) return faultResponse(fault, retryAfter);
          const match = accountingRoutes.match(req.method, relative);
          if (match === undefined) return notFound();
          if (match === 'method') return methodNotAllowed();
          const handled = await match.handler({ ...req, params: match.params }, ctx);
          return isCommitThenStatus(fault) && fault.cached ? afterCommitResponse(fault) : handled;
        });
        response = isCommitThenStatus(fault) ? afterCommitResponse(fault) : outcome.response;
      }
      return { response: { ...response, headers: { ...response.headers, ...admission.headers } }, tenantId };
    } finally {
      admission.release();
    }
  }

  return (req, fault) => {
    const p = req.path;
    const isAccounting = p.toLowerCase() === ACCOUNTING_PREFIX || p.toLowerCase().startsWith(`${ACCOUNTING_PREFIX}/`);
    return isAccounting ? accounting(req, fault) : identity(req, fault);
  };
}
