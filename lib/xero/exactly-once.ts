import type { XeroAccountingClient } from './accounting-client';
import {
  XeroAmbiguousDocumentError,
  XeroBatchUncertainError,
  XeroDocumentNumberTakenError,
  XeroRequestInProgressError,
  XeroTransientError,
  XeroValidationError,
} from './errors';
import { idempotencyKeyFor } from './idempotency-key';
import type { CreateSubject } from '../lifecycle/effect-id';
import type { DocumentKind } from '../mapping/types';
import type { AttemptStore, Clock, CreateAttempt } from './ports';
import { canonicalRequestBody, DOCUMENT_ENVELOPES } from './wire';
import type { WireInvoice, WireQuote } from './wire-types';

/** Xero remembers an Idempotency-Key for 6 minutes from its first use. */
export const IDEMPOTENCY_WINDOW_MS = 6 * 60_000;
/** How far before the attempt a reference-only quote scan looks (clock skew between us and Xero). */
const LOOKUP_SKEW_MS = 5 * 60_000;

/** The durable identities of one order's document: its number (when we choose it) and its Reference. */
export interface DocumentIdentity {
  /** InvoiceNumber (invoice) or QuoteNumber (quote); absent when Xero numbers the document. */
  invoiceNumber?: string;
  reference: string;
}

/** Everything the exactly-once create needs. */
export interface CreateDocumentExactlyOnceInput {
  storeId: string;
  orderId: number;
  kind: DocumentKind;
  /** What the attempt is recorded under: the kind (the order's document), or the effect that makes a new one (a reissue). */
  subject?: CreateSubject;
  /** The document in Xero wire format, carrying the identity's number and Reference. */
  body: WireInvoice | WireQuote;
  identity: DocumentIdentity;
  client: Pick<XeroAccountingClient, 'findInvoices' | 'findQuotes' | 'createInvoice' | 'createQuote'>;
  attempts: AttemptStore;
  now?: Clock;
}

/** The Xero document the order now has, and whether a lookup found it (adopted) rather than a create answering. */
export interface CreatedDocument {
  documentId: string;
  number: string;
  status: string;
  /** Xero's Total as a decimal string (callers may re-format it to the order's decimals). */
  total: string;
  currencyCode: string;
  /** The document's ContactID, as Xero answered it (for a contact the document created, its new id). */
  contactId: string;
  adopted: boolean;
}

type WireDocument = WireInvoice | WireQuote;

interface PlannedRequest {
  idempotencyKey: string;
  generation: number;
  document: WireDocument;
  startedAt: Date;
  /** Whether the request may share one PUT with other documents (docs/xero-batching.md). */
  mayBatch: boolean;
}

const DUPLICATE_NUMBER = /(Invoice|Quote) # must be unique/i;
const KEY_REUSED = /Idempotency Key.*is used with a different request/i;

/**
 * Creates the order's invoice or quote at most once (xero-api.md §6): a recorded, deterministic Idempotency-Key,
 * the same bytes on replays inside Xero's 6-minute window, and a lookup that adopts the document whenever an
 * earlier attempt's outcome is unknown, the key may have expired, or Xero says the number is taken. After a 5xx
 * or a timeout the same key is replayed first (Xero answers with what the first request did); only when that
 * replay cannot tell (the key expired, or Xero repeats a server error) is the document looked up, and only when
 * absent is a new key used.
 */
export async function createDocumentExactlyOnce(input: CreateDocumentExactlyOnceInput): Promise<CreatedDocument> {
  assertBodyCarriesIdentity(input);
  const now = input.now ?? (() => new Date());
  const previous = await input.attempts.get(input.storeId, input.orderId, subjectOf(input));
  if (!previous) return send(input, await begin(input, 1, now()), now, true);

  const replay = replayable(input, previous, now());
  if (replay) {
    const replayed = await replayUnlessServerError(input, replay, now);
    if (replayed) return replayed;
  }
  const existing = await lookup(input, previous.startedAt);
  if (existing) return adopt(input, existing);
  return send(input, await begin(input, previous.generation + 1, now()), now, true);
}

