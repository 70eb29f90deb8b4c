import { addMonths, billingPeriodAt } from '../../lib/subscriptions';

const at = (iso: string) => new Date(iso);
const period = (anchor: string, now: string) => {
  const { start, end } = billingPeriodAt(at(anchor), at(now));
  return [start.toISOString(), end.toISOString()];
};

describe('billing periods', () => {
  it('runs a calendar month from the anchor, keeping its time of day', () => {
    expect(period('2026-03-15T08:00:00Z', '2026-03-20T00:00:00Z')).toEqual([
      '2026-03-15T08:00:00.000Z',
      '2026-04-15T08:00:00.000Z',
    ]);
    expect(period('2026-03-15T08:00:00Z', '2026-05-15T07:59:59.999Z')).toEqual([
      '2026-04-15T08:00:00.000Z',
      '2026-05-15T08:00:00.000Z',
    ]);
  });

  it('starts the next period exactly at the boundary (start included, end excluded)', () => {
    expect(period('2026-03-15T08:00:00Z', '2026-04-15T08:00:00Z')[0]).toBe('2026-04-15T08:00:00.000Z');
  });

  it('clamps a late anchor day to short months without drifting afterwards', () => {
    const anchor = at('2026-01-31T00:00:00Z');
    expect([1, 2, 3, 13].map((n) => addMonths(anchor, n).toISOString().slice(0, 10))).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2027-02-28',
    ]);
    expect(addMonths(at('2027-12-29T00:00:00Z'), 2).toISOString().slice(0, 10)).toBe('2028-02-29');
    expect(period('2026-01-31T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual([
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
  });

  it('crosses years and gives the first period before the anchor', () => {
    expect(period('2026-11-30T12:00:00Z', '2027-01-10T00:00:00Z')).toEqual([
      '2026-12-30T12:00:00.000Z',
      '2027-01-30T12:00:00.000Z',
    ]);
    expect(period('2026-11-30T12:00:00Z', '2026-10-01T00:00:00Z')[0]).toBe('2026-11-30T12:00:00.000Z');
  });

  it('tiles time: every instant lies in exactly one period, and periods follow each other without gaps', () => {
    const anchor = at('2026-01-31T23:00:00Z');
    let previousEnd: number | undefined;
    for (let n = 0; n < 30; n += 1) {
      const start = addMonths(anchor, n);
      const { start: s, end } = billingPeriodAt(anchor, start);
      expect(s.getTime()).toBe(start.getTime());
      if (previousEnd !== undefined) expect(s.getTime()).toBe(previousEnd);
      expect(billingPeriodAt(anchor, new Date(end.getTime() - 1)).start.getTime()).toBe(s.getTime());
      previousEnd = end.getTime();
    }
  });
});
