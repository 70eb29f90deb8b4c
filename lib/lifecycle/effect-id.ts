import type { DocumentKind } from '../mapping/types';

/** The kinds of change the sync makes to an order's Xero document after creating it. */
export type EffectKind =
  | 'payment'
  | 'credit-note'
  | 'allocation'
  | 'cash-refund'
  | 'void'
  | 'delete'
  | 'update'
  | 'reissue'
  | 'quote-to-invoice'
  | 'unallocate'
  | 'undo-cash-refund'
  | 'void-credit-note';

/** The effects that give the order a new Xero document (the effects before one belong to the document it replaced). */
export const DOCUMENT_REPLACING_EFFECTS: ReadonlySet<EffectKind> = new Set(['reissue', 'quote-to-invoice']);

/** The kinds of effect that create a Xero record, each created exactly once (xero_create_attempts). */
export type CreatedEffectKind = Extract<EffectKind, 'payment' | 'credit-note' | 'allocation' | 'cash-refund'>;

/**
 * The deterministic identity of one effect of one order, e.g. `payment:stripe:ch_3N`, `credit-note:refund:77`: the
 * same WooCommerce fact always yields the same id, so retries, replays and duplicated webhooks never double it.
 */
export type EffectId = `${EffectKind}:${string}`;

/** What an exactly-once create is keyed by within an order: its document, or one of its effects. */
export type CreateSubject = DocumentKind | EffectId;

/** The effect id of a kind and its distinguishing parts (opaque WooCommerce ids only, never personal data). */
export function effectIdOf(kind: EffectKind, ...parts: Array<string | number>): EffectId {
  return `${kind}:${parts.map((part) => String(part).replace(/[^A-Za-z0-9_.-]/g, '_')).join(':')}`;
}
