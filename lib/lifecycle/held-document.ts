import { decimalFromNumber, parseDecimal, subtract, sum, toFixed, type Decimal } from '../mapping/decimal';
import type { CreatedDocument } from '../xero/exactly-once';
import type { WireInvoice, WireQuote } from '../xero/wire-types';
import type { AppliedEffect, HeldDocument } from './order-changes';

const ZERO = '0.00';
const cents = (value: Decimal): string => toFixed(value, 2);
const wireMoney = (value: number | undefined): string => cents(decimalFromNumber(value ?? 0));

/** A held document with nothing paid, credited or owing unless given. */
function held(fields: Omit<HeldDocument, 'amountDue' | 'amountPaid' | 'amountCredited'> & Partial<HeldDocument>) {
  return { amountDue: ZERO, amountPaid: ZERO, amountCredited: ZERO, ...fields } satisfies HeldDocument;
}

/** What Xero holds for the invoice, as `GET /Invoices/{id}` answers it, in the planner's terms. */
export function heldInvoice(invoice: WireInvoice, number: string): HeldDocument {
  return held({
    kind: 'invoice',
    documentId: invoice.InvoiceID ?? '',
    number: invoice.InvoiceNumber ?? number,
    status: invoice.Status ?? '',
    contactId: invoice.Contact?.ContactID ?? '',
    currency: invoice.CurrencyCode ?? '',
    total: wireMoney(invoice.Total),
    amountDue: wireMoney(invoice.AmountDue),
    amountPaid: wireMoney(invoice.AmountPaid),
    amountCredited: wireMoney(invoice.AmountCredited),
  });
}

/** What Xero holds for a quote (a quote holds no money). */
export function heldQuote(quote: WireQuote, number: string): HeldDocument {
  return held({
    kind: 'quote',
    documentId: quote.QuoteID ?? '',
    number: quote.QuoteNumber ?? number,
    status: quote.Status ?? '',
    contactId: quote.Contact?.ContactID ?? '',
    currency: quote.CurrencyCode ?? '',
    total: wireMoney(quote.Total),
  });
}

/** The invoice as Xero answered its create moments ago: nothing paid or credited yet. */
export function justCreatedInvoice(created: CreatedDocument): HeldDocument {
  const total = cents(parseDecimal(created.total));
  return held({
    kind: 'invoice',
    documentId: created.documentId,
    number: created.number,
    status: created.status,
    contactId: created.contactId,
    currency: created.currencyCode,
    total,
    amountDue: total,
  });
}

/** The order's current document as the ledger records it. */
export interface RecordedDocument {
  kind: HeldDocument['kind'];
  documentId: string;
  number: string;
  /** Xero's total, else the order's, as exact decimal text. */
  total: string;
  currency: string;
}

/**
 * The document as the ledger's own record implies, without asking Xero: a quote as sent; an invoice approved, less
 * the payments and allocations this sync applied to it (an allocation taken back no longer credits it), voided or
 * deleted once the sync did so. Status and contact are Xero's to tell: a change is planned on what Xero holds.
 */
export function estimatedDocument(recorded: RecordedDocument, effects: readonly AppliedEffect[]): HeldDocument {
  const { kind, documentId, number, currency } = recorded;
  const total = parseDecimal(recorded.total);
  if (kind === 'quote')
    return held({ kind, documentId, number, status: '', contactId: '', currency, total: cents(total) });
  const amountOf = (applied: readonly AppliedEffect[]) => sum(applied.map((e) => parseDecimal(e.amount ?? '0')));
  // `unallocate:refund:7` takes back `allocation:refund:7`.
  const undone = new Set(
    effects.filter((e) => e.kind === 'unallocate').map((e) => e.effectId.replace(/^unallocate:/, 'allocation:')),
  );
  const paid = amountOf(effects.filter((e) => e.kind === 'payment'));
  const credited = amountOf(effects.filter((e) => e.kind === 'allocation' && !undone.has(e.effectId)));
  const ended = effects.find((e) => e.kind === 'void' || e.kind === 'delete');
  return held({
    kind,
    documentId,
    number,
    status: ended ? (ended.kind === 'void' ? 'VOIDED' : 'DELETED') : 'AUTHORISED',
    contactId: '',
    currency,
    total: cents(total),
    amountDue: cents(subtract(subtract(total, paid), credited)),
    amountPaid: cents(paid),
    amountCredited: cents(credited),
  });
}
