import type { XeroConnection } from '../../lib/db';
import { SecretDecryptionError } from '../../lib/secrets';
import { createStore, newXeroConnection, sleep, tamperWithCiphertext, useTestStorage } from './fixtures';

describe('xeroConnections repository', () => {
  const storage = useTestStorage();
  const connections = () => storage.repos.xeroConnections;

  it('saves a connection and reads it back with decrypted tokens', async () => {
    const store = await createStore(storage.repos);
    const conn = newXeroConnection();
    await connections().save(store.id, conn);
    const saved = await connections().get(store.id);
    expect(saved).toEqual({
      ...conn,
      storeId: store.id,
      status: 'connected',
      lastError: null,
      updatedAt: expect.any(Date),
    });
    expect(saved?.accessTokenExpiresAt).toBeInstanceOf(Date);
    expect(await connections().get('st_aaaaaaaaaaaaaaaa')).toBeNull();
  });

  it('keeps both tokens encrypted at rest', async () => {
    const store = await createStore(storage.repos);
    const conn = newXeroConnection({ accessToken: 'eyJ.access.secret', refreshToken: 'refresh-secret-123' });
    await connections().save(store.id, conn);
    const rows = await storage.db.query('SELECT * FROM xero_connections WHERE store_id = $1', [store.id]);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(conn.accessToken);
    expect(raw).not.toContain(conn.refreshToken);
    expect(raw).toContain(conn.tenantId);
  });

  it('refuses a tampered token', async () => {
    const store = await createStore(storage.repos);
    await connections().save(store.id, newXeroConnection());
    const [row] = await storage.db.query<{ token: string }>(
      'SELECT refresh_token_encrypted AS token FROM xero_connections WHERE store_id = $1',
      [store.id],
    );
    await storage.db.query('UPDATE xero_connections SET refresh_token_encrypted = $2 WHERE store_id = $1', [
      store.id,
      tamperWithCiphertext(row!.token),
    ]);
    await expect(connections().get(store.id)).rejects.toThrow(SecretDecryptionError);
  });

  it('marks a connection disconnected with a reason, and a new save reconnects it', async () => {
    const store = await createStore(storage.repos);
    await connections().save(store.id, newXeroConnection());
    await connections().markDisconnected(store.id, 'Xero rejected the refresh token (invalid_grant)');
    expect(await connections().get(store.id)).toMatchObject({
      status: 'disconnected',
      lastError: 'Xero rejected the refresh token (invalid_grant)',
    });
    await connections().save(store.id, newXeroConnection({ tenantName: 'Reconnected Ltd' }));
    expect(await connections().get(store.id)).toMatchObject({
      status: 'connected',
      lastError: null,
      tenantName: 'Reconnected Ltd',
    });
  });

  describe('withLock', () => {
    it('serialises concurrent callers: the second sees what the first saved', async () => {
      const store = await createStore(storage.repos);
      await connections().save(store.id, newXeroConnection({ refreshToken: 'refresh-1' }));
      const events: string[] = [];
      let signalFirstInside = () => {};
      const firstInside = new Promise<void>((resolve) => (signalFirstInside = resolve));

      const first = connections().withLock(store.id, async (current, save) => {
        events.push(`first sees ${current?.refreshToken}`);
        signalFirstInside();
        await sleep(300); // a slow token refresh
        await save({ ...current!, refreshToken: 'refresh-2', accessToken: 'access-2' });
        events.push('first saved refresh-2');
        return 'first result';
      });
      await firstInside;
      const second = connections().withLock(store.id, async (current) => {
        events.push(`second sees ${current?.refreshToken}`);
        return current?.accessToken;
      });

      expect(await Promise.all([first, second])).toEqual(['first result', 'access-2']);
      expect(events).toEqual(['first sees refresh-1', 'first saved refresh-2', 'second sees refresh-2']);
      expect((await connections().get(store.id))?.refreshToken).toBe('refresh-2');
    });

    it('serialises callers even before any connection exists', async () => {
      const store = await createStore(storage.repos);
      const seen: (string | undefined)[] = [];
      const connect = () =>
        connections().withLock(store.id, async (current, save) => {
          seen.push(current?.tenantName);
          await sleep(100);
          if (!current)
            await save({ ...newXeroConnection({ tenantName: 'First' }), status: 'connected', lastError: null });
        });
      await Promise.all([connect(), connect()]);
      expect(seen).toEqual([undefined, 'First']);
    });

    it('keeps what was saved even when the callback then fails, and rethrows its error', async () => {
      const store = await createStore(storage.repos);
      await connections().save(store.id, newXeroConnection({ refreshToken: 'refresh-1' }));
      const failure = new Error('network error after the token was rotated');
      await expect(
        connections().withLock(store.id, async (current, save) => {
          await save({ ...current!, refreshToken: 'rotated' });
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await connections().get(store.id))?.refreshToken).toBe('rotated');
    });

    it('can disconnect through save, and save updates every field', async () => {
      const store = await createStore(storage.repos);
      await connections().save(store.id, newXeroConnection());
      const next: Omit<XeroConnection, 'storeId' | 'updatedAt'> = {
        ...newXeroConnection({
          tenantId: 'tenant-2',
          tenantName: 'Other Org',
          connectionId: 'connection-2',
          accessToken: 'access-3',
          refreshToken: 'refresh-3',
          accessTokenExpiresAt: new Date('2031-05-06T07:08:09.000Z'),
          scopes: 'offline_access',
        }),
        status: 'disconnected',
        lastError: 'revoked by the merchant',
      };
      await connections().withLock(store.id, (_current, save) => save(next));
      expect(await connections().get(store.id)).toEqual({ ...next, storeId: store.id, updatedAt: expect.any(Date) });
    });

    it('fails fast when the callback uses the repositories instead of current/save', async () => {
      const store = await createStore(storage.repos);
      await connections().save(store.id, newXeroConnection());
      await expect(connections().withLock(store.id, () => connections().get(store.id))).rejects.toThrow(
        /use the `tx` handle/,
      );
    });

    it('refuses to save after the callback has returned', async () => {
      const store = await createStore(storage.repos);
      await connections().save(store.id, newXeroConnection());
      const save = await connections().withLock(store.id, async (_current, s) => s);
      await expect(save({ ...newXeroConnection(), status: 'connected', lastError: null })).rejects.toThrow(
        /already ended/,
      );
    });
  });
});
