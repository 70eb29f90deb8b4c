import { MAX_IDEMPOTENCY_KEY_LENGTH, idempotencyKeyFor } from '../../lib/xero/idempotency-key';

describe('idempotencyKeyFor', () => {
  it('is kind:store:order:g<generation>', () => {
    expect(idempotencyKeyFor('invoice', 'store-a', 1001, 1)).toBe('invoice:store-a:1001:g1');
    expect(idempotencyKeyFor('quote', 'store-a', 1001, 3)).toBe('quote:store-a:1001:g3');
  });

  it('is deterministic and differs by kind, store, order and generation', () => {
    const keys = new Set([
      idempotencyKeyFor('invoice', 's1', 1, 1),
      idempotencyKeyFor('invoice', 's1', 1, 1),
      idempotencyKeyFor('quote', 's1', 1, 1),
      idempotencyKeyFor('invoice', 's2', 1, 1),
      idempotencyKeyFor('invoice', 's1', 2, 1),
      idempotencyKeyFor('invoice', 's1', 1, 2),
    ]);
    expect(keys.size).toBe(5);
  });

  it('stays within 128 characters for a very long store id, still deterministic and distinct', () => {
    const longStore = 'x'.repeat(200);
    const key = idempotencyKeyFor('invoice', longStore, 987654321, 12);
    expect(key.length).toBeLessThanOrEqual(MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(key).toMatch(/^invoice:[0-9a-f]{64}:g12$/);
    expect(idempotencyKeyFor('invoice', longStore, 987654321, 12)).toBe(key);
    expect(idempotencyKeyFor('invoice', `${longStore}y`, 987654321, 12)).not.toBe(key);
  });

  it("an order's effects get their own keys, within 128 characters however long the gateway's transaction id", () => {
    expect(idempotencyKeyFor('payment:stripe:ch_3N', 'st_a', 7, 1)).toBe('payment:stripe:ch_3N:st_a:7:g1');
    const long = `payment:stripe:${'t'.repeat(150)}` as const;
    const key = idempotencyKeyFor(long, 'st_a', 7, 2);
    expect(key).toMatch(/^payment:[0-9a-f]{64}:g2$/);
    expect(idempotencyKeyFor(`payment:stripe:${'t'.repeat(149)}u`, 'st_a', 7, 2)).not.toBe(key);
    expect(idempotencyKeyFor('credit-note:refund:77', 'st_a', 7, 1)).not.toBe(
      idempotencyKeyFor('invoice', 'st_a', 7, 1),
    );
  });
});
