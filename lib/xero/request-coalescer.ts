import { currentRequestDeadline } from './request-deadline';

/** Xero's recommended largest number of elements in one write request. */
export const MAX_BATCH_ELEMENTS = 50;

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
  resolve(value: A): void;
  reject(error: unknown): void;
}

interface Batch<E, A> {
  members: Array<Member<E, A>>;
  /** The request deadline of the caller that sends the batch (its request is bounded by it). */
  deadline: number | undefined;
  closed: boolean;
}

/**
 * Creates a per-process coalescer (lib/xero/batched-create.ts uses it for PUT /Invoices). A batch stays open while
 * its first caller waits for its token and its permit; the permit ends it. With capacity free, the permit comes at
 * once and an element goes alone; while the organisation's calls are used up, later elements pile into the
 * waiting request, up to `maxElements`, so one call books many documents.
 */
export function createRequestCoalescer<E, A>(maxElements = MAX_BATCH_ELEMENTS): RequestCoalescer<E, A> {
  const open = new Map<string, Batch<E, A>>();

  const mayJoin = (batch: Batch<E, A>, deadline: number | undefined): boolean =>
    !batch.closed &&
    batch.members.length < maxElements &&
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
    let outcomes: Array<ElementOutcome<A>>;
    try {
      outcomes = await send({ close });
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
      return new Promise<A>((resolve, reject) => {
        const member = { element, resolve, reject };
        const pending = open.get(key);
        if (pending && mayJoin(pending, deadline)) {
          pending.members.push(member);
          return;
        }
        const batch: Batch<E, A> = { members: [member], deadline, closed: false };
        if (!pending || pending.closed || pending.members.length >= maxElements) open.set(key, batch);
        void run(key, batch, send);
      });
    },
  };
}
