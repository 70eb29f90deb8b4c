import { createStore, newXeroConnection, useTestStorage } from './fixtures';

describe('xero memory repository', () => {
  const storage = useTestStorage();
  const memory = () => storage.repos.xeroMemory;

  async function connectedStore(tenantId = 'tenant-a') {
    const store = await createStore(storage.repos);
    await storage.repos.xeroConnections.save(store.id, newXeroConnection({ tenantId }));
    return store;
  }

  it('remembers a customer’s contact per store, replaces it, and forgets it by ContactID', async () => {
    const [one, two] = [await connectedStore(), await connectedStore()];
    expect(await memory().recallContact(one.id, 'k1')).toBeNull();
    await memory().rememberContact(one.id, 'k1', 'contact-1');
    expect(await memory().recallContact(one.id, 'k1')).toBe('contact-1');
    expect(await memory().recallContact(two.id, 'k1')).toBeNull();
    await memory().rememberContact(one.id, 'k1', 'contact-2');
    await memory().rememberContact(one.id, 'k2', 'contact-2');
    expect(await memory().recallContact(one.id, 'k1')).toBe('contact-2');
    await memory().forgetContact(one.id, 'contact-2');
    expect(await memory().recallContact(one.id, 'k1')).toBeNull();
    expect(await memory().recallContact(one.id, 'k2')).toBeNull();
  });

  it('knows item codes per organisation, ignoring case, and forgets them', async () => {
    const [a1, a2, b] = [await connectedStore('org-a'), await connectedStore('org-a'), await connectedStore('org-b')];
    await memory().rememberItemCodes(a1.id, ['sku-1', 'SKU-2', 'sku-1']);
    expect([...(await memory().knownItemCodes(a2.id, ['SKU-1', 'sku-2', 'SKU-3']))].sort()).toEqual(['SKU-1', 'SKU-2']);
    expect((await memory().knownItemCodes(b.id, ['SKU-1'])).size).toBe(0);
    await memory().forgetItemCodes(a2.id, ['Sku-1']);
    expect([...(await memory().knownItemCodes(a1.id, ['SKU-1', 'SKU-2']))]).toEqual(['SKU-2']);
  });

  it('grants a contact name to one customer per organisation, again to the same one, never to another', async () => {
    const [a1, a2, b] = [await connectedStore('org-a'), await connectedStore('org-a'), await connectedStore('org-b')];
    expect(await memory().claimContactName(a1.id, 'name-1', 'customer-1')).toBe(true);
    expect(await memory().claimContactName(a2.id, 'name-1', 'customer-1')).toBe(true);
    expect(await memory().claimContactName(a2.id, 'name-1', 'customer-2')).toBe(false);
    expect(await memory().claimContactName(a1.id, 'name-2', 'customer-2')).toBe(true);
    expect(await memory().claimContactName(b.id, 'name-1', 'customer-2')).toBe(true);
  });

  it('grants a contact name claimed concurrently by many customers to exactly one', async () => {
    const stores = [await connectedStore('org-race'), await connectedStore('org-race')];
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => memory().claimContactName(stores[i % 2]!.id, 'name-race', `customer-${i}`)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('serves nothing after the store is connected to another organisation', async () => {
    const store = await connectedStore('org-old');
    await memory().rememberContact(store.id, 'k', 'contact-old');
    await memory().rememberItemCodes(store.id, ['SKU-1']);
    await storage.repos.xeroConnections.save(store.id, newXeroConnection({ tenantId: 'org-new' }));
    expect(await memory().recallContact(store.id, 'k')).toBeNull();
    expect((await memory().knownItemCodes(store.id, ['SKU-1'])).size).toBe(0);
  });

  it('remembers nothing for a store without a Xero connection', async () => {
    const store = await createStore(storage.repos);
    await memory().rememberContact(store.id, 'k', 'contact-1');
    await memory().rememberItemCodes(store.id, ['SKU-1']);
    expect(await memory().recallContact(store.id, 'k')).toBeNull();
    expect((await memory().knownItemCodes(store.id, ['SKU-1'])).size).toBe(0);
    expect(await memory().claimContactName(store.id, 'name-1', 'customer-1')).toBe(false);
  });
});
