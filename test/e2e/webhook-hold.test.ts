import type { DeliveryRecord } from '../../sandbox/woocommerce';
import { seededRng } from './seeded-rng';
import { scheduleDeliveries } from './webhook-hold';

/** A delivery record of an order, enough for the schedule (which reads only the resource id). */
const delivery = (orderId: number, seq: number): DeliveryRecord => ({ resourceId: orderId, seq }) as DeliveryRecord;

const fresh = [1, 1, 2, 3, 3, 3, 4].map((orderId, i) => delivery(orderId, i + 1));
const countOf = (records: DeliveryRecord[], record: DeliveryRecord) => records.filter((r) => r === record).length;

describe('scheduleDeliveries', () => {
  it.each([1, 2, 3, 4, 5])('sends every fresh delivery 1–3 times, at least one per order now (seed %i)', (seed) => {
    const { now, later } = scheduleDeliveries(fresh, [], seededRng(seed), { lateness: 0.5, final: false });
    for (const record of fresh) expect(countOf([...now, ...later], record)).toBeGreaterThanOrEqual(1);
    for (const record of fresh) expect(countOf([...now, ...later], record)).toBeLessThanOrEqual(3);
    expect(new Set(now.map((record) => record.resourceId))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('sends what was kept back in the round after, and everything in the final round', () => {
    const rng = seededRng(9);
    const first = scheduleDeliveries(fresh, [], rng, { lateness: 0.9, final: false });
    expect(first.later.length).toBeGreaterThan(0);
    const last = scheduleDeliveries([], first.later, rng, { lateness: 0.9, final: true });
    expect(last).toEqual({ now: expect.arrayContaining(first.later), later: [] });
    expect(scheduleDeliveries(fresh, [], rng, { lateness: 1, final: true }).later).toEqual([]);
  });

  it('repeats a seed exactly and differs between seeds', () => {
    const order = (seed: number) =>
      scheduleDeliveries(fresh, [], seededRng(seed), { lateness: 0.25, final: false }).now.map((r) => r.seq);
    expect(order(11)).toEqual(order(11));
    expect(order(11)).not.toEqual(order(12));
  });
});
