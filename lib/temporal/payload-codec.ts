import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { PayloadKeyring } from './payload-keys';

/** The `encoding` metadata of an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** The metadata entry naming the key a payload was encrypted with. */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const utf8 = new TextDecoder();

/** Raised when a payload cannot be decrypted; the message names the key id, never key material or content. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * The payload codec of every Temporal client and worker: AES-256-GCM over the whole payload (metadata and data),
 * with the key id in clear metadata so rotated keys still decrypt older histories. Payloads that are not
 * encrypted (written before the codec existed) decode unchanged.
 */
export function createEncryptionCodec(keys: PayloadKeyring): PayloadCodec {
  return {
    async encode(payloads) {
      return payloads.map((payload) => encrypt(payload, keys));
    },
    async decode(payloads) {
      return payloads.map((payload) => (isEncrypted(payload) ? decrypt(payload, keys) : payload));
    },
  };
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && encoding !== null && utf8.decode(encoding) === ENCRYPTED_ENCODING;
}

function encrypt(payload: Payload, keys: PayloadKeyring): Payload {
  const { id, key } = keys.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(id));
  const ciphertext = Buffer.concat([cipher.update(serialise(payload)), cipher.final()]);
  return {
    metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(id) },
    data: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]),
  };
}

function decrypt(payload: Payload, keys: PayloadKeyring): Payload {
  const idBytes = payload.metadata?.[KEY_ID_METADATA];
  const id = idBytes ? utf8.decode(idBytes) : '';
  const key = keys.byId.get(id);
  if (!key) throw new PayloadDecryptionError(`Cannot decrypt a payload: key "${id}" is not in TEMPORAL_PAYLOAD_KEYS.`);
  const data = Buffer.from(payload.data ?? new Uint8Array());
  if (data.length < IV_BYTES + TAG_BYTES)
    throw new PayloadDecryptionError('Cannot decrypt a payload: it is truncated.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return deserialise(Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]));
  } catch {
    throw new PayloadDecryptionError(`Cannot decrypt a payload with key "${id}": authentication failed.`);
  }
}

/** The payload as JSON with base64 fields (the codec server's wire shape). */
function serialise(payload: Payload): Buffer {
  return Buffer.from(JSON.stringify(payloadToJson(payload)));
}

function deserialise(bytes: Buffer): Payload {
  return payloadFromJson(JSON.parse(bytes.toString('utf8')) as JsonPayload);
}

/** A payload as the codec server protocol carries it: metadata values and data in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** Converts a payload to the codec server's JSON shape. */
export function payloadToJson(payload: Payload): JsonPayload {
  const metadata = Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]);
  return { metadata: Object.fromEntries(metadata), data: Buffer.from(payload.data ?? []).toString('base64') };
}

/** Converts a payload from the codec server's JSON shape. */
export function payloadFromJson(json: JsonPayload): Payload {
  const metadata = Object.entries(json.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]);
  return { metadata: Object.fromEntries(metadata), data: new Uint8Array(Buffer.from(json.data ?? '', 'base64')) };
}
