import { createHash } from 'node:crypto';
import type { DocumentKind } from '../mapping/types';

/** Xero refuses Idempotency-Key values longer than this. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/**
 * The deterministic Idempotency-Key of one create request: `${kind}:${storeId}:${orderId}:g${generation}`. Only
 * opaque IDs go in (no personal data); an over-long store id is replaced by a digest so the key stays ≤128.
 */
export function idempotencyKeyFor(kind: DocumentKind, storeId: string, orderId: number, generation: number): string {
  const key = `${kind}:${storeId}:${orderId}:g${generation}`;
  if (key.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return key;
  const digest = createHash('sha256').update(`${storeId}\n${orderId}`).digest('hex');
  return `${kind}:${digest}:g${generation}`;
}
