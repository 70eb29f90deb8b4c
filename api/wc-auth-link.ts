import { hkdfSync } from 'node:crypto';
import { createOAuthStateSigner } from './oauth-state';

/** How long a merchant has to approve the keys in WooCommerce after activation. */
export const WC_AUTH_LINK_TTL_MS = 60 * 60 * 1000;

/** Builds WooCommerce authorization links for a store and recognises the keys WooCommerce posts back. */
export interface WcAuthLinks {
  /** The store's `/wc-auth/v1/authorize` URL asking for read/write keys, posted back to this service. */
  authorizeUrl(store: { id: string; url: string }, returnUrl: string): string;
  /** The store whose link carried this `user_id` (signed, unexpired), or null. */
  storeOf(userId: string): string | null;
}

/** The URL WooCommerce posts a store's new keys to. */
export function wcAuthCallbackUrl(publicUrl: string, storeId: string): string {
  return `${publicUrl}/api/wc-auth/${encodeURIComponent(storeId)}/keys`;
}

/**
 * Creates the links; `user_id` is a signed, expiring token naming the store (WooCommerce posts it back with the
 * keys), so nobody can hand a store keys it did not ask for.
 */
export function createWcAuthLinks(
  encryptionKey: Buffer,
  publicUrl: string,
  options: { now?: () => number } = {},
): WcAuthLinks {
  const key = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'woo-xero-sync wc-auth user_id v1', 32));
  const signer = createOAuthStateSigner(key, { ttlMs: WC_AUTH_LINK_TTL_MS, now: options.now });
  return {
    authorizeUrl(store, returnUrl) {
      const query = new URLSearchParams({
        app_name: 'Xero sync',
        scope: 'read_write',
        user_id: signer.sign(store.id),
        return_url: returnUrl,
        callback_url: wcAuthCallbackUrl(publicUrl, store.id),
      });
      return `${store.url}/wc-auth/v1/authorize?${query.toString()}`;
    },
    storeOf(userId) {
      const verified = signer.verify(userId);
      return verified.ok ? verified.payload.storeId : null;
    },
  };
}
