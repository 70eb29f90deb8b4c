import type { CreateSubject } from '../lifecycle/effect-id';
import { XeroBatchUncertainError, XeroRequestInProgressError, XeroTransientError, XeroValidationError } from './errors';
import { idempotencyKeyFor } from './idempotency-key';
import type { AttemptOutcome, AttemptStore, Clock, CreateAttempt } from './ports';
import { canonicalRequestBody, type EnvelopeType } from './wire';

/** Xero remembers an Idempotency-Key for 6 minutes from its first use. */
export const IDEMPOTENCY_WINDOW_MS = 6 * 60_000;

/** One request of a create: its key and generation, the element sent, and what is known of an earlier send. */
export interface CreateRequest<E extends object = object> {
  idempotencyKey: string;
  generation: number;
  /** The element as recorded (a replay sends the recorded element, byte for byte). */
  element: E;
  startedAt: Date;
  /** For a replay, the outcome recorded for the key; undefined for a new generation. */
  replayOf?: AttemptOutcome;
}

/** Everything creating one Xero record of an order exactly once needs. */
export interface CreateExactlyOnceInput<T, E extends object = object> {
  storeId: string;
  orderId: number;
  /** What the attempts are recorded under: the order's document (`invoice`, `quote`) or an effect id. */
  subject: CreateSubject;
  /** The envelope and element to send: recorded as the exact request body, to replay byte for byte. */
  envelope: EnvelopeType;
  element: E;
  /** Sends the create and returns what Xero made. */
  send: (request: CreateRequest<E>) => Promise<T>;
  /** Finds what an earlier request made, by the record's durable identity; `since` is when that request began. */
  lookup: (since: Date) => Promise<T | undefined>;
  /**
   * A refusal that may mean an earlier request already made it (e.g. "number must be unique"): the record is
   * looked up and adopted; if absent, the attempt is rejected and `notMadeBefore()` is thrown.
   */
  refusalMeansMade?: {
    test: (err: unknown) => boolean;
    /** What to throw when the lookup finds nothing (given the refusal). */
    notMadeBefore: (refusal: unknown) => unknown;
    isFinal: (err: unknown) => boolean;
  };
  attempts: AttemptStore;
  now?: Clock;
}

/** The Xero record, and whether a lookup found it (an earlier request made it) rather than a create answering. */
export interface CreatedRecord<T> {
  record: T;
  adopted: boolean;
}

/**
 * Whether a request may share a batch: a first request, or the replay of one that never had an answer (after an
 * uncertain batch the record is looked up instead).
 */
export function mayJoinBatch(request: Pick<CreateRequest, 'generation' | 'replayOf'>): boolean {
  return request.replayOf === undefined ? request.generation === 1 : request.replayOf === 'pending';
}

const KEY_REUSED = /Idempotency Key.*is used with a different request/i;
const OPEN_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set(['pending', 'uncertain', 'server-error']);

/**
 * Creates one Xero record of an order (its invoice or quote, a payment, credit note, allocation, cash refund, a
 * reissued invoice) at most once (xero-api.md §6): the request is recorded before it goes out under a
 * deterministic Idempotency-Key; after a timeout or 5xx the recorded bytes are replayed under that key while Xero
 * remembers it (6 minutes) and answers with what the first request did; otherwise, and whenever a replay cannot
 * tell (Xero repeats a server error it may have cached), the record is looked up by its identity and created under
 * a new key only when absent.
 */
export async function createExactlyOnce<T, E extends object = object>(
  input: CreateExactlyOnceInput<T, E>,
): Promise<CreatedRecord<T>> {
  const now = input.now ?? (() => new Date());
  const previous = await input.attempts.get(input.storeId, input.orderId, input.subject);
  if (!previous) return send(input, await begin(input, 1, now()), true);
  const replay = replayable(input, previous, now());
  if (replay) {
    try {
      return await send(input, replay, true);
    } catch (err) {
      // A repeated server error may be Xero's cached answer: only a lookup can tell.
      if (!(err instanceof XeroTransientError && err.statusCode >= 500)) throw err;
    }
  }
  const existing = await input.lookup(previous.startedAt);
  if (existing !== undefined) return adopt(input, existing);
  return send(input, await begin(input, previous.generation + 1, now()), true);
}

