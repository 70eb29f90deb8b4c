import { randomBytes } from 'node:crypto';
import { createOAuthStateSigner, deriveOAuthStateKey, OAUTH_STATE_TTL_MS } from '../../api/oauth-state';

describe('OAuth state signer', () => {
  const key = randomBytes(32);

  it('round-trips the store id with a nonce and an expiry', () => {
    const signer = createOAuthStateSigner(key, { now: () => 1_000_000 });
    const state = signer.sign('st_abcdefghijklmnop');
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const result = signer.verify(state);
    expect(result).toEqual({
      ok: true,
      payload: { storeId: 'st_abcdefghijklmnop', nonce: expect.any(String), expiresAt: 1_000_000 + OAUTH_STATE_TTL_MS },
    });
  });

  it('uses a fresh nonce each time', () => {
    const signer = createOAuthStateSigner(key);
    expect(signer.sign('st_a')).not.toBe(signer.sign('st_a'));
  });

  it('refuses a state whose payload was changed', () => {
    const signer = createOAuthStateSigner(key);
    const [, signature] = signer.sign('st_mine').split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, storeId: 'st_other', nonce: 'x'.repeat(22), expiresAt: 9e15 }));
    expect(signer.verify(`${forged.toString('base64url')}.${signature}`)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
  });

  it('refuses a state signed with another key', () => {
    const state = createOAuthStateSigner(randomBytes(32)).sign('st_a');
    expect(createOAuthStateSigner(key).verify(state)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('refuses an expired state', () => {
    let now = 0;
    const signer = createOAuthStateSigner(key, { now: () => now });
    const state = signer.sign('st_a');
    now = OAUTH_STATE_TTL_MS;
    expect(signer.verify(state)).toEqual({ ok: false, problem: 'expired' });
  });

  it.each(['', 'abc', 'a.b.c', '.sig'])('refuses the malformed state %j', (state) => {
    expect(createOAuthStateSigner(key).verify(state)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('derives a stable 32-byte key per encryption key, distinct from it', () => {
    const derived = deriveOAuthStateKey(key);
    expect(derived).toHaveLength(32);
    expect(derived.equals(deriveOAuthStateKey(key))).toBe(true);
    expect(derived.equals(key)).toBe(false);
  });
});