/** Resends the recorded request; undefined when Xero answers a server error again (it may have cached it). */
async function replayUnlessServerError(
  input: CreateDocumentExactlyOnceInput,
  request: PlannedRequest,
  now: Clock,
): Promise<CreatedDocument | undefined> {
  try {
    return await send(input, request, now, true);
  } catch (err) {
    const serverError = err instanceof XeroTransientError && err.statusCode >= 500;
    if (serverError) return undefined;
    throw err;
  }
}

async function send(
  input: CreateDocumentExactlyOnceInput,
  request: PlannedRequest,
  now: Clock,
  mayRegenerate: boolean,
): Promise<CreatedDocument> {
  const { storeId, orderId, kind, client, attempts } = input;
  const subject = subjectOf(input);
  try {
    const created =
      kind === 'invoice'
        ? await client.createInvoice(storeId, request.document, request.idempotencyKey, { mayBatch: request.mayBatch })
        : await client.createQuote(storeId, request.document, request.idempotencyKey);
    await attempts.setOutcome(storeId, orderId, subject, 'succeeded');
    return resultOf(kind, created, false);
  } catch (err) {
    if (err instanceof XeroBatchUncertainError) {
      // Sent inside a batch under the batch's key: only a lookup by number can tell what Xero did.
      await attempts.setOutcome(storeId, orderId, subject, 'batch-uncertain');
    } else if (err instanceof XeroTransientError) {
      // No answer, or Xero still busy with the first request under this key: the outcome is unknown.
      const unknown = err.noResponse || err instanceof XeroRequestInProgressError;
      await attempts.setOutcome(storeId, orderId, subject, unknown ? 'uncertain' : 'server-error');
    } else if (err instanceof XeroValidationError && err.messages.some((m) => DUPLICATE_NUMBER.test(m))) {
      return adoptTakenNumber(input, request);
    } else if (err instanceof XeroValidationError && mayRegenerate && err.messages.some((m) => KEY_REUSED.test(m))) {
      const existing = await lookup(input, request.startedAt);
      if (existing) return adopt(input, existing);
      return send(input, await begin(input, request.generation + 1, now()), now, false);
    } else if (err instanceof XeroValidationError) {
      await attempts.setOutcome(storeId, orderId, subject, 'rejected');
    }
    // 429, 401 after a refresh, 403/404: the request was not processed; the attempt keeps its outcome.
    throw err;
  }
}

/** Xero says the number is taken: adopt the document if it is ours, else fail for good. */
async function adoptTakenNumber(
  input: CreateDocumentExactlyOnceInput,
  request: PlannedRequest,
): Promise<CreatedDocument> {
  const { storeId, orderId, attempts } = input;
  const subject = subjectOf(input);
  let existing: WireDocument | undefined;
  try {
    existing = await lookup(input, request.startedAt);
  } catch (err) {
    if (err instanceof XeroDocumentNumberTakenError) await attempts.setOutcome(storeId, orderId, subject, 'rejected');
    throw err;
  }
  if (existing) return adopt(input, existing);
  // Not live under our identity, yet taken: a voided document, or one we cannot see, holds the number.
  await attempts.setOutcome(storeId, orderId, subject, 'rejected');
  throw new XeroDocumentNumberTakenError(input.identity.invoiceNumber ?? '', undefined);
}

/** Records a new generation (new key, current body) before its first request goes out. */
async function begin(
  input: CreateDocumentExactlyOnceInput,
  generation: number,
  startedAt: Date,
): Promise<PlannedRequest> {
  const { storeId, orderId, kind } = input;
  const subject = subjectOf(input);
  const idempotencyKey = idempotencyKeyFor(subject, storeId, orderId, generation);
  const requestBody = canonicalRequestBody(DOCUMENT_ENVELOPES[kind], [input.body]);
  await input.attempts.begin(storeId, orderId, subject, { idempotencyKey, generation, requestBody, startedAt });
  return { idempotencyKey, generation, document: input.body, startedAt, mayBatch: generation === 1 && mayBatch(input) };
}

