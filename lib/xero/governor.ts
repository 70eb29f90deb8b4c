import {
  MINUTE_WINDOW_MS,
  RESERVATION_SLACK_MS,
  type CallBudgetStore,
  type DefaultCallLimits,
  type WaitReason,
} from './call-budget';
import type { CallPermit, XeroCallGate } from './call-gate';
import { reportCapacityWait } from './capacity-waits';
import { XeroCapacityWaitError } from './errors';
import { currentRequestDeadline } from './request-deadline';

/** A caller waiting for an organisation's capacity, as reported to whoever shows it (Temporal UI, order view). */
export interface CapacityWait {
  tenantId: string;
  /** The request that waits, e.g. "PUT /Invoices". */
  what: string;
  /** When the call is expected to go (epoch ms, on the governor's clock). */
  untilMs: number;
  /** How long from now that is, in real milliseconds. */
  waitMs: number;
  reason: WaitReason;
}

/** Settings of the governor. */
export interface GovernorOptions {
  budgets: CallBudgetStore;
  limits: DefaultCallLimits;
  /** Longest a call waits for its permit inside one attempt; beyond it acquire throws XeroCapacityWaitError. */
  maxWaitMs: number;
  /** How long (real ms) a concurrent slot is held when its process dies before settling it (default 30 s). */
  leaseMs?: number;
  /** The governor's clock in epoch ms (default Date.now; tests share the sandbox's clock). */
  now?: () => number;
  /**
   * Milliseconds of the governor's clock per real millisecond (default 1). Tests that run the clock faster say so,
   * so that attempt deadlines (real time) and the waits told to Temporal (real time) convert correctly.
   */
  clockSpeed?: number;
  /** Waits real milliseconds (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Random numbers in [0, 1) for jitter (default Math.random). */
  random?: () => number;
  /** Told whenever a caller starts waiting (default: the reporter of the running work, lib/xero/capacity-waits.ts). */
  onWait?: (wait: CapacityWait) => void;
}

/** The governor's own limits on waits: clock re-reads while sleeping, and the jitter of short waits. */
const MAX_SLEEP_MS = 100;
const CONCURRENT_RETRY_MS = { min: 20, spread: 100 };
const MAX_JITTER_MS = 2_000;
const DEFAULT_LEASE_MS = 30_000;
/** A permit leaves at least this long (real) before the attempt's deadline for the request itself. */
const SEND_MARGIN_MS = 5_000;
/** The longest delay a Node timer accepts. */
const MAX_TIMER_MS = 2_147_483_647;
/** A caller whose slot keeps coming late (a slow database) goes anyway after this many new reservations. */
const MAX_LATE_RETAKES = 3;

/**
 * The per-organisation governor (docs/xero-governor.md): every Accounting API call first reserves a time in the
 * organisation's sliding minute and day (shared by every process through the database), sleeps until then, then
 * takes one of the concurrent slots. Answers' remaining-quota headers and 429s correct the shared view.
 */
