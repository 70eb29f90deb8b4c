import { createHash } from 'node:crypto';
import type { AccountingApi } from 'xero-node';
import type { AccountingCaller, AccountingRequest } from './accounting-call';
import { elementAnswers, rejectFailedElements } from './element-answers';
import {
  XeroBatchUncertainError,
  XeroConfigurationError,
  XeroError,
  XeroRateLimitError,
  XeroUnauthorizedError,
} from './errors';
import {
  createRequestCoalescer,
  type ElementOutcome,
  type PendingBatch,
  type RequestCoalescer,
} from './request-coalescer';
import { canonicalRequestBody, toWire, type EnvelopeType } from './wire';

/** One document of a batchable create and its own Idempotency-Key (the one it is sent with when alone). */
export interface BatchElement<W> {
  document: W;
  idempotencyKey: string;
}

/** A create endpoint whose documents may share one request (PUT /Invoices now; payments, credit notes later). */
export interface BatchEndpoint<W> {
  envelope: EnvelopeType;
  /** The request as the governor and errors name it, e.g. "PUT /Invoices". */
  what: string;
  /** The identity an answered element must carry to be this document's answer (its number). */
  identityOf(document: W): string | undefined;
  /** Sends the canonical body; `summarizeErrors` is true when one document goes alone, false for a batch. */
  send(
    api: AccountingApi,
    tenantId: string,
    body: string,
    summarizeErrors: boolean,
    idempotencyKey: string,
  ): Promise<{ body: unknown; response?: { headers?: unknown } }>;
}

/** The largest body a batch grows to: under the 3.5 MB Xero recommends per request (10 MB is its maximum). */
export const MAX_BATCH_BYTES = 3_000_000;

/** Creates one document, possibly inside a batch with others of the same store waiting for the same permit. */
export type BatchedCreate<W> = (storeId: string, element: BatchElement<W>) => Promise<W>;

/** The request a closed batch is sent as. */
interface SentRequest<W> {
  elements: readonly BatchElement<W>[];
  body: string;
  idempotencyKey: string;
}

/**
 * The Idempotency-Key of a batch: a digest of its elements' own keys in request order (no personal data, ≤128
 * characters). The same elements in the same order always make the same request, so a resend after a 429 or a
 * token refresh is the same request to Xero.
 */
export function batchIdempotencyKey(elementKeys: readonly string[]): string {
  return `batch:${createHash('sha256').update(elementKeys.join('\n')).digest('hex')}`;
}

/**
 * Builds the batched create of an endpoint (docs/xero-batching.md). Documents of one store waiting for the same
 * permit share one request. A document that goes alone is sent exactly as without batching (summarizeErrors=true,
 * its own key), so its errors are the usual ones. A batch goes with summarizeErrors=false under the batch key and
 * each document gets its own element's answer: created, or refused with the validation error it would have had
 * alone; when the answer is lost or uncertain every document gets XeroBatchUncertainError.
 */
export function createBatchedCreate<W extends object>(
  call: AccountingCaller,
  endpoint: BatchEndpoint<W>,
  coalescer: RequestCoalescer<BatchElement<W>, W> = createRequestCoalescer({
    maxSize: MAX_BATCH_BYTES,
    sizeOf: (element) => Buffer.byteLength(JSON.stringify(element.document)),
  }),
): BatchedCreate<W> {
  // A create under a key already waiting in an open batch shares its answer: inside a batch the element's own key
  // never reaches Xero, so two copies in one request would both be made. Once sent, a repeat goes to Xero under
  // its key as without batching (Xero answers it as a repeated key).
  const waiting = new Map<string, Promise<W>>();
  const idOf = (storeId: string, element: BatchElement<W>) => `${storeId}\n${element.idempotencyKey}`;
  return (storeId, element) => {
    const id = idOf(storeId, element);
    const pending = waiting.get(id);
    if (pending) return pending;
    const forget = () => {
      if (waiting.get(id) === created) waiting.delete(id);
    };
    const created: Promise<W> = coalescer
      .submit(`${storeId}\n${endpoint.what}`, element, (batch) =>
        sendBatch(call, endpoint, storeId, batch, (sent) => {
          for (const each of sent) waiting.delete(idOf(storeId, each));
        }),
      )
      .finally(forget);
    waiting.set(id, created);
    return created;
  };
}

async function sendBatch<W extends object>(
  call: AccountingCaller,
  endpoint: BatchEndpoint<W>,
  storeId: string,
  batch: PendingBatch<BatchElement<W>>,
  onClose: (elements: readonly BatchElement<W>[]) => void,
): Promise<Array<ElementOutcome<W>>> {
  let sent: SentRequest<W> | undefined;
  // Called once the permit is held: the batch closes then, and every resend carries the same bytes.
  const request: AccountingRequest<unknown> = (api, tenantId) => {
    if (!sent) {
      sent = requestFor(endpoint, batch.close());
      onClose(sent.elements);
    }
    return endpoint.send(api, tenantId, sent.body, sent.elements.length === 1, sent.idempotencyKey);
  };
  let result: unknown;
  try {
    result = await call(storeId, endpoint.what, request);
  } catch (err) {
    // Nothing sent (no token, no permit), or one document alone: the error is the document's own.
    if (sent === undefined || sent.elements.length === 1) throw err;
    throw batchFailure(err, endpoint.what, sent.elements.length);
  }
  const answered = toWire<Record<string, W[] | undefined>>(result, endpoint.envelope)[endpoint.envelope] ?? [];
  const { elements } = sent!;
  if (elements.length === 1) {
    rejectFailedElements(answered);
    return [{ ok: true, value: answered[0]! }];
  }
  const documents = elements.map((e) => e.document);
  return elementAnswers(documents, answered, endpoint.identityOf).map((answer) => {
    if (answer.kind === 'created') return { ok: true, value: answer.document };
    if (answer.kind === 'refused') return { ok: false, error: answer.error };
    return {
      ok: false,
      error: new XeroBatchUncertainError(endpoint.what, elements.length, 'the answer did not include it'),
    };
  });
}

function requestFor<W extends object>(
  endpoint: BatchEndpoint<W>,
  elements: readonly BatchElement<W>[],
): SentRequest<W> {
  const body = canonicalRequestBody(
    endpoint.envelope,
    elements.map((e) => e.document),
  );
  const idempotencyKey =
    elements.length === 1 ? elements[0]!.idempotencyKey : batchIdempotencyKey(elements.map((e) => e.idempotencyKey));
  return { elements, body, idempotencyKey };
}

/**
 * What each document of a failed batch is told. A 429 Xero kept refusing, a refused token or a refused
 * organisation (403) means Xero processed nothing, and each document alone would have been refused the same way;
 * anything else (no answer, a server error, a request-level 400) leaves each document's outcome unknown.
 */
function batchFailure(err: unknown, what: string, elements: number): unknown {
  const notProcessed =
    err instanceof XeroRateLimitError || err instanceof XeroUnauthorizedError || err instanceof XeroConfigurationError;
  if (notProcessed) return err;
  const cause = !(err instanceof XeroError)
    ? 'unexpected failure'
    : err.statusCode
      ? `HTTP ${err.statusCode}`
      : 'no response';
  return new XeroBatchUncertainError(what, elements, cause);
}
