import type { SandboxClock } from './clock';
import type { SandboxResponse } from './http-types';

/** Limits per (app, tenant) and per app; defaults are Xero's published numbers. */
export interface RateLimitOptions {
  perMinute?: number;
  perDay?: number;
  concurrent?: number;
  appPerMinute?: number;
}

/** Which limit a 429 is about, as sent in X-Rate-Limit-Problem. */
export type RateLimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

interface Window {
  start: number;
  used: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Outcome of admitting a request: headers to send, and either a release callback or a 429. */
export type Admission =
  { ok: true; headers: Record<string, string>; release: () => void } | { ok: false; response: SandboxResponse };

/** Fixed-window rate limiter with in-flight accounting, on the sandbox clock. */
export class RateLimiter {
  private readonly limits: Required<RateLimitOptions>;
  private readonly minute = new Map<string, Window>();
  private readonly day = new Map<string, Window>();
  private readonly appMinute = new Map<string, Window>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly clock: SandboxClock,
    options: RateLimitOptions = {},
  ) {
    this.limits = { perMinute: 60, perDay: 5000, concurrent: 5, appPerMinute: 10_000, ...options };
  }

  /** Changes limits at runtime (e.g. a small daily cap for a test). */
  configure(options: RateLimitOptions): void {
    Object.assign(this.limits, options);
  }

  /** Current window of a counter, starting a new fixed window when the old one has ended. */
  private window(map: Map<string, Window>, key: string, length: number): Window {
    const now = this.clock.now();
    let w = map.get(key);
    if (!w || now - w.start >= length) {
      w = { start: now, used: 0 };
      map.set(key, w);
    }
    return w;
  }

  /** Remaining-quota headers computed from the current windows. */
  private headers(minute: Window, day: Window, app: Window): Record<string, string> {
    return {
      'x-daylimit-remaining': String(Math.max(0, this.limits.perDay - day.used)),
      'x-minlimit-remaining': String(Math.max(0, this.limits.perMinute - minute.used)),
      'x-appminlimit-remaining': String(Math.max(0, this.limits.appPerMinute - app.used)),
    };
  }

  /** Seconds until a window ends, at least 1. */
  private retryAfter(w: Window, length: number): string {
    return String(Math.max(1, Math.ceil((w.start + length - this.clock.now()) / 1000)));
  }

  /** Counts a request against every limit and admits it, or answers 429 with the problem header. */
  admit(clientId: string, tenantId: string): Admission {
    const key = `${clientId}\u0000${tenantId}`;
    const minute = this.window(this.minute, key, MINUTE_MS);
    const day = this.window(this.day, key, DAY_MS);
    const app = this.window(this.appMinute, clientId, MINUTE_MS);
    const reject = (problem: RateLimitProblem, retryAfter?: string): Admission => ({
      ok: false,
      response: {
        status: 429,
        headers: {
          ...this.headers(minute, day, app),
          'x-rate-limit-problem': problem,
          ...(retryAfter ? { 'retry-after': retryAfter } : {}),
        },
        body: '',
      },
    });
    if (day.used >= this.limits.perDay) return reject('day', this.retryAfter(day, DAY_MS));
    if (minute.used >= this.limits.perMinute) return reject('minute', this.retryAfter(minute, MINUTE_MS));
    if (app.used >= this.limits.appPerMinute) return reject('appminute');
    if ((this.inFlight.get(key) ?? 0) >= this.limits.concurrent) return reject('concurrent');
    minute.used += 1;
    day.used += 1;
    app.used += 1;
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let released = false;
    return {
      ok: true,
      headers: this.headers(minute, day, app),
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      },
    };
  }

  /** Seconds until the current minute window of (client, tenant) ends. */
  minuteRetryAfter(clientId: string, tenantId: string): string {
    const key = `${clientId}\u0000${tenantId}`;
    return this.retryAfter(this.window(this.minute, key, MINUTE_MS), MINUTE_MS);
  }
}
