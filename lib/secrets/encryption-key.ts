import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

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

/** Writes a new key to a temporary file, then links it into place, so concurrent first starts agree on one key. */
async function createKeyFile(file: string): Promise<Buffer> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
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