/** The recorded request, to resend byte for byte under its key, if it is still open and Xero may remember the key. */
function replayable<T, E extends object>(
  input: CreateExactlyOnceInput<T, E>,
  previous: CreateAttempt,
  at: Date,
): CreateRequest<E> | undefined {
  if (!OPEN_OUTCOMES.has(previous.lastOutcome)) return undefined;
  if (at.getTime() - previous.startedAt.getTime() >= IDEMPOTENCY_WINDOW_MS) return undefined;
  let element: E | undefined;
  try {
    element = (JSON.parse(previous.requestBody) as Record<string, E[] | undefined>)[input.envelope]?.[0];
  } catch {
    return undefined;
  }
  // Only replay when the SDK would send exactly the recorded bytes; otherwise Xero would see a different request.
  if (!element || canonicalRequestBody(input.envelope, [element]) !== previous.requestBody) return undefined;
  const { idempotencyKey, generation, startedAt, lastOutcome } = previous;
  return { idempotencyKey, generation, element, startedAt, replayOf: lastOutcome };
}

/** Records a new generation (new key, current element) before its first request goes out. */
async function begin<T, E extends object>(
  input: CreateExactlyOnceInput<T, E>,
  generation: number,
  startedAt: Date,
): Promise<CreateRequest<E>> {
  const { storeId, orderId, subject } = input;
  const idempotencyKey = idempotencyKeyFor(subject, storeId, orderId, generation);
  const requestBody = canonicalRequestBody(input.envelope, [input.element]);
  await input.attempts.begin(storeId, orderId, subject, { idempotencyKey, generation, requestBody, startedAt });
  return { idempotencyKey, generation, element: input.element, startedAt };
}

async function send<T, E extends object>(
  input: CreateExactlyOnceInput<T, E>,
  request: CreateRequest<E>,
  mayRegenerate: boolean,
): Promise<CreatedRecord<T>> {
  const { storeId, orderId, subject, attempts } = input;
  const outcome = (value: AttemptOutcome) => attempts.setOutcome(storeId, orderId, subject, value);
  try {
    const record = await input.send(request);
    await outcome('succeeded');
    return { record, adopted: false };
  } catch (err) {
    if (err instanceof XeroBatchUncertainError) {
      // Sent inside a batch under the batch's key: only a lookup by identity can tell what Xero did.
      await outcome('batch-uncertain');
    } else if (err instanceof XeroTransientError) {
      // No answer, or Xero still busy with the first request under this key: the outcome is unknown.
      const unknown = err.noResponse || err instanceof XeroRequestInProgressError;
      await outcome(unknown ? 'uncertain' : 'server-error');
    } else if (input.refusalMeansMade?.test(err)) {
      return adoptAfterRefusal(input, request, err);
    } else if (err instanceof XeroValidationError && mayRegenerate && err.messages.some((m) => KEY_REUSED.test(m))) {
      const existing = await input.lookup(request.startedAt);
      if (existing !== undefined) return adopt(input, existing);
      return send(input, await begin(input, request.generation + 1, (input.now ?? (() => new Date()))()), false);
    } else if (err instanceof XeroValidationError) {
      await outcome('rejected');
    }
    // 429, 401 after a refresh, 403/404: the request was not processed; the attempt keeps its outcome.
    throw err;
  }
}

/** Xero refused in a way that says an earlier request made it: adopt the record if it is ours, else fail for good. */
async function adoptAfterRefusal<T, E extends object>(
  input: CreateExactlyOnceInput<T, E>,
  request: CreateRequest<E>,
  refused: unknown,
): Promise<CreatedRecord<T>> {
  const { storeId, orderId, subject, attempts } = input;
  const refusal = input.refusalMeansMade;
  let existing: T | undefined;
  try {
    existing = await input.lookup(request.startedAt);
  } catch (err) {
    if (refusal?.isFinal(err)) await attempts.setOutcome(storeId, orderId, subject, 'rejected');
    throw err;
  }
  if (existing !== undefined) return adopt(input, existing);
  await attempts.setOutcome(storeId, orderId, subject, 'rejected');
  throw refusal ? refusal.notMadeBefore(refused) : refused;
}

async function adopt<T, E extends object>(input: CreateExactlyOnceInput<T, E>, record: T): Promise<CreatedRecord<T>> {
  await input.attempts.setOutcome(input.storeId, input.orderId, input.subject, 'succeeded');
  return { record, adopted: true };
}
