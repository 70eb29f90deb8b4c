import type { EffectId } from '../lifecycle/effect-id';
import { XeroRequestInProgressError, XeroTransientError, XeroValidationError } from './errors';
import { IDEMPOTENCY_WINDOW_MS } from './exactly-once';
import { idempotencyKeyFor } from './idempotency-key';
import type { AttemptStore, Clock, CreateAttempt } from './ports';
import { canonicalRequestBody, type EnvelopeType } from './wire';

/** Everything creating one effect of an order exactly once needs. */
export interface CreateEffectExactlyOnceInput<T> {
  storeId: string;
  orderId: number;
  effectId: EffectId;
  /** The envelope and element sent: recorded as the exact request body, to replay byte for byte. */
  envelope: EnvelopeType;
  element: object;
  /** Sends the create under `idempotencyKey` and returns what Xero made. */
  send: (idempotencyKey: string) => Promise<T>;
  /** Finds what an earlier request made, by the effect's durable identity (number, reference, target). */
  lookup: () => Promise<T | undefined>;
  attempts: AttemptStore;
  now?: Clock;
}

/** The Xero record of the effect, and whether a lookup found it (an earlier request made it) rather than a create. */
export interface CreatedEffect<T> {
  record: T;
  adopted: boolean;
}

const KEY_REUSED = /Idempotency Key.*is used with a different request/i;

/**
 * Creates a payment, credit note, allocation or cash refund at most once, by the same rules as the order's document
 * (docs/order-lifecycle.md): the request is recorded before it goes out under a deterministic key; after a timeout
 * or 5xx the recorded bytes are replayed under that key while Xero remembers it (6 minutes); otherwise, and
 * whenever a replay cannot tell, the effect is looked up by its identity and created under a new key only if absent.
 */
export async function createEffectExactlyOnce<T>(input: CreateEffectExactlyOnceInput<T>): Promise<CreatedEffect<T>> {
  const now = clockOf(input);
  const body = canonicalRequestBody(input.envelope, [input.element]);
  const previous = await input.attempts.get(input.storeId, input.orderId, input.effectId);
  if (!previous) return send(input, await begin(input, 1, body, now()), true);
  if (replayable(previous, body, now())) {
    try {
      return await send(input, previous.idempotencyKey, true);
    } catch (err) {
      // A repeated server error may be Xero's cached answer: only a lookup can tell.
      if (!(err instanceof XeroTransientError && err.statusCode >= 500)) throw err;
    }
  }
  const existing = await input.lookup();
  if (existing !== undefined) return adopt(input, existing);
  return send(input, await begin(input, previous.generation + 1, body, now()), true);
}

function clockOf(input: { now?: Clock }): Clock {
  return input.now ?? (() => new Date());
}

function replayable(previous: CreateAttempt, body: string, at: Date): boolean {
  const open =
    previous.lastOutcome === 'pending' ||
    previous.lastOutcome === 'uncertain' ||
    previous.lastOutcome === 'server-error';
  return open && previous.requestBody === body && at.getTime() - previous.startedAt.getTime() < IDEMPOTENCY_WINDOW_MS;
}

async function begin<T>(
  input: CreateEffectExactlyOnceInput<T>,
  generation: number,
  requestBody: string,
  startedAt: Date,
): Promise<string> {
  const { storeId, orderId, effectId } = input;
  const idempotencyKey = idempotencyKeyFor(effectId, storeId, orderId, generation);
  await input.attempts.begin(storeId, orderId, effectId, { idempotencyKey, generation, requestBody, startedAt });
  return idempotencyKey;
}

async function send<T>(
  input: CreateEffectExactlyOnceInput<T>,
  idempotencyKey: string,
  mayRegenerate: boolean,
): Promise<CreatedEffect<T>> {
  const { storeId, orderId, effectId, attempts } = input;
  try {
    const record = await input.send(idempotencyKey);
    await attempts.setOutcome(storeId, orderId, effectId, 'succeeded');
    return { record, adopted: false };
  } catch (err) {
    if (err instanceof XeroTransientError) {
      const unknown = err.noResponse || err instanceof XeroRequestInProgressError;
      await attempts.setOutcome(storeId, orderId, effectId, unknown ? 'uncertain' : 'server-error');
    } else if (err instanceof XeroValidationError && mayRegenerate && err.messages.some((m) => KEY_REUSED.test(m))) {
      const existing = await input.lookup();
      if (existing !== undefined) return adopt(input, existing);
      const previous = await attempts.get(storeId, orderId, effectId);
      const body = canonicalRequestBody(input.envelope, [input.element]);
      return send(input, await begin(input, (previous?.generation ?? 0) + 1, body, clockOf(input)()), false);
    } else if (err instanceof XeroValidationError) {
      await attempts.setOutcome(storeId, orderId, effectId, 'rejected');
    }
    throw err;
  }
}

async function adopt<T>(input: CreateEffectExactlyOnceInput<T>, record: T): Promise<CreatedEffect<T>> {
  await input.attempts.setOutcome(input.storeId, input.orderId, input.effectId, 'succeeded');
  return { record, adopted: true };
}
