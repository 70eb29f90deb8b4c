import type { QuotaReading, RateLimitRefusal } from './call-gate';

/**
 * The length of the governor's sliding minute: Xero's 60 s plus a margin for requests that leave a little after
 * their reserved time or arrive at Xero with different delays.
 */
export const MINUTE_WINDOW_MS = 62_000;
/** Xero's daily window. */
export const DAY_MS = 86_400_000;
/**
 * A reserved time not used within this long is given back and a new one taken, so no request leaves later than
 * the margin of MINUTE_WINDOW_MS allows.
 */
export const RESERVATION_SLACK_MS = 1_000;

/** An organisation's limits as the governor applies them. */
export interface CallLimits {
  /** Xero's limit per minute for this organisation and app (60). */
  callsPerMinute: number;
  /** Calls a minute left to the merchant's other apps: the service uses at most callsPerMinute − headroom. */
  minuteHeadroom: number;
  /** Xero's daily limit (5,000; 1,000 on smaller tiers). */
  callsPerDay: number;
  /** Requests in flight at once (5). */
  concurrentCalls: number;
}

/** What the governor knows of one organisation's quota (a row of xero_call_budgets). */
export interface BudgetState {
  /** Sends and reservations of the sliding minute, epoch ms, sorted. */
  recentCallsMs: number[];
  dayStartMs: number;
  dayCalls: number;
  /** Calls of other apps in the current minute, as revealed by Xero's remaining-quota headers. */
  othersCalls: number;
  othersSeenAtMs: number;
  /** After a 429: no call before this time. */
  blockedUntilMs: number;
  blockedReason: string | null;
}

/** Why a caller waits for Xero's capacity ('queued': behind other calls of the organisation in this process). */
export type WaitReason = 'minute' | 'day' | 'concurrent' | 'app-minute' | 'xero-asked' | 'queued';

/** The outcome of asking for a call time: a reserved time (maybe in the future), or a wait beyond the horizon. */
export type Reservation =
  | { kind: 'reserved'; atMs: number; state: BudgetState; reason?: WaitReason }
  | { kind: 'beyond'; untilMs: number; reason: WaitReason };

/** The service-wide defaults of the governor; an organisation's own limits (set by the operator) override them. */
export interface DefaultCallLimits extends CallLimits {
  /** Xero's limit across all organisations of the app, per minute (10,000). */
  appCallsPerMinute: number;
}

/** Whether a request may go now: a lease on one of the organisation's concurrent slots, or a time to wait until. */
export type LeaseOutcome = { kind: 'leased'; leaseId: string } | { kind: 'wait'; untilMs: number; reason: WaitReason };

/** Where the governor keeps its shared view of the quotas (lib/db's xeroCallBudgets repository). */
export interface CallBudgetStore {
  /** Reserves the earliest call time within `horizonMs` (see reserveCall), counting it app-wide too. */
  reserve(tenantId: string, defaults: DefaultCallLimits, nowMs: number, horizonMs: number): Promise<Reservation>;
  /** Gives back a reserved time that was not used (its caller waited too long for a concurrent slot). */
  cancel(tenantId: string, atMs: number): Promise<void>;
  /** Takes a concurrent slot for `leaseMs`, unless Xero asked us to wait or every slot is taken. */
  lease(tenantId: string, defaults: DefaultCallLimits, nowMs: number, leaseMs: number): Promise<LeaseOutcome>;
  /** Frees the slot and corrects the view with the answer's headers. */
  settle(
    tenantId: string,
    leaseId: string,
    reading: QuotaReading,
    defaults: DefaultCallLimits,
    nowMs: number,
  ): Promise<void>;
  /** Frees the slot and keeps every caller of the organisation away as a 429 asked. */
  refuse(
    tenantId: string,
    leaseId: string,
    refusal: RateLimitRefusal,
    defaults: DefaultCallLimits,
    nowMs: number,
  ): Promise<void>;
}

/** A state with nothing used. */
export function emptyBudget(): BudgetState {
  return {
    recentCallsMs: [],
    dayStartMs: 0,
    dayCalls: 0,
    othersCalls: 0,
    othersSeenAtMs: 0,
    blockedUntilMs: 0,
    blockedReason: null,
  };
}

/** The calls a minute the service may use now: its share, less what other apps were seen using. */
export function minuteBudget(state: BudgetState, limits: CallLimits, nowMs: number): number {
  const others = nowMs - state.othersSeenAtMs < MINUTE_WINDOW_MS ? state.othersCalls : 0;
  return Math.max(1, Math.min(limits.callsPerMinute - limits.minuteHeadroom, limits.callsPerMinute - others));
}

/**
 * Reserves the earliest call time at or after `nowMs` at which no sliding minute holds more than the budget, the
 * day is not used up and Xero's last Retry-After has passed; beyond `horizonMs` from now nothing is reserved.
 * Callers that must wait get distinct times spaced by a minute / budget, so they do not return together.
 */
