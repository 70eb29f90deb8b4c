import type { XeroAccountingClient } from './accounting-client';
import { createExactlyOnce, mayJoinBatch, type CreateRequest } from './create-exactly-once';
import { XeroAmbiguousDocumentError, XeroDocumentNumberTakenError, XeroValidationError } from './errors';
import type { CreateSubject } from '../lifecycle/effect-id';
import type { DocumentKind } from '../mapping/types';
import type { AttemptStore, Clock } from './ports';
import { DOCUMENT_ENVELOPES } from './wire';
import type { WireInvoice, WireQuote } from './wire-types';

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

const DUPLICATE_NUMBER = /(Invoice|Quote) # must be unique/i;

/**
 * Creates the order's invoice or quote at most once by the create protocol of `create-exactly-once.ts`: a
 * recorded, deterministic Idempotency-Key, the same bytes on replays inside Xero's 6-minute window, and a lookup
 * by number (or Reference) that adopts the document whenever an earlier attempt's outcome is unknown, the key may
 * have expired, or Xero says the number is taken. A first request may share a batched PUT with other invoices
 * (docs/xero-batching.md) when the invoice has its own number.
 */
export async function createDocumentExactlyOnce(input: CreateDocumentExactlyOnceInput): Promise<CreatedDocument> {
  assertBodyCarriesIdentity(input);
  const { storeId, kind, client } = input;
  const { record, adopted } = await createExactlyOnce<WireDocument, WireDocument>({
    storeId,
    orderId: input.orderId,
    subject: input.subject ?? kind,
    envelope: DOCUMENT_ENVELOPES[kind],
    element: input.body,
    send: (request) =>
      kind === 'invoice'
        ? client.createInvoice(storeId, request.element, request.idempotencyKey, { mayBatch: mayBatch(input, request) })
        : client.createQuote(storeId, request.element, request.idempotencyKey),
    lookup: (since) => lookup(input, since),
    refusalMeansMade: {
      test: (err) => err instanceof XeroValidationError && err.messages.some((m) => DUPLICATE_NUMBER.test(m)),
      // Not live under our identity, yet taken: a voided document, or one we cannot see, holds the number.
      notMadeBefore: () => new XeroDocumentNumberTakenError(input.identity.invoiceNumber ?? '', undefined),
      isFinal: (err) => err instanceof XeroDocumentNumberTakenError,
    },
    attempts: input.attempts,
    now: input.now,
  });
  return resultOf(kind, record, adopted);
}

/**
 * Only an invoice with its own number may share a request, and only as a first request or a replay of one that
 * never had an answer: after an uncertain batch it is looked up by that number, and Xero's refusal of a taken
 * number stops a second copy wherever the first was created.
 */
function mayBatch(
  input: Pick<CreateDocumentExactlyOnceInput, 'kind' | 'identity'>,
  request: CreateRequest<WireDocument>,
): boolean {
  return input.kind === 'invoice' && input.identity.invoiceNumber !== undefined && mayJoinBatch(request);
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

/** The lookup only works when the body carries the identity it is looked up by. */
function assertBodyCarriesIdentity({ kind, body, identity }: CreateDocumentExactlyOnceInput): void {
  const number = kind === 'invoice' ? (body as WireInvoice).InvoiceNumber : (body as WireQuote).QuoteNumber;
  if (body.Reference !== identity.reference || number !== identity.invoiceNumber) {
    throw new Error(`The ${kind} body's number and Reference must equal the document identity used to look it up`);
  }
}