/** The recorded request, to resend byte for byte under the same key, if Xero may still remember that key. */
function replayable(
  input: Pick<CreateDocumentExactlyOnceInput, 'kind' | 'identity'>,
  previous: CreateAttempt,
  at: Date,
): PlannedRequest | undefined {
  const { kind } = input;
  const { lastOutcome } = previous;
  if (lastOutcome === 'succeeded' || lastOutcome === 'rejected' || lastOutcome === 'batch-uncertain') return undefined;
  if (at.getTime() - previous.startedAt.getTime() >= IDEMPOTENCY_WINDOW_MS) return undefined;
  const envelope = DOCUMENT_ENVELOPES[kind];
  let document: WireDocument | undefined;
  try {
    document = (JSON.parse(previous.requestBody) as Record<string, WireDocument[] | undefined>)[envelope]?.[0];
  } catch {
    return undefined;
  }
  // Only replay when the SDK would send exactly the recorded bytes; otherwise Xero would see a different request.
  if (!document || canonicalRequestBody(envelope, [document]) !== previous.requestBody) return undefined;
  return {
    idempotencyKey: previous.idempotencyKey,
    generation: previous.generation,
    document,
    startedAt: previous.startedAt,
    // No answer recorded (no permit within the attempt, or the worker died first): it may join a batch, where the
    // number stops a second copy if an earlier request did create it.
    mayBatch: lastOutcome === 'pending' && mayBatch(input),
  };
}

/**
 * Only an invoice with its own number may share a request: after an uncertain batch it is looked up by that
 * number, and Xero's refusal of a taken number stops a second copy wherever the first was created.
 */
function mayBatch(input: Pick<CreateDocumentExactlyOnceInput, 'kind' | 'identity'>): boolean {
  return input.kind === 'invoice' && input.identity.invoiceNumber !== undefined;
}

/** Finds the live document with our identity; throws if its number belongs to another document or is ambiguous. */
async function lookup(input: CreateDocumentExactlyOnceInput, since: Date): Promise<WireDocument | undefined> {
  const { client, storeId, identity } = input;
  const number = identity.invoiceNumber;
  const found: WireDocument[] =
    input.kind === 'invoice'
      ? await client.findInvoices(storeId, number ? { invoiceNumbers: [number] } : { reference: identity.reference })
      : await client.findQuotes(
          storeId,
          number
            ? { quoteNumber: number }
            : { reference: identity.reference, modifiedSince: new Date(since.getTime() - LOOKUP_SKEW_MS) },
        );
  if (found.length > 1) {
    throw new XeroAmbiguousDocumentError(number ? `number ${number}` : `reference ${identity.reference}`, found.length);
  }
  const [document] = found;
  if (document && number && document.Reference !== identity.reference) {
    throw new XeroDocumentNumberTakenError(number, document.Reference ?? '');
  }
  return document;
}

async function adopt(input: CreateDocumentExactlyOnceInput, document: WireDocument): Promise<CreatedDocument> {
  await input.attempts.setOutcome(input.storeId, input.orderId, subjectOf(input), 'succeeded');
  return resultOf(input.kind, document, true);
}

function resultOf(kind: DocumentKind, document: WireDocument, adopted: boolean): CreatedDocument {
  const id = kind === 'invoice' ? (document as WireInvoice).InvoiceID : (document as WireQuote).QuoteID;
  const number = kind === 'invoice' ? (document as WireInvoice).InvoiceNumber : (document as WireQuote).QuoteNumber;
  return {
    documentId: id ?? '',
    number: number ?? '',
    status: document.Status ?? '',
    total: String(document.Total ?? 0),
    currencyCode: document.CurrencyCode ?? '',
    contactId: document.Contact?.ContactID ?? '',
    adopted,
  };
}

/** What the create's attempts are recorded under. */
function subjectOf(input: Pick<CreateDocumentExactlyOnceInput, 'kind' | 'subject'>): CreateSubject {
  return input.subject ?? input.kind;
}

/** The lookup only works when the body carries the identity it is looked up by. */
function assertBodyCarriesIdentity({ kind, body, identity }: CreateDocumentExactlyOnceInput): void {
  const number = kind === 'invoice' ? (body as WireInvoice).InvoiceNumber : (body as WireQuote).QuoteNumber;
  if (body.Reference !== identity.reference || number !== identity.invoiceNumber) {
    throw new Error(`The ${kind} body's number and Reference must equal the document identity used to look it up`);
  }
}
