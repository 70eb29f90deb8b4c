/** Finding numbered documents (invoices, credit notes) by ID or number, and the number rules they share. */
import { notFound } from './errors';
import { str, type Json } from './fields';
import type { SandboxResponse } from './http-types';
import { isGuid, ZERO_GUID } from './ids';
import type { InvoiceStatus } from './model';

/** A document with a type and an invoice-like status. */
export type TypedDocument = { Type: string; Status: InvoiceStatus };

/** How a kind of numbered document is read: where it is kept, its ID and its number. */
export interface NumberedDocuments<R extends TypedDocument> {
  records: Map<string, R>;
  idOf(record: R): string;
  numberOf(record: R): string;
}

/** Finds a document by its GUID or by its number, ignoring case and preferring a non-deleted match. */
export function findByIdOrNumber<R extends TypedDocument>(
  docs: NumberedDocuments<R>,
  idOrNumber: string,
): R | undefined {
  if (isGuid(idOrNumber)) return docs.records.get(idOrNumber);
  const wanted = idOrNumber.toLowerCase();
  const matches = [...docs.records.values()].filter((r) => docs.numberOf(r).toLowerCase() === wanted);
  return matches.find((r) => r.Status !== 'DELETED') ?? matches[0];
}

/** Whether a non-deleted document of `type`, other than `except`, has this number (ignoring case). */
export function numberInUse<R extends TypedDocument>(
  docs: NumberedDocuments<R>,
  type: string,
  number: string,
  except?: string,
): boolean {
  const wanted = number.toLowerCase();
  return [...docs.records.values()].some(
    (r) =>
      r.Type === type && r.Status !== 'DELETED' && docs.idOf(r) !== except && docs.numberOf(r).toLowerCase() === wanted,
  );
}

/**
 * The document a POST element updates: the one its ID field names (404 when there is none), else the live
 * document of the unique-numbered `type` carrying its number, else none (the element creates a document).
 */
export function upsertTarget<R extends TypedDocument>(
  docs: NumberedDocuments<R>,
  element: Json,
  fields: { id: string; number: string },
  type: string,
): R | undefined | SandboxResponse {
  const id = str(element, fields.id);
  if (id !== undefined && id !== ZERO_GUID) return docs.records.get(id) ?? notFound();
  const number = str(element, fields.number);
  const candidate = number === undefined ? undefined : findByIdOrNumber(docs, number);
  return candidate && candidate.Type === type && candidate.Status !== 'DELETED' ? candidate : undefined;
}

/** Whether an upsertTarget result is the 404 response. */
export function isNotFound<R>(target: R | undefined | SandboxResponse): target is SandboxResponse {
  return typeof target === 'object' && target !== null && 'status' in target && 'body' in target;
}
