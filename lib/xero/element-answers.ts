import { elementMessages, XeroValidationError } from './errors';

/** What Xero said about one element of a write request sent with summarizeErrors=false. */
export type ElementAnswer<W> =
  | { kind: 'created'; document: W }
  /** The validation failure the element would have had alone (a 400 with the same messages). */
  | { kind: 'refused'; error: XeroValidationError }
  /** No answer that is certainly this element's (missing, or carrying another identity). */
  | { kind: 'unknown' };

/** Whether an answered element failed: it has messages, or Xero flagged it (HasErrors, HasValidationErrors, ERROR). */
export function elementFailed(element: Record<string, unknown>): boolean {
  return (
    elementMessages(element).length > 0 ||
    element.HasErrors === true ||
    element.HasValidationErrors === true ||
    element.StatusAttributeString === 'ERROR'
  );
}

/**
 * Pairs each requested element with its answer. Xero answers a summarizeErrors=false write with every element in
 * request order, a refused one echoing what was sent; an answer only counts as an element's when it carries that
 * element's identity (`identityOf`, e.g. the InvoiceNumber), so a shifted or short answer never books or fails the
 * wrong document: such an element is `unknown`, to be looked up like any uncertain create.
 */
export function elementAnswers<W extends object>(
  requested: readonly W[],
  answered: readonly W[],
  identityOf: (element: W) => string | undefined,
): Array<ElementAnswer<W>> {
  return requested.map((element, i) => {
    const answer = answered[i];
    const wanted = identityOf(element);
    if (answer === undefined || wanted === undefined || identityOf(answer) !== wanted) return { kind: 'unknown' };
    const fields = answer as Record<string, unknown>;
    if (!elementFailed(fields)) return { kind: 'created', document: answer };
    return { kind: 'refused', error: elementRefusal(fields) };
  });
}

/** The validation error of a refused element: its messages (deduplicated, as a 400 reports them) or a flag note. */
export function elementRefusal(element: Record<string, unknown>): XeroValidationError {
  const messages = [...new Set(elementMessages(element))];
  return new XeroValidationError(messages.length > 0 ? messages : ['Xero flagged the document as failed']);
}

/** A 2xx can still carry per-element errors: the first failed element's refusal is thrown, as a 400 would be. */
export function rejectFailedElements(elements: readonly object[]): void {
  const failed = (elements as Array<Record<string, unknown>>).find(elementFailed);
  if (failed) throw elementRefusal(failed);
}
