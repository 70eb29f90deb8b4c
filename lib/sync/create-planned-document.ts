import type { CreateSubject } from '../lifecycle/effect-id';
import { fallbackDocumentNumber } from '../mapping';
import { placesOf, parseDecimal, toFixed } from '../mapping/decimal';
import type { AttemptStore, Clock } from '../xero/ports';
import type { XeroAccountingClient } from '../xero/accounting-client';
import { XeroDocumentNumberTakenError } from '../xero/errors';
import { createDocumentExactlyOnce, type CreatedDocument } from '../xero/exactly-once';
import { documentWithContact, type DocumentContact } from './document-body';
import type { DocumentToCreate } from './plan-order';

/** How many numbers (the planned one, then `-2`, `-3`, …) a `suffix` store tries before giving up. */
export const MAX_NUMBER_FALLBACKS = 5;

/** What creating the planned document needs. */
export interface CreatePlannedDocumentInput {
  storeId: string;
  orderId: number;
  plan: Omit<DocumentToCreate, 'contact'>;
  /** What the create is recorded under when it is not the order's first document (a reissue after a void). */
  subject?: CreateSubject;
  /** The existing contact, or (invoices) the new contact Xero creates from the document. */
  contact: DocumentContact;
  client: Pick<XeroAccountingClient, 'findInvoices' | 'findQuotes' | 'createInvoice' | 'createQuote'>;
  attempts: AttemptStore;
  /** Whether another order (of this or another store) already owns a Xero document; such a document is never adopted. */
  isRecordedElsewhere?: (documentId: string) => Promise<boolean>;
  now?: Clock;
}

/**
 * Creates the order's document exactly once; the result's total is in the order's own number of decimals. When the planned number belongs to another Xero document and the
 * store chose `numbering.onDuplicate: 'suffix'`, it moves on deterministically to `-2`, `-3`, … — a retry after a
 * crash walks the same chain and adopts the document wherever it was created.
 */
export async function createPlannedDocument(input: CreatePlannedDocumentInput): Promise<CreatedDocument> {
  const { plan } = input;
  const planned = plan.identity.invoiceNumber ?? plan.identity.quoteNumber;
  for (let attempt = 0; ; attempt += 1) {
    const number = planned !== undefined && attempt > 0 ? fallbackDocumentNumber(planned, attempt) : planned;
    try {
      const created = await createDocumentExactlyOnce({
        storeId: input.storeId,
        orderId: input.orderId,
        kind: plan.kind,
        subject: input.subject,
        body: withNumber(plan, documentWithContact(plan, input.contact), number),
        identity: { invoiceNumber: number, reference: plan.identity.reference },
        client: input.client,
        attempts: input.attempts,
        now: input.now,
      });
      if (created.adopted && (await input.isRecordedElsewhere?.(created.documentId))) {
        // Found under our identity, yet booked for another order (two stores numbering alike in one organisation).
        throw new XeroDocumentNumberTakenError(
          number ?? plan.identity.reference,
          undefined,
          'the sync ledger records it for another order, possibly of another store in the same organisation',
        );
      }
      return { ...created, total: toFixed(parseDecimal(created.total), placesOf(plan.expectedTotal)) };
    } catch (err) {
      const mayTryNext =
        err instanceof XeroDocumentNumberTakenError &&
        plan.onDuplicateNumber === 'suffix' &&
        attempt + 1 < MAX_NUMBER_FALLBACKS;
      if (!mayTryNext) throw err;
    }
  }
}

function withNumber<T extends object>(
  plan: Pick<DocumentToCreate, 'kind'>,
  document: T,
  number: string | undefined,
): T {
  if (number === undefined) return document;
  return { ...document, ...(plan.kind === 'invoice' ? { InvoiceNumber: number } : { QuoteNumber: number }) };
}
