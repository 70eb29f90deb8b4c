import type { CreateSubject } from '../lifecycle/effect-id';

// The small storage interfaces the Xero door depends on. lib/db's repositories satisfy them
// structurally; tests use in-memory versions.

/** Returns the current time; injected so tests can use the sandbox clock. */
export type Clock = () => Date;

/** The fields of a stored Xero connection that the token provider reads and rotates. */
export interface XeroConnectionTokens {
  tenantId: string;
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  /** 'disconnected' once the merchant must reconnect; any other value is usable. */
  status: string;
}

/** The slice of the `xeroConnections` repository the token provider needs. */
export interface XeroConnectionStore<C extends XeroConnectionTokens = XeroConnectionTokens> {
  /** Reads the store's connection without locking. */
  get(storeId: string): Promise<C | null>;
  /** Runs `fn` holding the store's connection lock (across processes); `current` is read inside the lock. */
  withLock<T>(storeId: string, fn: (current: C | null, save: (conn: C) => Promise<unknown>) => Promise<T>): Promise<T>;
  /** Marks the connection unusable, with a reason a person can act on. */
  markDisconnected(storeId: string, reason: string): Promise<unknown>;
}

/** What Xero's outcome was for the last create request of a document. */
export type AttemptOutcome = 'pending' | 'uncertain' | 'server-error' | 'batch-uncertain' | 'succeeded' | 'rejected';

/** The durable record of the create request for one document or effect of one order. */
export interface CreateAttempt {
  idempotencyKey: string;
  generation: number;
  /** The exact JSON text sent (and to be re-sent) to Xero. */
  requestBody: string;
  /** When the first request with this key was sent; Xero remembers a key for 6 minutes from then. */
  startedAt: Date;
  lastOutcome: AttemptOutcome;
}

/** The slice of the `attempts` repository the exactly-once protocol needs. */
export interface AttemptStore {
  /** The attempt recorded for this document or effect, if any. */
  get(storeId: string, orderId: number, subject: CreateSubject): Promise<CreateAttempt | null>;
  /** Records (or replaces) the attempt before its first request is sent; its outcome starts as 'pending'. */
  begin(
    storeId: string,
    orderId: number,
    subject: CreateSubject,
    attempt: Omit<CreateAttempt, 'lastOutcome'>,
  ): Promise<unknown>;
  /** Records what the last request's outcome was. */
  setOutcome(storeId: string, orderId: number, subject: CreateSubject, outcome: AttemptOutcome): Promise<unknown>;
}
