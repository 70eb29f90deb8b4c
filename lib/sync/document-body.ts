import type { XeroDocumentPlan } from '../mapping';
import type { DocumentKind } from '../mapping/types';
import type { WireContact } from '../mapping/wire';
import { canonicalRequestBody, DOCUMENT_ENVELOPES } from '../xero/wire';

/**
 * The contact on a document: an existing contact by id, or a new one given by Name (no ID) that Xero creates
 * from the invoice (for a quote's preview, only the name the contact created first would take).
 */
export type DocumentContact = { ContactID: string } | WireContact;

/** The planned document with its contact: the document the exactly-once create sends. */
export function documentWithContact(plan: Pick<XeroDocumentPlan, 'document'>, contact: DocumentContact) {
  return { ...plan.document, Contact: contact };
}

/** The exact JSON of the create request for a document (`{ "Invoices": [ … ] }` or `{ "Quotes": [ … ] }`). */
export function createRequestJson(kind: DocumentKind, document: object): Record<string, unknown> {
  return JSON.parse(canonicalRequestBody(DOCUMENT_ENVELOPES[kind], [document])) as Record<string, unknown>;
}