export function createXeroGovernor(options: GovernorOptions): XeroCallGate {
  const { budgets, limits } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const onWait = options.onWait ?? reportCapacityWait;
  const clockSpeed = options.clockSpeed ?? 1;
  /** The governor's spacing between two calls of one organisation at its default minute budget (clock ms). */
  const callSpacingMs = MINUTE_WINDOW_MS / Math.max(1, limits.callsPerMinute - limits.minuteHeadroom);

  const sleepUntil = async (untilMs: number): Promise<void> => {
    for (let left = untilMs - now(); left > 0; left = untilMs - now()) await sleep(Math.min(left, MAX_SLEEP_MS));
  };

  /** How long (real ms) this caller may still wait: the configured maximum, cut to its attempt's deadline. */
  const realHorizonMs = (): number => {
    const deadline = currentRequestDeadline();
    const left = deadline === undefined ? Infinity : deadline - Date.now() - SEND_MARGIN_MS;
    return Math.max(0, Math.min(options.maxWaitMs / clockSpeed, left));
  };
  /** How far ahead (on the governor's clock) this caller may reserve. */
  const horizonMs = (): number => realHorizonMs() * clockSpeed;

  const notify = (tenantId: string, what: string, untilMs: number, reason: WaitReason): void =>
    onWait({ tenantId, what, untilMs, reason, waitMs: (untilMs - now()) / clockSpeed });

  /** Reports a wait longer than this attempt may spend and returns the error that has it retried then. */
  const waitTooLong = (tenantId: string, what: string, untilMs: number, reason: WaitReason): XeroCapacityWaitError => {
    notify(tenantId, what, untilMs, reason);
    return new XeroCapacityWaitError(reason, (untilMs - now()) / clockSpeed);
  };

  const permit = (tenantId: string, leaseId: string): CallPermit => ({
    answered: (reading) => budgets.settle(tenantId, leaseId, reading, limits, now()),
    abandoned: () => budgets.settle(tenantId, leaseId, {}, limits, now()),
    refused: async (refusal) => {
      await budgets.refuse(tenantId, leaseId, refusal, limits, now());
      return true;
    },
  });

  const localSlots = createLocalSlots(limits.concurrentCalls);

  /** Reserves a time, sleeps until it and takes a shared concurrent slot (this process's slot already held). */
  const take = async (tenantId: string, what: string): Promise<CallPermit> => {
    let reservedAt: number | undefined;
    let lateRetakes = 0;
    for (;;) {
      if (reservedAt === undefined) {
        const reservation = await budgets.reserve(tenantId, limits, now(), horizonMs());
        if (reservation.kind === 'beyond') throw waitTooLong(tenantId, what, reservation.untilMs, reservation.reason);
        reservedAt = reservation.atMs;
        if (reservation.reason) {
          notify(tenantId, what, reservedAt, reservation.reason);
          await sleepUntil(reservedAt);
          if (now() - reservedAt > RESERVATION_SLACK_MS) {
            // Woke too late (a stalled process): a request now could crowd a later minute; take a new time.
            await budgets.cancel(tenantId, reservedAt);
            reservedAt = undefined;
            continue;
          }
        }
      }
      const lease = await budgets.lease(tenantId, limits, now(), leaseMs * clockSpeed);
      if (lease.kind === 'leased') {
        if (now() - reservedAt <= RESERVATION_SLACK_MS || ++lateRetakes > MAX_LATE_RETAKES) {
          return permit(tenantId, lease.leaseId);
        }
        // The slot came too late for the reserved time: give both back and take a new time.
        await budgets.settle(tenantId, lease.leaseId, {}, limits, now());
        await budgets.cancel(tenantId, reservedAt);
        reservedAt = undefined;
        continue;
      }
      if (lease.reason === 'xero-asked') {
        // Xero asked every caller to wait: give the time back and reserve again after the wait, each caller at
        // its own jittered time.
        await budgets.cancel(tenantId, reservedAt);
        reservedAt = undefined;
        if (lease.untilMs - now() > horizonMs()) throw waitTooLong(tenantId, what, lease.untilMs, 'xero-asked');
        const jitter = random() * Math.min(MAX_JITTER_MS, Math.max(0, lease.untilMs - now()) / 10);
        notify(tenantId, what, lease.untilMs, 'xero-asked');
        await sleepUntil(lease.untilMs + jitter);
        continue;
      }
      // Every concurrent slot is taken: try again shortly; a reservation held too long is given back.
      if (now() - reservedAt > RESERVATION_SLACK_MS) {
        await budgets.cancel(tenantId, reservedAt);
        reservedAt = undefined;
      }
      await sleep(CONCURRENT_RETRY_MS.min + random() * CONCURRENT_RETRY_MS.spread);
    }
  };

  return {
    async acquire(tenantId, what) {
      // Callers of this process queue in memory for its share of the concurrent calls, so only as many poll the
      // shared budget as may call at once; one that cannot get through the queue within its attempt is told when
      // to come back, from its place in the queue.
      const queued = (ahead: number) => now() + (ahead + 1) * callSpacingMs;
      const release = await localSlots(tenantId, realHorizonMs(), (ahead) =>
        notify(tenantId, what, queued(ahead), 'queued'),
      );
      if (typeof release === 'number') throw waitTooLong(tenantId, what, queued(release), 'queued');
      try {
        const taken = await take(tenantId, what);
        const settled = (settle: () => Promise<void>) => () => settle().finally(release);
        return {
          answered: (reading) => settled(() => taken.answered(reading))(),
          abandoned: settled(() => taken.abandoned()),
          refused: async (refusal) => {
            try {
              return await taken.refused(refusal);
            } finally {
              release();
            }
          },
        };
      } catch (err) {
        release();
        throw err;
      }
    },
  };
}

/**
 * First-come, first-served slots per organisation inside one process. Resolves with the slot's release, or, when no
 * slot came within `timeoutMs` (real), with the number of callers that were ahead on arrival (it left the queue).
 * `onQueued` is told how many are ahead when the caller has to queue.
 */
function createLocalSlots(
  perOrganisation: number,
): (tenantId: string, timeoutMs: number, onQueued: (ahead: number) => void) => Promise<(() => void) | number> {
  const queues = new Map<string, { active: number; waiting: Array<() => void> }>();
  return async (tenantId, timeoutMs, onQueued) => {
    let queue = queues.get(tenantId);
    if (!queue) queues.set(tenantId, (queue = { active: 0, waiting: [] }));
    const slots = queue;
    if (slots.active >= perOrganisation) {
      const aheadOnArrival = slots.waiting.length;
      onQueued(aheadOnArrival);
      const ahead = await new Promise<number | undefined>((resolve) => {
        const grant = () => {
          if (timer) clearTimeout(timer);
          resolve(undefined);
        };
        // Node fires a timer with a delay beyond 2^31 − 1 ms at once: an unbounded wait has no timer.
        const timer =
          timeoutMs < MAX_TIMER_MS
            ? setTimeout(() => {
                slots.waiting.splice(slots.waiting.indexOf(grant), 1);
                resolve(aheadOnArrival);
              }, timeoutMs)
            : undefined;
        slots.waiting.push(grant);
      });
      if (ahead !== undefined) return ahead;
    } else slots.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slots.waiting.shift();
      if (next) next();
      else if (--slots.active === 0) queues.delete(tenantId);
    };
  };
}
