import { createHash } from 'node:crypto';
import type { CreateSubject } from '../lifecycle/effect-id';

/** Xero refuses Idempotency-Key values longer than this. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/**
 * The deterministic Idempotency-Key of one create request: `${subject}:${storeId}:${orderId}:g${generation}`, the
 * subject being the document kind or effect id. Only opaque IDs go in (no personal data); when that is too long the
 * store, order and effect are replaced by a digest so the key stays ≤128.
 */
export function idempotencyKeyFor(
  subject: CreateSubject,
  storeId: string,
  orderId: number,
  generation: number,
): string {
  const key = `${subject}:${storeId}:${orderId}:g${generation}`;
  if (key.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return key;
  const [kind, ...effect] = subject.split(':');
  const digested = effect.length === 0 ? `${storeId}\n${orderId}` : `${storeId}\n${orderId}\n${effect.join(':')}`;
  return `${kind}:${createHash('sha256').update(digested).digest('hex')}:g${generation}`;
}
