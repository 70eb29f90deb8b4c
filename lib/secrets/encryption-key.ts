import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir } from '../files/private-dir';
import { publishFileOnce } from '../files/publish-file';

const KEY_BYTES = 32;
const KEY_FILE = 'encryption.key';

/** Where the key comes from: the environment (production), or a key file in the data folder (embedded default). */
export interface EncryptionKeySource {
  /** Base64 of 32 random bytes, e.g. from the ENCRYPTION_KEY environment variable. */
  encryptionKey?: string;
  /** Data folder; the key file is created here (mode 0600) when no key is given. */
  dataDir: string;
  /** The key file's name in the data folder (default `encryption.key`). */
  keyFile?: string;
}

/** Returns the env key when given, otherwise reads the key file in the data folder, creating it on first use. */
export async function loadOrCreateEncryptionKey(source: EncryptionKeySource): Promise<Buffer> {
  if (source.encryptionKey !== undefined && source.encryptionKey !== '') {
    return decodeKey(source.encryptionKey, 'the configured encryption key');
  }
  const file = path.join(source.dataDir, source.keyFile ?? KEY_FILE);
  return (await readKeyFile(file)) ?? (await createKeyFile(file));
}

async function readKeyFile(file: string): Promise<Buffer | null> {
  try {
    return decodeKey(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Publishes a new key atomically (see publishFileOnce), so concurrent first starts agree on one key. */
async function createKeyFile(file: string): Promise<Buffer> {
  await ensurePrivateDir(path.dirname(file));
  await publishFileOnce(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
  const key = await readKeyFile(file);
  if (!key) throw new Error(`Encryption key file ${file} disappeared while it was being created.`);
  return key;
}

function decodeKey(base64: string, origin: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== trimmed) {
    throw new Error(`Invalid encryption key in ${origin}: expected base64 of ${KEY_BYTES} bytes.`);
  }
  return key;
}
