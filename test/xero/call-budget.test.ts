import { busiestMinute } from '../support/busiest-minute';
import {
  DAY_MS,
  MINUTE_WINDOW_MS,
  emptyBudget,
  observeQuota,
  refuseCalls,
  reserveAppCall,
  reserveCall,
  type BudgetState,
  type CallLimits,
} from '../../lib/xero/call-budget';

const LIMITS: CallLimits = { callsPerMinute: 60, minuteHeadroom: 10, callsPerDay: 5000, concurrentCalls: 5 };
const T0 = Date.parse('2026-12-02T09:00:00Z');

/** Reserves `count` calls asked for at the given times, returning the reserved times and the final state. */
function reserveMany(times: number[], limits = LIMITS, start: BudgetState = emptyBudget()) {
  let state = start;
  const reserved: number[] = [];
  for (const at of times) {
    const outcome = reserveCall(state, limits, at, Infinity);
    if (outcome.kind !== 'reserved') throw new Error(`nothing reserved at ${at}`);
    state = outcome.state;
    reserved.push(outcome.atMs);
  }
  return { reserved, state };
}

describe('the call budget of one organisation', () => {
  it('gives the first calls of a minute at once, then times when the sliding minute has room', () => {
    const { reserved } = reserveMany(Array.from({ length: 52 }, () => T0));
    expect(reserved.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => T0));
    expect(reserved.slice(50)).toEqual([T0 + MINUTE_WINDOW_MS, T0 + MINUTE_WINDOW_MS + MINUTE_WINDOW_MS / 50]);
  });

  it('never puts more than the budget in any 60-second window, for bursts asked at random times', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    const asked: number[] = [];
    for (let t = T0; asked.length < 600; t += Math.floor(random() * 3000)) {
      const burst = 1 + Math.floor(random() * 20);
      for (let k = 0; k < burst; k += 1) asked.push(t);
    }
    const { reserved } = reserveMany(asked);
    expect(busiestMinute(reserved)).toBeLessThanOrEqual(50);
    reserved.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(asked[i] as number));
    // Distinct future times: waiting callers do not all return together.
    const future = reserved.filter((at, i) => at > (asked[i] as number));
    expect(future.length).toBeGreaterThan(0);
    expect(new Set(future).size).toBe(future.length);
  });

  it('leaves the headroom to other apps, and less again when Xero’s headers show them using more', () => {
    const quiet = reserveMany(Array.from({ length: 50 }, () => T0)).state;
    expect(reserveCall(quiet, LIMITS, T0, Infinity)).toMatchObject({ atMs: T0 + MINUTE_WINDOW_MS });

    const start = reserveMany(Array.from({ length: 10 }, () => T0)).state;
    // Xero counts 40 calls in its minute: ours are 10, so other apps made 30 and 20 more are left to us.
    const seen = observeQuota(start, { minuteRemaining: 20 }, LIMITS, T0 + 100);
    const { reserved } = reserveMany(
      Array.from({ length: 21 }, () => T0 + 200),
      LIMITS,
      seen,
    );
    expect(reserved.filter((at) => at === T0 + 200)).toHaveLength(20);
    expect(reserved[20]).toBeGreaterThanOrEqual(T0 + MINUTE_WINDOW_MS);
  });

  it('a 429 keeps every call away until Retry-After, and the calls after it are reserved from then', () => {
    const refused = refuseCalls(emptyBudget(), { problem: 'minute', retryAfterMs: 30_000 }, LIMITS, T0);
    const outcome = reserveCall(refused, LIMITS, T0 + 1_000, Infinity);
    expect(outcome).toMatchObject({ kind: 'reserved', atMs: T0 + 30_000, reason: 'xero-asked' });
    // Without Retry-After (the concurrent limit) a short backoff of its own.
    const concurrent = refuseCalls(emptyBudget(), { problem: 'concurrent' }, LIMITS, T0);
    expect(concurrent.blockedUntilMs - T0).toBeGreaterThan(0);
    expect(concurrent.blockedUntilMs - T0).toBeLessThanOrEqual(5_000);
  });

  it('stops at the day’s limit (and at what Xero says is left of it) until the day window ends', () => {
    const limits = { ...LIMITS, callsPerDay: 1000 };
    const used = observeQuota(emptyBudget(), { dayRemaining: 0 }, limits, T0);
    expect(reserveCall(used, limits, T0 + 5_000, Infinity)).toEqual({
      kind: 'beyond',
      untilMs: T0 + DAY_MS,
      reason: 'day',
    });
    expect(reserveCall(used, limits, T0 + DAY_MS, Infinity).kind).toBe('reserved');
  });

  it('reserves nothing beyond the horizon, and says when capacity is expected', () => {
    const { state } = reserveMany(Array.from({ length: 50 }, () => T0));
    expect(reserveCall(state, LIMITS, T0 + 1_000, 10_000)).toEqual({
      kind: 'beyond',
      untilMs: T0 + MINUTE_WINDOW_MS,
      reason: 'minute',
    });
    expect(reserveCall(state, LIMITS, T0 + 1_000, 10_000)).toEqual(reserveCall(state, LIMITS, T0 + 1_000, 10_000));
  });
});

describe('the app-wide budget', () => {
  it('counts calls per second over the sliding minute and refuses the one over the limit', () => {
    let state = { secondStart: 0, counts: [] as number[] };
    for (let i = 0; i < 3; i += 1) {
      const next = reserveAppCall(state, 3, T0 + i * 10_000, T0);
      if (!next) throw new Error('refused too early');
      state = next;
    }
    expect(reserveAppCall(state, 3, T0 + 30_000, T0 + 30_000)).toBeUndefined();
    expect(reserveAppCall(state, 3, T0 + MINUTE_WINDOW_MS + 1_000, T0 + MINUTE_WINDOW_MS + 1_000)).toBeDefined();
  });
});
