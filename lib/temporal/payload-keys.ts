import { encryptionKeyId, loadOrCreateEncryptionKey } from '../secrets';

/** One key of the payload keyring: its id (stored in each payload's metadata) and its 32 key bytes. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** The keys payloads are encrypted with: the first encrypts, every one decrypts (rotation keeps old ones). */
export interface PayloadKeyring {
  current: PayloadKey;
  byId: ReadonlyMap<string, Buffer>;
}

/** A configured key as it comes from `TEMPORAL_PAYLOAD_KEYS`: an id and the key as base64. */
export interface ConfiguredPayloadKey {
  id: string;
  base64: string;
}

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_FILE = 'payload.key';

/**
 * Parses `TEMPORAL_PAYLOAD_KEYS` (`id:base64,id:base64,…`, the first encrypts); returns the problems found, never
 * echoing a key.
 */
export function parsePayloadKeys(text: string): { keys: ConfiguredPayloadKey[]; problems: string[] } {
  const keys: ConfiguredPayloadKey[] = [];
  const problems: string[] = [];
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const separator = entry.indexOf(':');
      const id = separator > 0 ? entry.slice(0, separator) : '';
      const base64 = entry.slice(separator + 1);
      if (!KEY_ID_PATTERN.test(id)) problems.push(`key ${index + 1}: expected id:base64 with an id of [A-Za-z0-9._-]`);
      else if (
        Buffer.from(base64, 'base64').length !== 32 ||
        Buffer.from(base64, 'base64').toString('base64') !== base64
      )
        problems.push(`key ${id}: must be 32 bytes, base64-encoded`);
      else if (keys.some((key) => key.id === id)) problems.push(`key ${id}: listed twice`);
      else keys.push({ id, base64 });
    });
  if (keys.length === 0 && problems.length === 0) problems.push('expected at least one id:base64 key');
  return { keys, problems };
}

/** The keyring of configured keys, or (embedded default) of one key generated into `${dataDir}/payload.key`. */
export async function loadPayloadKeyring(source: {
  payloadKeys?: ConfiguredPayloadKey[];
  dataDir: string;
}): Promise<PayloadKeyring> {
  if (source.payloadKeys && source.payloadKeys.length > 0) {
    return keyring(source.payloadKeys.map(({ id, base64 }) => ({ id, key: Buffer.from(base64, 'base64') })));
  }
  const key = await loadOrCreateEncryptionKey({ dataDir: source.dataDir, keyFile: KEY_FILE });
  return keyring([{ id: `local-${encryptionKeyId(key)}`, key }]);
}

/** A keyring whose first key encrypts. */
export function keyring(keys: PayloadKey[]): PayloadKeyring {
  const [current] = keys;
  if (!current) throw new Error('A payload keyring needs at least one key.');
  return { current, byId: new Map(keys.map(({ id, key }) => [id, key])) };
}
