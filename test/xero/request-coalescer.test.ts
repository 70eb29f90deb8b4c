import { reportCapacityWait, withCapacityWaitReporter } from '../../lib/xero/capacity-waits';
import type { CapacityWait } from '../../lib/xero/governor';
import { createRequestCoalescer, type BatchSender } from '../../lib/xero/request-coalescer';
import { withRequestDeadline } from '../../lib/xero/request-deadline';
import { createHeldGate, type HeldGate } from '../support/held-gate';

/** A sender that waits for a permit from `gate`, then answers each element in upper case ("bad" is refused). */
function senderThrough(gate: HeldGate, sent: string[][]): BatchSender<string, string> {
  return async (batch) => {
    await gate.acquire('tenant-1', 'PUT /Things');
    const elements = batch.close();
    sent.push([...elements]);
    return elements.map((e) =>
      e === 'bad' ? { ok: false, error: new Error(`refused ${e}`) } : { ok: true, value: e.toUpperCase() },
    );
  };
}

describe('the request coalescer', () => {
  it('sends each element alone when the permit comes at once', async () => {
    const gate = createHeldGate();
    gate.open();
    const sent: string[][] = [];
    const coalescer = createRequestCoalescer<string, string>();
    expect(await coalescer.submit('org', 'a', senderThrough(gate, sent))).toBe('A');
    expect(await coalescer.submit('org', 'b', senderThrough(gate, sent))).toBe('B');
    expect(sent).toEqual([['a'], ['b']]);
  });

  it('gathers the elements that arrive while the first waits for its permit into one request', async () => {
    const gate = createHeldGate();
    const sent: string[][] = [];
    const coalescer = createRequestCoalescer<string, string>();
    const answers = ['a', 'b', 'bad', 'c'].map((e) =>
      coalescer.submit('org', e, senderThrough(gate, sent)).catch((err: Error) => err.message),
    );
    expect(gate.waiting()).toBe(1);
    gate.releaseNext();
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'refused bad', 'C']);
    expect(sent).toEqual([['a', 'b', 'bad', 'c']]);
  });

  it('starts a new request once a batch is full, and after a batch got its permit', async () => {
    const gate = createHeldGate();
    const sent: string[][] = [];
    const coalescer = createRequestCoalescer<string, string>({ maxElements: 3 });
    const first = ['a', 'b', 'c', 'd', 'e'].map((e) => coalescer.submit('org', e, senderThrough(gate, sent)));
    expect(gate.waiting()).toBe(2);
    gate.releaseNext();
    await first[0];
    const late = coalescer.submit('org', 'f', senderThrough(gate, sent));
    gate.open();
    expect(await Promise.all([...first, late])).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(sent).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('keeps a batch within its size budget; an element larger than the budget goes alone', async () => {
    const gate = createHeldGate();
    const sent: string[][] = [];
    const coalescer = createRequestCoalescer<string, string>({ maxSize: 5, sizeOf: (e) => e.length });
    const answers = ['aa', 'bb', 'c', 'dd', 'eeeeeeee', 'f'].map((e) =>
      coalescer.submit('org', e, senderThrough(gate, sent)),
    );
    expect(gate.waiting()).toBe(3);
    gate.open();
    await Promise.all(answers);
    expect(sent).toEqual([['aa', 'bb', 'c'], ['dd', 'f'], ['eeeeeeee']]);
  });

  it('keeps keys apart', async () => {
    const gate = createHeldGate();
    const sent: string[][] = [];
    const coalescer = createRequestCoalescer<string, string>();
    const answers = [
      coalescer.submit('org-1', 'a', senderThrough(gate, sent)),
      coalescer.submit('org-2', 'b', senderThrough(gate, sent)),
      coalescer.submit('org-1', 'c', senderThrough(gate, sent)),
    ];
    expect(gate.waiting()).toBe(2);
    gate.open();
    await Promise.all(answers);
    expect(sent).toEqual([['a', 'c'], ['b']]);
  });

  it('fails every element of a request that failed as a whole, and the next element starts afresh', async () => {
    const coalescer = createRequestCoalescer<string, string>();
    const gate = createHeldGate();
    const failing: BatchSender<string, string> = async (batch) => {
      await gate.acquire('tenant-1', 'PUT /Things');
      batch.close();
      throw new Error('connection reset');
    };
    const answers = ['a', 'b'].map((e) => coalescer.submit('org', e, failing).catch((err: Error) => err.message));
    gate.open();
    expect(await Promise.all(answers)).toEqual(['connection reset', 'connection reset']);
    const sent: string[][] = [];
    expect(await coalescer.submit('org', 'c', senderThrough(gate, sent))).toBe('C');
    expect(sent).toEqual([['c']]);
  });

  it('does not let an element join a request that may outlive its own request deadline', async () => {
    const gate = createHeldGate();
    const sent: string[][] = [];
    const coalescer = createRequestCoalescer<string, string>();
    const now = Date.now();
    const leader = withRequestDeadline(now + 10_000, () => coalescer.submit('org', 'a', senderThrough(gate, sent)));
    const sooner = withRequestDeadline(now + 5_000, () => coalescer.submit('org', 'b', senderThrough(gate, sent)));
    const later = withRequestDeadline(now + 15_000, () => coalescer.submit('org', 'c', senderThrough(gate, sent)));
    const unbounded = coalescer.submit('org', 'd', senderThrough(gate, sent));
    expect(gate.waiting()).toBe(2);
    gate.open();
    await Promise.all([leader, sooner, later, unbounded]);
    expect(sent).toEqual([['a', 'c', 'd'], ['b']]);
  });

  it('shows the waits of the batch’s request to every caller in it, also to one joining after a wait was reported', async () => {
    const gate = createHeldGate();
    const sent: string[][] = [];
    const coalescer = createRequestCoalescer<string, string>();
    const wait: CapacityWait = {
      tenantId: 'tenant-1',
      what: 'PUT /Things',
      untilMs: 0,
      waitMs: 60_000,
      reason: 'minute',
    };
    const again: CapacityWait = { ...wait, waitMs: 100, reason: 'concurrent' };
    const reportingSender: BatchSender<string, string> = async (batch) => {
      reportCapacityWait(wait); // as the governor does when the permit lies ahead
      await gate.acquire('tenant-1', 'PUT /Things');
      reportCapacityWait(again);
      return senderThrough(gate, sent)(batch);
    };
    const seen: Record<string, CapacityWait[]> = { a: [], b: [] };
    const submitAs = (e: string) =>
      withCapacityWaitReporter(
        (w) => seen[e]!.push(w),
        () => coalescer.submit('org', e, reportingSender),
      );
    const answers = [submitAs('a'), submitAs('b')];
    gate.open();
    await Promise.all(answers);
    expect(sent).toEqual([['a', 'b']]);
    expect(seen.a).toEqual([wait, again]);
    expect(seen.b).toHaveLength(2);
    expect(seen.b[0]).toMatchObject({ reason: 'minute', what: 'PUT /Things' });
    expect(seen.b[0]!.waitMs).toBeLessThanOrEqual(60_000);
    expect(seen.b[1]).toEqual(again);
  });
});
