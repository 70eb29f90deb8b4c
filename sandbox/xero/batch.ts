import { isResponse, parseElements, summarizeErrors, type AccountingContext } from './context';
import { envelope } from './envelope';
import { validationException } from './errors';
import { isObject, type Json } from './fields';
import type { SandboxRequest, SandboxResponse } from './http-types';

/** One element checked against the current state (and the elements accepted before it in the same request). */
export type Checked<P> = { ok: true; prepared: P } | { ok: false; errors: string[] };

/** How a resource validates, commits and echoes elements of a write request. */
export interface BatchSpec<P> {
  /** Plural key of the resource in request and response bodies (e.g. `Invoices`). */
  key: string;
  /** Validates an element; `accepted` holds the earlier valid elements of this request, not yet committed. */
  check(element: Json, accepted: P[]): Checked<P> | SandboxResponse;
  /** Saves a validated element and returns its rendered JSON. */
  commit(prepared: P): Json;
  /** The echo of a failed element for Elements[] / per-element errors (flags, zero GUIDs, messages). */
  echo(element: Json, errors: string[]): Json;
  /** Extra top-level envelope fields (Quotes add SummarizeErrors). */
  extra?: (summarize: boolean) => Record<string, unknown>;
}

/**
 * Runs a write request with Xero's summarizeErrors semantics. Valid elements are always saved. When true, any
 * invalid element answers 400 ValidationException echoing the failed elements (the valid ones are still
 * created, as Xero does); when false, the response is 200 with every element, failed ones flagged ERROR with
 * their ValidationErrors.
 */
export function runBatch<P>(
  ctx: AccountingContext,
  spec: BatchSpec<P>,
  elements: Json[],
  summarize: boolean,
): SandboxResponse {
  const accepted: P[] = [];
  const outcomes: Array<{ element: Json } & Checked<P>> = [];
  for (const element of elements) {
    const checked = spec.check(element, accepted);
    if ('status' in checked) return checked;
    if (checked.ok) accepted.push(checked.prepared);
    outcomes.push({ element, ...checked });
  }
  const rendered = outcomes.map((o) =>
    o.ok ? { ...spec.commit(o.prepared), StatusAttributeString: 'OK' } : spec.echo(o.element, o.errors),
  );
  const failed = outcomes.flatMap((o, i) => (o.ok ? [] : [rendered[i]]));
  if (summarize && failed.length > 0) return validationException(failed);
  return envelope(ctx, spec.key, rendered, spec.extra?.(summarize) ?? {});
}

/** Runs a write request: its elements (wrapped under the spec's key, or one bare element) with its summarizeErrors. */
export function runWrite<P>(req: SandboxRequest, ctx: AccountingContext, spec: BatchSpec<P>): SandboxResponse {
  const elements = parseElements(req, spec.key);
  if (isResponse(elements)) return elements;
  return runBatch(ctx, spec, elements.filter(isObject), summarizeErrors(req));
}
