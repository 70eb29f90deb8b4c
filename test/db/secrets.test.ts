import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  createSecretCipher,
  generateToken,
  hashApiToken,
  loadOrCreateEncryptionKey,
  SecretDecryptionError,
} from '../../lib/secrets';

describe('createSecretCipher', () => {
  const cipher = createSecretCipher(randomBytes(32));

  it('round-trips text, including empty and non-ASCII secrets', () => {
    for (const plain of ['cs_1234567890abcdef', '', 'pässwörd 🔑 with spaces: and colons']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('produces a versioned token with a fresh 12-byte IV and a 16-byte tag, never containing the secret', () => {
    const first = cipher.encrypt('same secret');
    const second = cipher.encrypt('same secret');
    expect(first).not.toBe(second);
    const [version, keyId, iv, tag] = first.split(':');
    expect(version).toBe('v1');
    expect(keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(Buffer.from(iv as string, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag as string, 'base64url')).toHaveLength(16);
    expect(first).not.toContain('same secret');
  });

  it('detects tampering with any part of the token, without echoing the token or the secret', () => {
    const token = cipher.encrypt('webhook-secret-value');
    const parts = token.split(':');
    for (const index of [2, 3, 4]) {
      const tampered = [...parts];
      const bytes = Buffer.from(tampered[index] as string, 'base64url');
      bytes[0] = (bytes[0] as number) ^ 0x01;
      tampered[index] = bytes.toString('base64url');
      const attempt = () => cipher.decrypt(tampered.join(':'));
      expect(attempt).toThrow(SecretDecryptionError);
      expect(attempt).toThrow(/altered|malformed/);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain('webhook-secret-value');
        expect((error as Error).message).not.toContain(tampered[4]);
      }
    }
  });

  it('detects a token whose header was changed', () => {
    const token = cipher.encrypt('secret');
    expect(() => cipher.decrypt(token.replace(/^v1:/, 'v2:'))).toThrow(/not a v1 encrypted value/);
    expect(() => cipher.decrypt('not a token')).toThrow(SecretDecryptionError);
  });

  it('tells a different key apart from tampering', () => {
    const token = cipher.encrypt('secret');
    const other = createSecretCipher(randomBytes(32));
    expect(() => other.decrypt(token)).toThrow(/encrypted with key [0-9a-f]{8}, but the configured key is [0-9a-f]{8}/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createSecretCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('loadOrCreateEncryptionKey', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'woo-xero-key-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('uses the configured key and writes no file', async () => {
    const key = randomBytes(32);
    expect(await loadOrCreateEncryptionKey({ encryptionKey: key.toString('base64'), dataDir })).toEqual(key);
    await expect(stat(path.join(dataDir, 'encryption.key'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects a configured key that is not base64 of 32 bytes, without echoing it', async () => {
    for (const encryptionKey of [randomBytes(31).toString('base64'), 'not*base64*at*all*********************==']) {
      const attempt = loadOrCreateEncryptionKey({ encryptionKey, dataDir });
      await expect(attempt).rejects.toThrow(/expected base64 of 32 bytes/);
      await expect(attempt).rejects.not.toThrow(encryptionKey);
    }
  });

  it('creates a 0600 key file on first use and returns the same key afterwards', async () => {
    const nested = path.join(dataDir, 'data');
    const key = await loadOrCreateEncryptionKey({ dataDir: nested });
    expect(key).toHaveLength(32);
    const file = path.join(nested, 'encryption.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(await readFile(file, 'utf8'), 'base64')).toEqual(key);
    expect(await loadOrCreateEncryptionKey({ dataDir: nested, encryptionKey: '' })).toEqual(key);
  });

  it('agrees on one key when several callers create it at once', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateEncryptionKey({ dataDir })));
    for (const key of keys) expect(key).toEqual(keys[0]);
    expect(await readdir(dataDir)).toEqual(['encryption.key']);
  });

  it('refuses a corrupt key file rather than replacing it', async () => {
    await loadOrCreateEncryptionKey({ dataDir });
    const file = path.join(dataDir, 'encryption.key');
    await writeFile(file, 'short\n');
    await expect(loadOrCreateEncryptionKey({ dataDir })).rejects.toThrow(/Invalid encryption key/);
  });
});

describe('token helpers', () => {
  it('hashes API tokens with SHA-256, as lowercase hex', () => {
    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('generates prefixed lowercase base32 tokens of the requested length', () => {
    expect(generateToken('st', 16)).toMatch(/^st_[a-z2-7]{16}$/);
    expect(generateToken('wxs')).toMatch(/^wxs_[a-z2-7]{32}$/);
    const many = new Set(Array.from({ length: 1000 }, () => generateToken('t', 16)));
    expect(many.size).toBe(1000);
  });

  it('uses the whole base32 alphabet', () => {
    const seen = new Set(generateToken('t', 4000).slice(2));
    expect([...seen].sort().join('')).toBe('234567abcdefghijklmnopqrstuvwxyz');
  });

  it('refuses prefixes that would make ambiguous tokens', () => {
    expect(() => generateToken('st_')).toThrow(/the "_" is added/);
    expect(() => generateToken('Store')).toThrow(/lowercase/);
  });
});
