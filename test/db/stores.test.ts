import { randomBytes } from 'node:crypto';

import { createRepositories } from '../../lib/db';
import { createSecretCipher, hashApiToken, SecretDecryptionError } from '../../lib/secrets';
import { newStoreInput, tamperWithCiphertext, useTestStorage } from './fixtures';

describe('stores repository', () => {
  const storage = useTestStorage();

  it('registers a store with an st_ id and returns no secrets', async () => {
    const input = newStoreInput();
    const before = Date.now();
    const store = await storage.repos.stores.create(input);
    expect(store.id).toMatch(/^st_[a-z2-7]{16}$/);
    expect(Object.keys(store).sort()).toEqual(['createdAt', 'id', 'status', 'url']);
    expect(store).toMatchObject({ url: input.url, status: 'active' });
    expect(store.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(store.createdAt.getTime() - before)).toBeLessThan(60_000);
    expect(await storage.repos.stores.get(store.id)).toEqual(store);
  });

  it('gives each store its own id', async () => {
    const [a, b] = await Promise.all([newStoreInput(), newStoreInput()].map((i) => storage.repos.stores.create(i)));
    expect(a!.id).not.toBe(b!.id);
  });

  it('returns the decrypted credentials and the API token hash', async () => {
    const input = newStoreInput();
    const { id } = await storage.repos.stores.create(input);
    expect(await storage.repos.stores.getCredentials(id)).toEqual({
      consumerKey: input.consumerKey,
      consumerSecret: input.consumerSecret,
      webhookSecret: input.webhookSecret,
    });
    expect(await storage.repos.stores.getApiTokenHash(id)).toBe(input.apiTokenHash);
  });

  it('answers null for an unknown store', async () => {
    expect(await storage.repos.stores.get('st_aaaaaaaaaaaaaaaa')).toBeNull();
    expect(await storage.repos.stores.getCredentials('st_aaaaaaaaaaaaaaaa')).toBeNull();
    expect(await storage.repos.stores.getApiTokenHash('st_aaaaaaaaaaaaaaaa')).toBeNull();
  });

  it('keeps the WooCommerce keys and webhook secret encrypted at rest', async () => {
    const input = newStoreInput();
    const { id } = await storage.repos.stores.create(input);
    const rows = await storage.db.query('SELECT * FROM store_credentials WHERE store_id = $1', [id]);
    const raw = JSON.stringify(rows);
    for (const secret of [input.consumerKey, input.consumerSecret, input.webhookSecret]) {
      expect(raw).not.toContain(secret);
    }
    const [row] = rows as Record<string, string>[];
    expect(storage.cipher.decrypt(row!.consumer_secret_encrypted!)).toBe(input.consumerSecret);
    const storeRow = JSON.stringify(await storage.db.query('SELECT * FROM stores WHERE id = $1', [id]));
    expect(storeRow).not.toContain(input.consumerSecret);
  });

  it('refuses altered ciphertext and a wrong key, without revealing the secret', async () => {
    const input = newStoreInput();
    const { id } = await storage.repos.stores.create(input);
    const [{ token }] = (await storage.db.query(
      'SELECT webhook_secret_encrypted AS token FROM store_credentials WHERE store_id = $1',
      [id],
    )) as [{ token: string }];
    const withOtherKey = createRepositories(storage.db, createSecretCipher(randomBytes(32)));
    await expect(withOtherKey.stores.getCredentials(id)).rejects.toThrow(/encrypted with key/);

    await storage.db.query('UPDATE store_credentials SET webhook_secret_encrypted = $2 WHERE store_id = $1', [
      id,
      tamperWithCiphertext(token),
    ]);
    const failure = storage.repos.stores.getCredentials(id);
    await expect(failure).rejects.toThrow(SecretDecryptionError);
    await expect(failure).rejects.toThrow(/altered/);
    await expect(failure).rejects.not.toThrow(input.webhookSecret);
  });

  it('records lifecycle changes', async () => {
    const { id } = await storage.repos.stores.create(newStoreInput());
    expect(await storage.repos.stores.setStatus(id, 'deactivated')).toBe(true);
    expect((await storage.repos.stores.get(id))?.status).toBe('deactivated');
    expect(await storage.repos.stores.setStatus('st_aaaaaaaaaaaaaaaa', 'uninstalled')).toBe(false);
  });

  it('refuses a second store with the same API token hash', async () => {
    const apiTokenHash = hashApiToken(`shared-${Math.random()}`);
    await storage.repos.stores.create(newStoreInput({ apiTokenHash }));
    const count = async () => (await storage.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stores'))[0]!.n;
    const before = await count();
    await expect(storage.repos.stores.create(newStoreInput({ apiTokenHash }))).rejects.toThrow(/api_token_hash/);
    expect(await count()).toBe(before);
  });
});
