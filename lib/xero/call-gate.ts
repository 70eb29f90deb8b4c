/** What one Xero answer's headers said about the quota left (X-MinLimit-Remaining and friends). */
export interface QuotaReading {
  minuteRemaining?: number;
  dayRemaining?: number;
  appMinuteRemaining?: number;
}

/** A 429 from Xero: the limit it names (X-Rate-Limit-Problem) and how long it asked us to wait. */
export interface RateLimitRefusal extends QuotaReading {
  problem?: string;
  retryAfterMs?: number;
}

/** The right to send one Accounting API request to one organisation; settle it exactly once. */
export interface CallPermit {
  /** Xero answered (any status but 429); the reading comes from the answer's headers. */
  answered(reading: QuotaReading): Promise<void>;
  /**
   * Xero answered 429: every caller of the organisation waits as Xero asked. Resolves true when the caller should
   * acquire a new permit and send the same request again, false when it should fail with the 429.
   */
  refused(refusal: RateLimitRefusal): Promise<boolean>;
  /** No answer arrived (network error, timeout): the call still counts, its concurrency slot frees. */
  abandoned(): Promise<void>;
}

/** Hands out permits for an organisation's Accounting API calls; `acquire` waits until one is free. */
export interface XeroCallGate {
  acquire(tenantId: string, what: string): Promise<CallPermit>;
}

const SETTLED: CallPermit = {
  answered: async () => undefined,
  refused: async () => false,
  abandoned: async () => undefined,
};

/** A gate that never waits (tools and tests that do not exercise Xero's limits). */
export const OPEN_GATE: XeroCallGate = { acquire: async () => SETTLED };
