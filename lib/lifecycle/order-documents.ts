import type { DocumentKind } from '../mapping/types';
import type { AppliedEffect } from './order-changes';

/** One Xero document an order has had, as support reads it: the current one, or one another replaced. */
export interface OrderDocument {
  kind: DocumentKind;
  xeroId: string;
  number: string | null;
  /** Exact decimal as text. */
  total: string | null;
  /** The current document's state in the order's life; for a replaced one `voided`, `deleted` or `invoiced`. */
  state: string;
  current: boolean;
}

/** The order's current document as the ledger records it. */
export interface CurrentDocument {
  kind: DocumentKind | null;
  xeroId: string | null;
  number: string | null;
  total: string | null;
  state: string;
}

/**
 * Every Xero document of the order, oldest first: those a reissue or a quote's invoice replaced (a voided or
 * deleted invoice, an invoiced quote), then the current one.
 */
export function orderDocuments(current: CurrentDocument, effects: readonly AppliedEffect[]): OrderDocument[] {
  const ended = new Map(
    effects
      .filter((effect) => effect.kind === 'void' || effect.kind === 'delete')
      .map((effect) => [effect.xeroId, effect.kind === 'void' ? 'voided' : 'deleted']),
  );
  const documents: OrderDocument[] = effects.flatMap(({ replaced }) =>
    replaced
      ? [
          {
            kind: replaced.kind,
            xeroId: replaced.xeroId,
            number: replaced.number,
            total: replaced.total,
            state: replaced.kind === 'quote' ? 'invoiced' : (ended.get(replaced.xeroId) ?? 'replaced'),
            current: false,
          },
        ]
      : [],
  );
  if (current.kind && current.xeroId) {
    const { kind, xeroId, number, total, state } = current;
    documents.push({ kind, xeroId, number, total, state, current: true });
  }
  return documents;
}
