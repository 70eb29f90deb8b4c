/** The write batch of a billing document (invoices, credit notes): find the target, check, number and store. */
import type { BatchSpec, Checked } from './batch';
import type { BillingType, PreparedBilling } from './billing';
import type { AccountingContext } from './context';
import type { WriteMode } from './document-routes';
import { isNotFound, numberInUse, upsertTarget, type TypedDocument } from './document-lookup';
import { echoDocument, nextDocumentNumber } from './documents';
import type { Json } from './fields';
import type { BillingRecord } from './model';

/** Checks one element against the document it updates (undefined: it creates one) and the earlier ones. */
export type BillingCheck<R> = (
  element: Json,
  existing: R | undefined,
  accepted: Array<PreparedBilling<R>>,
) => Checked<PreparedBilling<R>>;

/**
 * Batch rules of a billing document: PUT creates only; POST updates the document its ID names (404 when unknown) or
 * the live sales document with its number, else creates; POST /{id} updates `target`. On commit the contact the
 * document names is created, a sales document without a number gets the next free one, and `saved` renders it.
 */
export function billingSpec<R extends BillingRecord & TypedDocument>(
  ctx: AccountingContext,
  kind: BillingType<R>,
  mode: WriteMode,
  target: R | undefined,
  check: BillingCheck<R>,
  saved: (record: R) => Json,
): BatchSpec<PreparedBilling<R>> {
  const tenant = ctx.tenant;
  const docs = kind.docs(tenant);
  const fields = { id: kind.idField, number: kind.numberField };
  return {
    key: kind.key,
    check: (element, accepted) => {
      const existing = target ?? (mode === 'upsert' ? upsertTarget(docs, element, fields, kind.salesType) : undefined);
      return isNotFound(existing) ? existing : check(element, existing, accepted);
    },
    commit: ({ record, autoNumber, savedContact }) => {
      if (savedContact) tenant.contacts.set(savedContact.ContactID, savedContact);
      if (autoNumber) {
        const inUse = (n: string) => numberInUse(docs, kind.salesType, n);
        kind.setNumber(record, nextDocumentNumber(kind.numberPrefix, tenant.counters, kind.counter, inUse));
      }
      docs.records.set(docs.idOf(record), record);
      return saved(record);
    },
    echo: (element, errors) => echoDocument(element, kind.idField, errors, { HasErrors: true }),
  };
}
