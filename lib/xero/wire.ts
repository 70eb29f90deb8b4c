import { isDeepStrictEqual } from 'node:util';
import { ObjectSerializer } from 'xero-node';
import { XeroError } from './errors';
import type { DocumentKind } from '../mapping/types';

/** The xero-node envelope model names of the create requests this door sends. */
export type EnvelopeType = 'Invoices' | 'Quotes' | 'Contacts' | 'Items' | 'Payments' | 'CreditNotes' | 'Allocations';

/** The envelope a document kind is created in: invoices in `Invoices`, quotes in `Quotes`. */
export const DOCUMENT_ENVELOPES = { invoice: 'Invoices', quote: 'Quotes' } as const satisfies Record<
  DocumentKind,
  EnvelopeType
>;

/** Raised when xero-node's models would drop or change a field of a wire document: a mapping bug, not a Xero error. */
export class WireConversionError extends XeroError {
  readonly retryable = false;

  constructor(envelope: EnvelopeType) {
    super(
      `The ${envelope} request does not survive xero-node's serializer unchanged: it has a field the SDK models lack or alter`,
      0,
    );
  }
}

/**
 * The exact JSON text xero-node sends for a create request of `documents` (wire format): xero-node's model order,
 * undefined fields dropped. Throws WireConversionError when the round trip through the SDK models is lossy.
 */
export function canonicalRequestBody(envelope: EnvelopeType, documents: readonly object[]): string {
  const plain: unknown = JSON.parse(JSON.stringify({ [envelope]: documents }));
  const text = JSON.stringify(ObjectSerializer.serialize(ObjectSerializer.deserialize(plain, envelope), envelope));
  if (!isDeepStrictEqual(JSON.parse(text), plain)) throw new WireConversionError(envelope);
  return text;
}

/** The xero-node model of a canonical request body, ready to hand to an AccountingApi create method. */
export function toSdkEnvelope<T>(envelope: EnvelopeType, canonicalBody: string): T {
  return ObjectSerializer.deserialize(JSON.parse(canonicalBody), envelope) as T;
}

/** Plain wire JSON (PascalCase) of an xero-node response model; dates become ISO strings. */
export function toWire<T>(model: unknown, type: string): T {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(model, type) ?? null)) as T;
}
