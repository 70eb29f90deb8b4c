import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** How long a Xero connect link stays valid. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

const payloadSchema = z.object({
  v: z.literal(1),
  storeId: z.string().min(1),
  nonce: z.string().min(16),
  expiresAt: z.number().int(),
});

/** What a valid state tells the callback. */
export interface OAuthStatePayload {
  storeId: string;
  nonce: string;
  expiresAt: number;
}

/** Why a state was refused. */
export type OAuthStateProblem = 'malformed' | 'bad_signature' | 'expired';

/** Signs and verifies the OAuth `state`: storeId, nonce and expiry, HMAC-SHA256 over their base64url JSON. */
export interface OAuthStateSigner {
  /** Signs a state for the store, carrying `nonce` (the connect flow's server-side nonce; random when omitted). */
  sign(storeId: string, nonce?: string): string;
  verify(state: string): { ok: true; payload: OAuthStatePayload } | { ok: false; problem: OAuthStateProblem };
}

/** Derives the state-signing key from the encryption key (HKDF), so no extra secret must be configured. */
export function deriveOAuthStateKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'woo-xero-sync oauth state v1', 32));
}

/** Creates the signer; `now` is injectable for tests of expiry. */
export function createOAuthStateSigner(
  key: Buffer,
  options: { ttlMs?: number; now?: () => number } = {},
): OAuthStateSigner {
  if (key.length < 32) throw new Error('The OAuth state key must be at least 32 bytes.');
  const ttlMs = options.ttlMs ?? OAUTH_STATE_TTL_MS;
  const now = options.now ?? Date.now;
  const mac = (data: string) => createHmac('sha256', key).update(data).digest();

  return {
    sign(storeId, nonce = randomBytes(16).toString('base64url')) {
      const payload = { v: 1, storeId, nonce, expiresAt: now() + ttlMs };
      const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${encoded}.${mac(encoded).toString('base64url')}`;
    },

    verify(state) {
      const [encoded, signature, ...rest] = state.split('.');
      if (!encoded || !signature || rest.length > 0) return { ok: false, problem: 'malformed' };
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(encoded);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, problem: 'bad_signature' };
      }
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, problem: 'malformed' };
      }
      const parsed = payloadSchema.safeParse(decoded);
      if (!parsed.success) return { ok: false, problem: 'malformed' };
      if (parsed.data.expiresAt <= now()) return { ok: false, problem: 'expired' };
      const { storeId, nonce, expiresAt } = parsed.data;
      return { ok: true, payload: { storeId, nonce, expiresAt } };
    },
  };
}
