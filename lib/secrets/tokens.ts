import { createHash, randomBytes } from 'node:crypto';

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Returns `length` random characters from the lowercase RFC 4648 base32 alphabet (5 bits of entropy each). */
export function randomBase32(length: number): string {
  // 256 is a multiple of 32, so taking each byte modulo 32 keeps every character equally likely.
  return Array.from(randomBytes(length), (byte) => BASE32_ALPHABET[byte % 32]).join('');
}

/** Returns `${prefix}_` followed by `length` random lowercase base32 characters, e.g. generateToken('st', 16). */
export function generateToken(prefix: string, length = 32): string {
  if (!/^[a-z][a-z0-9]*$/.test(prefix)) {
    throw new Error(`Token prefix must be lowercase letters and digits (the "_" is added), got "${prefix}".`);
  }
  return `${prefix}_${randomBase32(length)}`;
}

/** SHA-256 hex digest of an API token: what the database stores instead of the token itself. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
