import { currentCapacityWaitReporter, withCapacityWaitReporter, type CapacityWaitReporter } from './capacity-waits';
import type { CapacityWait } from './governor';
import { currentRequestDeadline } from './request-deadline';

/** Xero's recommended largest number of elements in one write request. */
export const MAX_BATCH_ELEMENTS = 50;

/** How large a batch may grow: elements, and a size budget (e.g. request bytes) that one element alone may exceed. */
export interface BatchLimits<E> {
  /** Default MAX_BATCH_ELEMENTS. */
  maxElements?: number;
  /** Largest total `sizeOf` of a batch's elements (default: no budget). */
  maxSize?: number;
  sizeOf?: (element: E) => number;
}

/** How one element of a sent batch ended: its own value, or its own error. */
export type ElementOutcome<A> = { ok: true; value: A } | { ok: false; error: unknown };

/** A pending batch as its sender sees it. */
export interface PendingBatch<E> {
  /**
   * Closes the batch (nobody joins after this) and returns its elements in arrival order. The sender calls it once
   * it holds the permit to send; later calls (a resend after a 429 or a token refresh) return the same array.
   */
  close(): readonly E[];
}

/**
 * Sends a batch: one outcome per closed element, in the same order. A thrown error is every element's error (the
 * request failed as a whole, nothing can be told per element).
 */
export type BatchSender<E, A> = (batch: PendingBatch<E>) => Promise<Array<ElementOutcome<A>>>;

/** Merges create requests that wait for the same permit into one request. */
export interface RequestCoalescer<E, A> {
  /**
   * Sends `element` for `key` (one organisation connection and endpoint): it joins the pending batch of that key
   * when one has not got its permit yet, has room and ends no earlier than this caller's request deadline;
   * otherwise it starts a batch of its own, sent by `send`, which later elements may join until it is sent.
   * Resolves or rejects with this element's own outcome.
   */
  submit(key: string, element: E, send: BatchSender<E, A>): Promise<A>;
}

interface Member<E, A> {
  element: E;
  /** Where the caller's capacity waits are shown (its activity's heartbeat and the ledger). */
  reporter: CapacityWaitReporter | undefined;
  resolve(value: A): void;
  reject(error: unknown): void;
}

interface Batch<E, A> {
  members: Array<Member<E, A>>;
  /** Total `sizeOf` of the members. */
  size: number;
  /** The request deadline of the caller that sends the batch (its request is bounded by it). */
  deadline: number | undefined;
  closed: boolean;
  /** The last capacity wait the batch's request reported, and when (real ms), for callers joining after it. */
  lastWait?: { wait: CapacityWait; atMs: number };
}

/**
 * Creates a per-process coalescer (lib/xero/batched-create.ts uses it for PUT /Invoices). A batch stays open while
 * its first caller waits for its token and its permit; the permit ends it. With capacity free, the permit comes at
 * once and an element goes alone; while the organisation's calls are used up, later elements pile into the
 * waiting request, up to its limits, so one call books many documents.
 */
export function createRequestCoalescer<E, A>(limits: BatchLimits<E> = {}): RequestCoalescer<E, A> {
  const { maxElements = MAX_BATCH_ELEMENTS, maxSize = Infinity, sizeOf = () => 0 } = limits;
  const open = new Map<string, Batch<E, A>>();

  const mayJoin = (batch: Batch<E, A>, size: number, deadline: number | undefined): boolean =>
    !batch.closed &&
    batch.members.length < maxElements &&
    batch.size + size <= maxSize &&
    // The request runs under its sender's deadline: a joiner must not need it to end sooner.
    (batch.deadline === undefined ? deadline === undefined : deadline === undefined || deadline >= batch.deadline);

  const run = async (key: string, batch: Batch<E, A>, send: BatchSender<E, A>): Promise<void> => {
    const close = (): readonly E[] => {
      if (!batch.closed) {
        batch.closed = true;
        if (open.get(key) === batch) open.delete(key);
      }
      return batch.members.map((m) => m.element);
    };
    // Every caller of the batch sees the waits of its one request, as if it waited for a permit of its own.
    const report: CapacityWaitReporter = (wait) => {
      batch.lastWait = { wait, atMs: Date.now() };
      for (const member of batch.members) member.reporter?.(wait);
    };
    let outcomes: Array<ElementOutcome<A>>;
    try {
      outcomes = await withCapacityWaitReporter(report, () => send({ close }));
    } catch (error) {
      close();
      for (const member of batch.members) member.reject(error);
      return;
    }
    close();
    batch.members.forEach((member, i) => {
      const outcome = outcomes[i];
      if (!outcome) member.reject(new Error('The batch sender gave no outcome for an element'));
      else if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    });
  };

  return {
    submit(key, element, send) {
      const deadline = currentRequestDeadline();
      const size = sizeOf(element);
      return new Promise<A>((resolve, reject) => {
        const member = { element, reporter: currentCapacityWaitReporter(), resolve, reject };
        const pending = open.get(key);
        if (pending && mayJoin(pending, size, deadline)) {
          pending.members.push(member);
          pending.size += size;
          if (pending.lastWait) member.reporter?.(waitLeft(pending.lastWait));
          return;
        }
        const batch: Batch<E, A> = { members: [member], size, deadline, closed: false };
        // A batch this element does not fit gives its place to the new one; a batch passed over only for the
        // element's deadline, or for an element over the whole budget (which goes alone), keeps it.
        const full = pending !== undefined && (pending.members.length >= maxElements || pending.size + size > maxSize);
        if (size <= maxSize && (!pending || full)) open.set(key, batch);
        void run(key, batch, send);
      });
    },
  };
}

/** A wait reported earlier, with the time still left from now. */
function waitLeft({ wait, atMs }: { wait: CapacityWait; atMs: number }): CapacityWait {
  return { ...wait, waitMs: Math.max(0, wait.waitMs - (Date.now() - atMs)) };
}
