import { fallbackDocumentNumber } from '../mapping/identity';
import { parseDecimal, sign, toFixed } from '../mapping/decimal';
import type { WooOrder } from '../woocommerce/order-schema';
import { DOCUMENT_REPLACING_EFFECTS, effectIdOf, type EffectId } from './effect-id';
import type { AppliedEffect, HeldDocument, OrderChange, RemappedOrder } from './order-changes';

/** What deciding the document's own changes needs: the live order, what Xero holds, and what was applied. */
export interface DocumentChangeInput {
  order: WooOrder;
  held: HeldDocument;
  /** The order mapped now; absent when nothing suggests the document should change (same content, live document). */
  remapped?: RemappedOrder;
  /** The order's content digest when its document was last sent; null when not recorded yet. */
  bookedDigest: string | null;
  approvedEdits: 'update' | 'void-and-reissue';
  /** The effects applied to the order's current document. */
  applied: ReadonlyMap<EffectId, AppliedEffect>;
}

const EDITABLE_STATUSES = new Set(['DRAFT', 'SUBMITTED']);
const DEAD_STATUSES = new Set(['VOIDED', 'DELETED']);
const money = (text: string): string => toFixed(parseDecimal(text), 2);
const positive = (text: string): boolean => sign(parseDecimal(text)) > 0;

/** The effect id that voids or deletes one document (per document, so a reissued invoice can be voided in turn). */
export const endEffectId = (kind: 'void' | 'delete', documentId: string): EffectId => effectIdOf(kind, documentId);

/** Whether the sync itself voided or deleted the held document (not the merchant by hand in Xero). */
export function endedBySync(documentId: string, effects: Iterable<Pick<AppliedEffect, 'kind' | 'xeroId'>>): boolean {
  return [...effects].some(
    (effect) => (effect.kind === 'void' || effect.kind === 'delete') && effect.xeroId === documentId,
  );
}

/** How many times the order's invoice was reissued so far, from all of its effects. */
export const reissuesOf = (effects: readonly AppliedEffect[]): number =>
  effects.filter((effect) => effect.kind === 'reissue').length;

/**
 * The change the order's document itself needs, if any, for a live order: a quote whose order now maps to an
 * invoice is invoiced; an invoice the sync voided (the order restored, or an edit under `void-and-reissue`) is
 * reissued; an edited order updates a draft, or an approved unpaid invoice (update or void, per the settings).
 * What cannot follow the order is said in `differences`.
 */
export function documentChange(
  input: DocumentChangeInput,
  reissuedBefore: number,
  differences: string[],
): OrderChange | undefined {
  const { held, remapped, order } = input;
  if (held.kind === 'quote') return quoteChange(input, differences);
  if (DEAD_STATUSES.has(held.status)) return reissue(input, reissuedBefore, differences);
  if (!edited(input)) {
    if (money(order.total) !== money(held.total)) {
      differences.push(
        `The order totals ${money(order.total)} but invoice ${held.number} totals ${money(held.total)}.`,
      );
    }
    return undefined;
  }
  if (!remapped) return undefined;
  const editNote = `The order was edited (its total is now ${money(order.total)})`;
  if ('error' in remapped) {
    differences.push(`${editNote} but cannot be mapped again: ${remapped.error}`);
    return undefined;
  }
  if (remapped.document.kind !== 'invoice') {
    differences.push(`${editNote} and now maps to a quote; invoice ${held.number} stays as it is.`);
    return undefined;
  }
  if (held.status === 'PAID' || positive(held.amountPaid) || positive(held.amountCredited)) {
    differences.push(
      `${editNote} but invoice ${held.number} has payments or credits, so Xero does not allow editing it; ` +
        'it stays as booked.',
    );
    return undefined;
  }
  const rebooking = { document: remapped.document, contactId: held.contactId, digest: remapped.digest };
  if (EDITABLE_STATUSES.has(held.status) || input.approvedEdits === 'update') {
    const effectId = effectIdOf('update', held.documentId, remapped.digest);
    if (input.applied.has(effectId)) return undefined;
    return {
      kind: 'update',
      effectId,
      documentId: held.documentId,
      number: held.number,
      status: held.status,
      ...rebooking,
    };
  }
  const effectId = endEffectId('void', held.documentId);
  return input.applied.has(effectId)
    ? undefined
    : { kind: 'void', effectId, documentId: held.documentId, documentKind: held.kind };
}

/** Whether the order bills something else than its document was sent with. */
function edited({ remapped, bookedDigest, order, held }: DocumentChangeInput): boolean {
  if (bookedDigest !== null) return remapped !== undefined && remapped.digest !== bookedDigest;
  // Booked before digests were kept: only a changed total shows an edit.
  return money(order.total) !== money(held.total);
}

/** A document the sync voided or deleted, for an order that lives again: a new invoice under the next number. */
function reissue(input: DocumentChangeInput, reissuedBefore: number, differences: string[]): OrderChange | undefined {
  const { held, remapped, order } = input;
  if (!endedBySync(held.documentId, input.applied.values())) {
    differences.push(
      `Invoice ${held.number} is ${held.status.toLowerCase()} in Xero, but the order is ${order.status}.`,
    );
    return undefined;
  }
  if (!remapped) return undefined;
  if ('error' in remapped) {
    differences.push(`The order is ${order.status} again but cannot be mapped: ${remapped.error}`);
    return undefined;
  }
  if (remapped.document.kind !== 'invoice') return undefined;
  const ordinal = reissuedBefore + 1;
  const planned = remapped.document.identity.invoiceNumber;
  const number = planned === undefined ? undefined : fallbackDocumentNumber(planned, ordinal);
  return {
    kind: 'reissue',
    effectId: effectIdOf('reissue', ordinal + 1),
    replaces: held.documentId,
    replacesNumber: held.number,
    replacesTotal: held.total,
    number,
    // A reissue walks on to the next free number whatever the store's duplicate rule: its own number is new.
    document: { ...remapped.document, onDuplicateNumber: 'suffix' },
    contactId: held.contactId,
    digest: remapped.digest,
  };
}

/** A quote whose order now maps to an invoice: the invoice is created and the quote marked INVOICED. */
function quoteChange(input: DocumentChangeInput, differences: string[]): OrderChange | undefined {
  const { held, remapped } = input;
  if (!remapped || 'error' in remapped) {
    if (remapped) differences.push(`The order cannot be mapped to its invoice: ${remapped.error}`);
    return undefined;
  }
  if (remapped.document.kind !== 'invoice') {
    if (input.bookedDigest !== null && remapped.digest !== input.bookedDigest) {
      differences.push(`The order was edited; its Xero quote ${held.number} is left as it was sent.`);
    }
    return undefined;
  }
  return {
    kind: 'quote-to-invoice',
    effectId: effectIdOf('quote-to-invoice', held.documentId),
    quoteId: held.documentId,
    quoteNumber: held.number,
    quoteTotal: held.total,
    document: remapped.document,
    contactId: held.contactId,
    digest: remapped.digest,
  };
}

/** The effects that belong to the order's current document: those after its last reissue or invoicing of a quote. */
export function currentDocumentEffects<E extends Pick<AppliedEffect, 'kind'>>(effects: readonly E[]): E[] {
  let start = 0;
  effects.forEach((effect, index) => {
    if (DOCUMENT_REPLACING_EFFECTS.has(effect.kind)) start = index + 1;
  });
  return effects.slice(start);
}