export function reserveCall(state: BudgetState, limits: CallLimits, nowMs: number, horizonMs: number): Reservation {
  const rolled = rollDay(state, nowMs);
  if (rolled.dayCalls >= limits.callsPerDay) {
    return { kind: 'beyond', untilMs: rolled.dayStartMs + DAY_MS, reason: 'day' };
  }
  const recent = rolled.recentCallsMs.filter((at) => at > nowMs - MINUTE_WINDOW_MS);
  let atMs = Math.max(nowMs, rolled.blockedUntilMs);
  // Other apps' calls seen before a 429 count until Xero's minute ends, not beyond the time we may call again.
  const budget = minuteBudget(rolled, limits, atMs);
  // With the calls kept sorted, the budget-th latest one leaves the window at its time + one window.
  if (recent.length >= budget) atMs = Math.max(atMs, (recent[recent.length - budget] as number) + MINUTE_WINDOW_MS);
  // A caller that must wait is spaced from the latest reservation, so waiting callers go one by one.
  const latest = recent[recent.length - 1];
  if (atMs > nowMs && latest !== undefined) atMs = Math.max(atMs, latest + MINUTE_WINDOW_MS / budget);
  if (atMs - nowMs > horizonMs) {
    return { kind: 'beyond', untilMs: atMs, reason: atMs === rolled.blockedUntilMs ? 'xero-asked' : 'minute' };
  }
  const recentCallsMs = [...recent, atMs].sort((a, b) => a - b);
  const reason = atMs === nowMs ? undefined : atMs === rolled.blockedUntilMs ? 'xero-asked' : 'minute';
  return { kind: 'reserved', atMs, reason, state: { ...rolled, recentCallsMs, dayCalls: rolled.dayCalls + 1 } };
}

/** Removes one reservation at `atMs` from the sliding minute (a time given back unused). */
export function cancelReservation(state: BudgetState, atMs: number): BudgetState {
  const index = state.recentCallsMs.indexOf(atMs);
  if (index < 0) return state;
  const recentCallsMs = state.recentCallsMs.filter((_, i) => i !== index);
  return { ...state, recentCallsMs, dayCalls: Math.max(0, state.dayCalls - 1) };
}

/** Corrects the view with an answer's remaining-quota headers: other apps' calls and the day's use. */
export function observeQuota(
  state: BudgetState,
  reading: QuotaReading,
  limits: CallLimits,
  nowMs: number,
): BudgetState {
  let next = rollDay(state, nowMs);
  if (reading.dayRemaining !== undefined) {
    next = { ...next, dayCalls: Math.max(next.dayCalls, limits.callsPerDay - reading.dayRemaining) };
  }
  if (reading.minuteRemaining !== undefined) {
    const own = next.recentCallsMs.filter((at) => at > nowMs - MINUTE_WINDOW_MS && at <= nowMs).length;
    const seenByXero = limits.callsPerMinute - reading.minuteRemaining;
    next = { ...next, othersCalls: Math.max(0, seenByXero - own), othersSeenAtMs: nowMs };
  }
  return next;
}

/** How long a 429 without Retry-After keeps callers away, by the limit Xero named. */
const REFUSAL_BACKOFF_MS: Record<string, number> = { concurrent: 1_000, appminute: 10_000, minute: 60_000 };
const DEFAULT_REFUSAL_BACKOFF_MS = 5_000;

/** Records a 429: nobody calls the organisation until Xero's Retry-After (or a backoff by limit) has passed. */
export function refuseCalls(
  state: BudgetState,
  refusal: RateLimitRefusal,
  limits: CallLimits,
  nowMs: number,
): BudgetState {
  const observed = observeQuota(state, refusal, limits, nowMs);
  const waitMs = refusal.retryAfterMs ?? REFUSAL_BACKOFF_MS[refusal.problem ?? ''] ?? DEFAULT_REFUSAL_BACKOFF_MS;
  const untilMs = nowMs + waitMs;
  if (untilMs <= observed.blockedUntilMs) return observed;
  const dayUsed = refusal.problem === 'day' ? { dayCalls: limits.callsPerDay } : {};
  // Xero's minute ends with its Retry-After: what other apps used in it counts no longer than that.
  const othersEnd =
    refusal.problem === 'minute' && refusal.retryAfterMs !== undefined
      ? { othersSeenAtMs: untilMs - MINUTE_WINDOW_MS }
      : {};
  return {
    ...observed,
    ...dayUsed,
    ...othersEnd,
    blockedUntilMs: untilMs,
    blockedReason: refusal.problem ?? 'unknown',
  };
}

/** Starts a new daily window when the current one has ended (the window starts at its first call). */
function rollDay(state: BudgetState, nowMs: number): BudgetState {
  if (nowMs - state.dayStartMs < DAY_MS) return state;
  return { ...state, dayStartMs: nowMs, dayCalls: 0 };
}

/** The app-wide use: calls per second of the sliding minute, across every organisation. */
export interface AppBudgetState {
  /** The second (epoch s) of counts[0]. */
  secondStart: number;
  counts: number[];
}

/**
 * Counts a call reserved at `atMs` against the app-wide limit per minute, or returns undefined when the sliding
 * minute ending at that second is full.
 */
export function reserveAppCall(
  state: AppBudgetState,
  appCallsPerMinute: number,
  atMs: number,
  nowMs: number,
): AppBudgetState | undefined {
  const windowSeconds = Math.ceil(MINUTE_WINDOW_MS / 1000);
  const firstKept = Math.floor(nowMs / 1000) - windowSeconds;
  const atSecond = Math.floor(atMs / 1000);
  const perSecond = new Map<number, number>();
  state.counts.forEach((count, i) => {
    if (count > 0 && state.secondStart + i >= firstKept) perSecond.set(state.secondStart + i, count);
  });
  let inWindow = 0;
  for (const [second, count] of perSecond)
    if (second > atSecond - windowSeconds && second <= atSecond) inWindow += count;
  if (inWindow >= appCallsPerMinute) return undefined;
  perSecond.set(atSecond, (perSecond.get(atSecond) ?? 0) + 1);
  const seconds = [...perSecond.keys()];
  const secondStart = Math.min(...seconds);
  const counts = Array.from(
    { length: Math.max(...seconds) - secondStart + 1 },
    (_, i) => perSecond.get(secondStart + i) ?? 0,
  );
  return { secondStart, counts };
}
