import type { Db } from '../../lib/db';
import { createXeroCallBudgetsRepository } from '../../lib/db/repositories/xero-call-budgets';
import type { DefaultCallLimits } from '../../lib/xero/call-budget';
import type { CallPermit, XeroCallGate } from '../../lib/xero/call-gate';
import { XeroCapacityWaitError } from '../../lib/xero/errors';
import { createXeroGovernor, type CapacityWait } from '../../lib/xero/governor';
import { withRequestDeadline } from '../../lib/xero/request-deadline';
import { openTestDatabase } from '../support/database';
import { busiestMinute } from '../support/busiest-minute';

const LIMITS: DefaultCallLimits = {
  callsPerMinute: 60,
  minuteHeadroom: 10,
  callsPerDay: 5000,
  concurrentCalls: 5,
  appCallsPerMinute: 10_000,
};

/** Time running 5 times faster than real time, so minutes of Xero's limits pass in seconds. */
function virtualTime(start = Date.parse('2026-12-02T09:00:00Z'), speed = 5) {
  const realStart = Date.now();
  return {
    now: () => start + Math.round((Date.now() - realStart) * speed),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, ms / speed))),
  };
}

describe('the Xero call governor, shared through the database', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.close());

  const governor = (
    time: ReturnType<typeof virtualTime>,
    extra: Partial<Parameters<typeof createXeroGovernor>[0]> = {},
  ) =>
    createXeroGovernor({
      budgets: createXeroCallBudgetsRepository(db),
      limits: LIMITS,
      maxWaitMs: 10 * 60_000,
      now: time.now,
      sleep: time.sleep,
      ...extra,
    });

  /** Runs `count` calls through the gates in turn, each holding its permit for `holdMs` of virtual time. */
  async function callMany(gates: XeroCallGate[], time: ReturnType<typeof virtualTime>, count: number, holdMs = 200) {
    const granted: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const permit = await (gates[i % gates.length] as XeroCallGate).acquire('tenant-a', 'PUT /Invoices');
        granted.push(time.now());
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        const until = time.now() + holdMs;
        while (time.now() < until) await time.sleep(until - time.now());
        inFlight -= 1;
        await permit.answered({});
      }),
    );
    return { granted, mostInFlight };
  }

  it('two processes sharing one organisation never exceed its minute budget or its concurrent calls', async () => {
    const time = virtualTime();
    const gates = [governor(time), governor(time)];
    await (await (gates[0] as XeroCallGate).acquire('warm-up', 'GET /Organisation')).answered({});
    const { granted, mostInFlight } = await callMany(gates, time, 70);
    expect(granted).toHaveLength(70);
    expect(busiestMinute(granted)).toBeLessThanOrEqual(50);
    expect(mostInFlight).toBeLessThanOrEqual(5);
    // …and the budget is used: most of the first window's 50 calls go in it (a loaded machine may push a few late).
    const start = Math.min(...granted);
    expect(granted.filter((at) => at < start + 62_000).length).toBeGreaterThanOrEqual(40);
  }, 120_000);

  it('a 429 (another app used the quota) makes every caller of that organisation wait Retry-After', async () => {
    const time = virtualTime();
    const gate = governor(time);
    const first = await gate.acquire('tenant-a', 'GET /Contacts');
    const refusedAt = time.now();
    await expect(first.refused({ problem: 'minute', retryAfterMs: 20_000, minuteRemaining: 0 })).resolves.toBe(true);
    const waits: CapacityWait[] = [];
    const waiting = createXeroGovernor({
      budgets: createXeroCallBudgetsRepository(db),
      limits: LIMITS,
      maxWaitMs: 60_000,
      now: time.now,
      sleep: time.sleep,
      onWait: (wait) => waits.push(wait),
    });
    const grantedAt = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const permit = await waiting.acquire('tenant-a', 'PUT /Invoices');
        const at = time.now();
        await permit.answered({});
        return at;
      }),
    );
    grantedAt.forEach((at) => expect(at).toBeGreaterThanOrEqual(refusedAt + 20_000));
    expect(waits.some((wait) => wait.reason === 'xero-asked')).toBe(true);
    // Another organisation is not held back.
    const otherAt = time.now();
    await (await gate.acquire('tenant-b', 'GET /Items')).answered({});
    expect(time.now() - otherAt).toBeLessThan(5_000);
  }, 60_000);

  it('a wait longer than the caller may spend fails at once with when to come back, and reserves nothing', async () => {
    const time = virtualTime();
    const waits: CapacityWait[] = [];
    const gate = governor(time, { maxWaitMs: 5_000, onWait: (wait) => waits.push(wait) });
    for (let i = 0; i < 50; i += 1) await (await gate.acquire('tenant-a', 'PUT /Invoices')).answered({});
    const error = await gate.acquire('tenant-a', 'PUT /Invoices').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(XeroCapacityWaitError);
    expect((error as XeroCapacityWaitError).reason).toBe('minute');
    expect((error as XeroCapacityWaitError).waitMs).toBeGreaterThan(5_000);
    expect(waits.at(-1)).toMatchObject({ tenantId: 'tenant-a', what: 'PUT /Invoices', reason: 'minute' });
    const status = await createXeroCallBudgetsRepository(db).status('tenant-a', LIMITS, time.now());
    expect(status.callsInLastMinute).toBe(50);
  });

  it('the day limit set for a smaller Xero tier holds, and Xero’s day headers count other apps’ calls', async () => {
    const time = virtualTime();
    const budgets = createXeroCallBudgetsRepository(db);
    await budgets.setLimits('tenant-a', { callsPerDay: 3 });
    const gate = governor(time, { maxWaitMs: 60_000 });
    const permit = await gate.acquire('tenant-a', 'GET /Contacts');
    await permit.answered({ dayRemaining: 1 });
    await (await gate.acquire('tenant-a', 'GET /Items')).answered({});
    await expect(gate.acquire('tenant-a', 'PUT /Invoices')).rejects.toMatchObject({ reason: 'day' });
    expect((await budgets.status('tenant-a', LIMITS, time.now())).limits.callsPerDay).toBe(3);
  });

  it('a process that dies holding permits gives its concurrent slots back when their leases expire', async () => {
    const time = virtualTime();
    const crashed = governor(time, { leaseMs: 5_000 });
    const held: CallPermit[] = [];
    const startedAt = time.now();
    for (let i = 0; i < 5; i += 1) held.push(await crashed.acquire('tenant-a', 'PUT /Invoices'));
    await (await governor(time).acquire('tenant-a', 'GET /Items')).answered({});
    expect(time.now() - startedAt).toBeGreaterThanOrEqual(5_000);
    expect(held).toHaveLength(5);
  });

  it('callers queued behind the organisation’s calls in this process leave when their attempt would end, told when to come back', async () => {
    const time = virtualTime();
    const waits: CapacityWait[] = [];
    const gate = governor(time, { clockSpeed: 5, onWait: (wait) => waits.push(wait) });
    const held: CallPermit[] = [];
    for (let i = 0; i < 5; i += 1) held.push(await gate.acquire('tenant-a', 'PUT /Invoices'));
    // Three more callers whose attempts end in 6.5 s (real; 5 s are kept for the request): the queue does not move.
    const queued = await Promise.all(
      [0, 1, 2].map(() =>
        withRequestDeadline(Date.now() + 6_500, () => gate.acquire('tenant-a', 'PUT /Invoices')).catch(
          (err: unknown) => err,
        ),
      ),
    );
    queued.forEach((err) => expect(err).toBeInstanceOf(XeroCapacityWaitError));
    const errors = queued as XeroCapacityWaitError[];
    expect(errors.map((err) => err.reason)).toEqual(['queued', 'queued', 'queued']);
    // The later in the queue, the later it is told to come back (waits in real ms: 50 calls a minute, 5x clock).
    const [first, second, third] = errors.map((err) => err.waitMs) as [number, number, number];
    expect(first).toBeLessThan(second);
    expect(second).toBeLessThan(third);
    expect(third).toBeLessThanOrEqual((4 * 62_000) / 50 / 5 + 50);
    expect(waits.filter((wait) => wait.reason === 'queued')).toHaveLength(6);
    // They reserved nothing: only the 5 held calls are counted, and the queue is empty again.
    expect((await createXeroCallBudgetsRepository(db).status('tenant-a', LIMITS, time.now())).callsInLastMinute).toBe(
      5,
    );
    await Promise.all(held.map((permit) => permit.answered({})));
    await (await gate.acquire('tenant-a', 'GET /Items')).answered({});
  });
});
