import { XeroAuthRevokedError, XeroNotConnectedError } from '../../lib/xero/errors';
import type { XeroTokenSet } from '../../lib/xero/identity-client';
import { REVOKED_REASON, createTokenProvider } from '../../lib/xero/token-provider';
import { type MemoryConnection, MemoryConnectionStore } from './support/memory-stores';

const T0 = new Date('2026-03-01T10:00:00Z');

function connection(overrides: Partial<MemoryConnection> = {}): MemoryConnection {
  return {
    storeId: 'store-1',
    tenantId: 'tenant-1',
    tenantName: 'Demo',
    connectionId: 'conn-1',
    accessToken: 'at-1',
    refreshToken: 'rt-1',
    accessTokenExpiresAt: new Date(T0.getTime() + 30 * 60_000),
    scopes: 'openid',
    status: 'connected',
    ...overrides,
  };
}

/** A fake identity service that rotates tokens (at-N / rt-N) and counts calls. */
function fakeIdentity(options: { revoked?: boolean; delayMs?: number } = {}) {
  const calls: string[] = [];
  let n = 1;
  return {
    calls,
    async refreshTokens(refreshToken: string): Promise<XeroTokenSet> {
      calls.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      if (options.revoked) throw new XeroAuthRevokedError();
      n += 1;
      return { accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresInSeconds: 1800, scope: 'openid' };
    },
  };
}

describe('token provider', () => {
  let now: Date;
  let store: MemoryConnectionStore;
  beforeEach(async () => {
    now = T0;
    store = new MemoryConnectionStore();
    await store.save('store-1', connection());
  });

  it('returns the stored token while it has more than a minute left', async () => {
    const identity = fakeIdentity();
    const tokens = createTokenProvider({ connections: store, identity, now: () => now });
    now = new Date(T0.getTime() + 28 * 60_000);
    await expect(tokens.getAccess('store-1')).resolves.toEqual({ accessToken: 'at-1', tenantId: 'tenant-1' });
    expect(identity.calls).toEqual([]);
  });

  it('refreshes within a minute of expiry and stores the rotated refresh token', async () => {
    const identity = fakeIdentity();
    const tokens = createTokenProvider({ connections: store, identity, now: () => now });
    now = new Date(T0.getTime() + 29 * 60_000 + 1);
    await expect(tokens.getAccess('store-1')).resolves.toEqual({ accessToken: 'at-2', tenantId: 'tenant-1' });
    expect(identity.calls).toEqual(['rt-1']);
    const saved = await store.get('store-1');
    expect(saved?.refreshToken).toBe('rt-2');
    expect(saved?.accessTokenExpiresAt).toEqual(new Date(now.getTime() + 1800_000));
    expect(saved?.tenantName).toBe('Demo'); // the rest of the row is kept
  });

  it('refreshes once for concurrent callers: the second re-reads inside the lock', async () => {
    const identity = fakeIdentity({ delayMs: 20 });
    const tokens = createTokenProvider({ connections: store, identity, now: () => now });
    now = new Date(T0.getTime() + 31 * 60_000);
    const results = await Promise.all([
      tokens.getAccess('store-1'),
      tokens.getAccess('store-1'),
      tokens.getAccess('store-1'),
    ]);
    expect(identity.calls).toEqual(['rt-1']);
    expect(results.map((r) => r.accessToken)).toEqual(['at-2', 'at-2', 'at-2']);
  });

  it('after a 401 refreshes even an unexpired token, unless someone else already rotated it', async () => {
    const identity = fakeIdentity();
    const tokens = createTokenProvider({ connections: store, identity, now: () => now });
    await expect(tokens.refreshAfterUnauthorized('store-1', 'at-1')).resolves.toMatchObject({ accessToken: 'at-2' });
    await expect(tokens.refreshAfterUnauthorized('store-1', 'at-1')).resolves.toMatchObject({ accessToken: 'at-2' });
    expect(identity.calls).toEqual(['rt-1']);
  });

  it('marks the connection disconnected on invalid_grant, and refuses afterwards without calling Xero', async () => {
    const identity = fakeIdentity({ revoked: true });
    const tokens = createTokenProvider({ connections: store, identity, now: () => now });
    now = new Date(T0.getTime() + 40 * 60_000);
    await expect(tokens.getAccess('store-1')).rejects.toBeInstanceOf(XeroAuthRevokedError);
    expect(store.rows.get('store-1')).toMatchObject({ status: 'disconnected', disconnectReason: REVOKED_REASON });
    await expect(tokens.getAccess('store-1')).rejects.toBeInstanceOf(XeroNotConnectedError);
    expect(identity.calls).toHaveLength(1);
  });

  it('refuses a store that never connected', async () => {
    const tokens = createTokenProvider({ connections: store, identity: fakeIdentity(), now: () => now });
    await expect(tokens.getAccess('store-2')).rejects.toThrow('Store store-2 has no active Xero connection');
  });
});
