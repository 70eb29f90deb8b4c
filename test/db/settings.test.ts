import { createStore, useTestStorage } from './fixtures';

describe('settings repository', () => {
  const storage = useTestStorage();
  const settings = () => storage.repos.settings;

  it('has no settings for a new store', async () => {
    const store = await createStore(storage.repos);
    expect(await settings().getCurrent(store.id)).toBeNull();
  });

  it('numbers each save as a new version and returns the latest', async () => {
    const store = await createStore(storage.repos);
    const first = { invoiceStatus: 'AUTHORISED', accounts: { sales: '200', shipping: '260' }, taxes: [] };
    const second = { ...first, invoiceStatus: 'DRAFT', note: 'Ünïcode — ok' };
    expect(await settings().save(store.id, first)).toEqual({ version: 1 });
    expect(await settings().save(store.id, second)).toEqual({ version: 2 });
    expect(await settings().getCurrent(store.id)).toEqual({ version: 2, settings: second });
    const history = await storage.db.query(
      'SELECT version, settings FROM store_settings WHERE store_id = $1 ORDER BY 1',
      [store.id],
    );
    expect(history).toEqual([
      { version: 1, settings: first },
      { version: 2, settings: second },
    ]);
  });

  it('stores any JSON value, and refuses what JSON cannot hold', async () => {
    const store = await createStore(storage.repos);
    for (const value of [[1, 'two', { three: 3 }], 'text', 42.5, true, null]) {
      const { version } = await settings().save(store.id, value);
      expect(await settings().getCurrent(store.id)).toEqual({ version, settings: value });
    }
    await expect(settings().save(store.id, undefined)).rejects.toThrow(/JSON value/);
  });

  it('hands out distinct consecutive versions to concurrent saves', async () => {
    const store = await createStore(storage.repos);
    const saved = await Promise.all(Array.from({ length: 10 }, (_, i) => settings().save(store.id, { i })));
    expect(saved.map((s) => s.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const current = await settings().getCurrent(store.id);
    expect(current?.version).toBe(10);
    expect(current?.settings).toEqual({ i: saved.findIndex((s) => s.version === 10) });
  });

  it('versions each store separately', async () => {
    const [a, b] = await Promise.all([createStore(storage.repos), createStore(storage.repos)]);
    await settings().save(a.id, { store: 'a' });
    await settings().save(a.id, { store: 'a2' });
    expect(await settings().save(b.id, { store: 'b' })).toEqual({ version: 1 });
    expect(await settings().getCurrent(b.id)).toEqual({ version: 1, settings: { store: 'b' } });
  });
});
