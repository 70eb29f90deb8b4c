import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT_VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts and decrypts secrets at rest (WooCommerce keys, webhook secrets, Xero tokens). */
export interface SecretCipher {
  /** Encrypts `plain` into a self-describing token: `v1:<key id>:<iv>:<auth tag>:<ciphertext>` (base64url parts). */
  encrypt(plain: string): string;
  /** Decrypts a token made by `encrypt` with the same key; throws SecretDecryptionError otherwise. */
  decrypt(token: string): string;
}

/** Raised when a stored secret cannot be decrypted; the message never contains the token or the secret. */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

/** A short, non-secret fingerprint of a key, stored with each token so a key mix-up is told apart from tampering. */
export function encryptionKeyId(key: Buffer): string {
  return createHash('sha256').update('woo-xero-sync key id').update(key).digest('hex').slice(0, 8);
}

/** Creates an AES-256-GCM cipher for a 32-byte key, with a random 12-byte IV per encryption. */
export function createSecretCipher(key: Buffer): SecretCipher {
  if (key.length !== KEY_BYTES) {
    throw new Error(`The encryption key must be ${KEY_BYTES} bytes long, got ${key.length}.`);
  }
  const keyId = encryptionKeyId(key);
  const header = `${FORMAT_VERSION}:${keyId}`;

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(header));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [header, iv, cipher.getAuthTag(), ciphertext].map(encodePart).join(':');
    },

    decrypt(token) {
      const parts = token.split(':');
      if (parts.length !== 5 || parts[0] !== FORMAT_VERSION) {
        throw new SecretDecryptionError(`Cannot decrypt secret: not a ${FORMAT_VERSION} encrypted value.`);
      }
      const [, tokenKeyId, ivPart, tagPart, ciphertextPart] = parts as [string, string, string, string, string];
      if (tokenKeyId !== keyId) {
        throw new SecretDecryptionError(
          `Cannot decrypt secret: it was encrypted with key ${tokenKeyId}, but the configured key is ${keyId}.`,
        );
      }
      const iv = Buffer.from(ivPart, 'base64url');
      const tag = Buffer.from(tagPart, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new SecretDecryptionError('Cannot decrypt secret: the stored value is malformed.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(`${FORMAT_VERSION}:${tokenKeyId}`));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(Buffer.from(ciphertextPart, 'base64url')), decipher.final()]);
        return plain.toString('utf8');
      } catch {
        throw new SecretDecryptionError('Cannot decrypt secret: the stored value was altered (authentication failed).');
      }
    },
  };
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
