import { XeroAuthRevokedError, XeroNotConnectedError } from './errors';
import type { XeroIdentityClient } from './identity-client';
import type { Clock, XeroConnectionStore, XeroConnectionTokens } from './ports';

/** What an Accounting API call needs: a current bearer token and the tenant to address. */
export interface XeroAccess {
  accessToken: string;
  tenantId: string;
}

/** Hands out valid access tokens per store, refreshing and rotating them when needed. */
export interface XeroTokenSource {
  /** A token valid for at least the refresh margin; refreshes (under the store's lock) when it is not. */
  getAccess(storeId: string): Promise<XeroAccess>;
  /** After Xero answered 401 to `staleAccessToken`: refresh unless another caller already did. */
  refreshAfterUnauthorized(storeId: string, staleAccessToken: string): Promise<XeroAccess>;
}

/** Dependencies of the token provider. */
export interface TokenProviderDeps<C extends XeroConnectionTokens> {
  connections: XeroConnectionStore<C>;
  identity: Pick<XeroIdentityClient, 'refreshTokens'>;
  now?: Clock;
  /** Refresh when the token expires within this many milliseconds; default 60 s. */
  refreshMarginMs?: number;
}

/** The reason stored on a connection whose refresh token Xero refused. */
export const REVOKED_REASON =
  'Xero refused the refresh token (invalid_grant): access was revoked or the token expired; reconnect Xero';

/** Creates the token provider; every refresh happens inside `connections.withLock`, re-reading the row first. */
export function createTokenProvider<C extends XeroConnectionTokens>(deps: TokenProviderDeps<C>): XeroTokenSource {
  const { connections, identity } = deps;
  const now = deps.now ?? (() => new Date());
  const marginMs = deps.refreshMarginMs ?? 60_000;

  const isFresh = (conn: C): boolean => conn.accessTokenExpiresAt.getTime() - now().getTime() > marginMs;

  async function rotate(storeId: string, stillGood: (current: C) => boolean): Promise<XeroAccess> {
    try {
      return await connections.withLock(storeId, async (current, save) => {
        const conn = usable(storeId, current);
        if (stillGood(conn)) return accessOf(conn);
        const tokens = await identity.refreshTokens(conn.refreshToken);
        const rotated: C = {
          ...conn,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          accessTokenExpiresAt: new Date(now().getTime() + tokens.expiresInSeconds * 1000),
        };
        await save(rotated);
        return accessOf(rotated);
      });
    } catch (err) {
      // Outside the lock: markDisconnected may need the row the lock holds.
      if (err instanceof XeroAuthRevokedError) await connections.markDisconnected(storeId, REVOKED_REASON);
      throw err;
    }
  }

  return {
    async getAccess(storeId) {
      const conn = usable(storeId, await connections.get(storeId));
      if (isFresh(conn)) return accessOf(conn);
      return rotate(storeId, isFresh);
    },

    refreshAfterUnauthorized(storeId, staleAccessToken) {
      return rotate(storeId, (current) => current.accessToken !== staleAccessToken && isFresh(current));
    },
  };
}

function usable<C extends XeroConnectionTokens>(storeId: string, conn: C | null): C {
  if (!conn) throw new XeroNotConnectedError(storeId);
  if (conn.status === 'disconnected') throw new XeroNotConnectedError(storeId, 'it was disconnected');
  return conn;
}

function accessOf(conn: XeroConnectionTokens): XeroAccess {
  return { accessToken: conn.accessToken, tenantId: conn.tenantId };
}
