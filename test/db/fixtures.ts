import { randomBytes } from 'node:crypto';

import { createRepositories, type Db, type NewStore, type Repositories, type StoreRecord } from '../../lib/db';
import type { NewXeroConnection } from '../../lib/db';
import { createSecretCipher, hashApiToken, type SecretCipher } from '../../lib/secrets';
import { openTestDatabase } from '../support/database';

/** A test file's database, repositories and cipher, opened before its tests and closed after them. */
export interface TestStorage {
  db: Db;
  cipher: SecretCipher;
  repos: Repositories;
}

/** Registers beforeAll/afterAll hooks that open a fresh test database; read the fields inside tests. */
export function useTestStorage(): TestStorage {
  const storage = {} as TestStorage;
  beforeAll(async () => {
    storage.db = await openTestDatabase();
    storage.cipher = createSecretCipher(randomBytes(32));
    storage.repos = createRepositories(storage.db, storage.cipher);
  });
  afterAll(async () => {
    await storage.db?.close();
  });
  return storage;
}

/** Registration input for a store with distinctive, searchable secrets. */
export function newStoreInput(overrides: Partial<NewStore> = {}): NewStore {
  const unique = randomBytes(4).toString('hex');
  return {
    url: `https://shop-${unique}.example`,
    consumerKey: `ck_plaintext_${unique}`,
    consumerSecret: `cs_plaintext_${unique}`,
    webhookSecret: `whsec_plaintext_${unique}`,
    apiTokenHash: hashApiToken(`token-${unique}`),
    ...overrides,
  };
}

/** Registers a store and returns it. */
export function createStore(repos: Repositories): Promise<StoreRecord> {
  return repos.stores.create(newStoreInput());
}

/** A Xero connection as the OAuth flow would hand it over. */
export function newXeroConnection(overrides: Partial<NewXeroConnection> = {}): NewXeroConnection {
  return {
    tenantId: 'b5b7c2c6-0b7d-4f5e-9a4c-3f2d1e0a9b8c',
    tenantName: 'Demo Company (NZ)',
    connectionId: 'c1e8a5d0-6f1b-4f3e-8d2a-7b9c0e1f2a3b',
    accessToken: 'access-token-plaintext-1',
    refreshToken: 'refresh-token-plaintext-1',
    accessTokenExpiresAt: new Date('2030-01-01T00:30:00.000Z'),
    scopes: 'offline_access accounting.transactions accounting.contacts',
    ...overrides,
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Flips one bit of a SecretCipher token's ciphertext, keeping its format valid. */
export function tamperWithCiphertext(token: string): string {
  const parts = token.split(':');
  const ciphertext = Buffer.from(parts[4] as string, 'base64url');
  ciphertext[0] = (ciphertext[0] as number) ^ 0x01;
  return [...parts.slice(0, 4), ciphertext.toString('base64url')].join(':');
}
