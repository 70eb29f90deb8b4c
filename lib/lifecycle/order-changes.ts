import type { DocumentKind } from '../mapping/types';
import type { WireCreditNote } from '../mapping/wire';
import type { DocumentToCreate } from '../sync/plan-order';
import type { EffectId, EffectKind } from './effect-id';

/** Where an order stands in its life once its document exists (the ledger state and the run's SyncState). */
export type OrderLifeState = 'synced' | 'paid' | 'part-refunded' | 'refunded' | 'voided' | 'deleted';

/** What Xero holds for the order's document now (read at the start of each pass). */
export interface HeldDocument {
  kind: DocumentKind;
  documentId: string;
  number: string;
  /** Xero's status: DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED (quotes: DRAFT, SENT, …). */
  status: string;
  contactId: string;
  currency: string;
  /** Exact decimals as text. */
  total: string;
  amountDue: string;
  amountPaid: string;
  amountCredited: string;
}

/** An effect the ledger records as applied, with the Xero record it made. */
export interface AppliedEffect {
  effectId: EffectId;
  kind: EffectKind;
  xeroId: string | null;
  xeroNumber: string | null;
  /** Exact decimal as text, when the effect moved money. */
  amount: string | null;
  /** The document a reissue or a quote's invoice took the place of. */
  replaced?: ReplacedDocument | null;
}

/** A document of the order that another took the place of (a voided invoice reissued, a quote invoiced). */
export interface ReplacedDocument {
  kind: DocumentKind;
  xeroId: string;
  number: string;
  /** Its total when it was replaced, exact decimal as text. */
  total: string;
}

/** One change to bring Xero in step with the order; each is applied exactly once under its effect id. */
export type OrderChange =
  | {
      kind: 'payment';
      effectId: EffectId;
      invoiceId: string;
      amount: string;
      date: string;
      accountCode: string;
      reference: string;
      /** Xero's CurrencyRate for a foreign-currency order, when WooCommerce recorded one. */
      currencyRate?: string;
      /** Whether it pays all the invoice owes (so Xero would refuse a second copy as exceeding what is due). */
      settlesInvoice?: boolean;
    }
  | { kind: 'credit-note'; effectId: EffectId; refundId: number; creditNote: WireCreditNote; total: string }
  | {
      kind: 'allocation';
      effectId: EffectId;
      creditNoteId: string;
      invoiceId: string;
      amount: string;
      date: string;
    }
  | {
      kind: 'cash-refund';
      effectId: EffectId;
      creditNoteId: string;
      amount: string;
      date: string;
      accountCode: string;
      reference: string;
      currencyRate?: string;
    }
  | { kind: 'void' | 'delete'; effectId: EffectId; documentId: string; documentKind: DocumentKind }
  | { kind: 'unallocate'; effectId: EffectId; creditNoteId: string; allocationId: string }
  | { kind: 'undo-cash-refund'; effectId: EffectId; creditNoteId: string; paymentId: string }
  | { kind: 'void-credit-note'; effectId: EffectId; creditNoteId: string }
  | ({ kind: 'update'; effectId: EffectId; documentId: string; number: string; status: string } & Rebooking)
  | ({
      kind: 'reissue';
      effectId: EffectId;
      replaces: string;
      replacesNumber: string;
      replacesTotal: string;
      number: string | undefined;
    } & Rebooking)
  | ({
      kind: 'quote-to-invoice';
      effectId: EffectId;
      quoteId: string;
      quoteNumber: string;
      quoteTotal: string;
    } & Rebooking);

/** The order mapped again (after an edit, a restore, or a quote's status moving on), to send to Xero. */
export interface Rebooking {
  /** The document as the order maps now, without its contact (personal data stays out of the change). */
  document: Omit<DocumentToCreate, 'contact'>;
  /** The Xero contact the document keeps. */
  contactId: string;
  /** The order's content digest the document will match (order-digest.ts). */
  digest: string;
}

/** The order as it maps now, for the planner: a document to rebook with, or why it cannot be mapped. */
export type RemappedOrder =
  { document: Omit<DocumentToCreate, 'contact'>; digest: string } | { error: string; digest: string };

/** What one look at the order concluded: the changes to apply now, the state, and what cannot be made to match. */
export interface OrderChangePlan {
  changes: OrderChange[];
  state: OrderLifeState;
  /** Differences between the order and Xero that the sync leaves alone, in words for the merchant. */
  differences: string[];
}
