/** Fault injection: queued rules matched by method and path that make the sandbox misbehave on purpose. */

/** An HTTP error answered instead of processing (500/503 outage, or a forced 429). */
export interface StatusFault {
  status: 500 | 503 | 429;
  /** Body text, or a value sent as JSON. Defaults: empty for 429, a plain-text outage message otherwise. */
  body?: string | object;
  headers?: Record<string, string>;
  /**
   * When true, the error is produced inside the idempotent section, so it is cached under the request's
   * Idempotency-Key and replayed for 6 minutes (Xero: "the error will be cached"). Default false: the error
   * comes from in front of the idempotency store and a retry with the same key is processed normally.
   */
  cached?: boolean;
  latencyMs?: number;
}

/** Delay the request by latencyMs of real time, then process it normally (it counts as in flight meanwhile). */
export interface LatencyFault {
  latencyMs: number;
}

/** Process fully (commit state, store the idempotent response), then destroy the socket without answering. */
export interface CommitThenDropFault {
  kind: 'commit-then-drop';
  latencyMs?: number;
}

/**
 * Process fully (commit state), then answer an error as a gateway or server failing after the commit would.
 * By default the idempotency store keeps the real response, so a replay of the key returns the success (the
 * failure happened between Xero's processing and us); with `cached: true` the error itself is stored under the
 * key, as for an internal error after the commit ("the error will be cached").
 */
export interface CommitThenStatusFault {
  kind: 'commit-then-status';
  status: 500 | 502 | 504;
  cached?: boolean;
  latencyMs?: number;
}

/** Keep the request in flight (under its Idempotency-Key) until `until` settles, then process it normally. */
export interface HoldFault {
  kind: 'hold';
  until: Promise<unknown>;
}

/** Expire every access token issued so far, just before this request is checked. */
export interface ExpireTokensFault {
  kind: 'expire-access-tokens';
}

/** Any fault the injector can apply. */
export type Fault =
  StatusFault | LatencyFault | CommitThenDropFault | CommitThenStatusFault | HoldFault | ExpireTokensFault;

/** A queued fault and the requests it applies to. */
export interface FaultRule {
  /** HTTP method to match (any when absent), case-insensitive. */
  method?: string;
  /** Pattern tested against the path (no query string); a string is compiled as a RegExp. Any when absent. */
  path?: RegExp | string;
  /** How many matching requests it applies to (default 1; Infinity for every one). */
  count?: number;
  fault: Fault;
}

interface QueuedRule {
  method?: string;
  path?: RegExp;
  remaining: number;
  fault: Fault;
}

/** Queue of faults; each request consumes the first rule that matches it. */
export class FaultInjector {
  private rules: QueuedRule[] = [];

  /** @param expireTokens called to expire all current access tokens. */
  constructor(private readonly expireTokens: () => void) {}

  /** Queues a fault rule (rules are consumed in the order added). */
  add(rule: FaultRule): this {
    const path = typeof rule.path === 'string' ? new RegExp(rule.path) : rule.path;
    this.rules.push({ method: rule.method?.toUpperCase(), path, remaining: rule.count ?? 1, fault: rule.fault });
    return this;
  }

  /** Expires every access token issued so far, immediately. */
  expireAccessTokens(): void {
    this.expireTokens();
  }

  /** Removes every queued fault. */
  clear(): void {
    this.rules = [];
  }

  /** Number of queued rules that still have uses left. */
  pending(): number {
    return this.rules.length;
  }

  /** Finds and consumes the fault for a request, if any (used by the server). */
  take(method: string, path: string): Fault | undefined {
    const index = this.rules.findIndex(
      (r) =>
        (r.method === undefined || r.method === method.toUpperCase()) && (r.path === undefined || r.path.test(path)),
    );
    if (index < 0) return undefined;
    const rule = this.rules[index];
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }
}

/** Whether a fault is an HTTP status fault. */
export function isStatusFault(fault: Fault | undefined): fault is StatusFault {
  return fault !== undefined && 'status' in fault && !('kind' in fault);
}

/** Whether a fault drops the response after committing. */
export function isCommitThenDrop(fault: Fault | undefined): fault is CommitThenDropFault {
  return fault !== undefined && 'kind' in fault && fault.kind === 'commit-then-drop';
}

/** Whether a fault commits the request and then answers an error status. */
export function isCommitThenStatus(fault: Fault | undefined): fault is CommitThenStatusFault {
  return fault !== undefined && 'kind' in fault && fault.kind === 'commit-then-status';
}
