import type { XeroDocumentPlan } from '../mapping';
import type { DocumentKind } from '../mapping/types';
import { canonicalRequestBody, DOCUMENT_ENVELOPES } from '../xero/wire';

/** The contact on a document: an existing contact by id, or (in a preview) the name of one still to create. */
export type DocumentContact = { ContactID: string } | { Name: string };

/** The planned document with its contact: the document the exactly-once create sends. */
export function documentWithContact(plan: Pick<XeroDocumentPlan, 'document'>, contact: DocumentContact) {
  return { ...plan.document, Contact: contact };
}

/** The exact JSON of the create request for a document (`{ "Invoices": [ … ] }` or `{ "Quotes": [ … ] }`). */
export function createRequestJson(kind: DocumentKind, document: object): Record<string, unknown> {
  return JSON.parse(canonicalRequestBody(DOCUMENT_ENVELOPES[kind], [document])) as Record<string, unknown>;
}
