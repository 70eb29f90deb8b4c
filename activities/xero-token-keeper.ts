import type { Repositories } from '../lib/db/repositories';
import { XeroAuthRevokedError } from '../lib/xero/errors';
import type { XeroTokenSource } from '../lib/xero/token-provider';

/** Refresh tokens older than this are refreshed: Xero's die after 60 days unused. */
export const REFRESH_TOKENS_OLDER_THAN_DAYS = 50;

/** The activity of the daily token keeper. */
export interface XeroTokenKeeperActivities {
  /** Refreshes every connected organisation whose refresh token is 50 days old; returns what it did. */
  refreshAgingXeroTokens(): Promise<{ refreshed: number; needReconnect: number }>;
}

/** Creates the token keeper's activity over the connections and the token source (one refresh at a time each). */
export function createXeroTokenKeeperActivities(deps: {
  repos: Pick<Repositories, 'xeroConnections'>;
  xeroTokens: Pick<XeroTokenSource, 'refreshAfterUnauthorized'>;
  now?: () => Date;
}): XeroTokenKeeperActivities {
  const now = deps.now ?? (() => new Date());
  return {
    async refreshAgingXeroTokens() {
      const before = new Date(now().getTime() - REFRESH_TOKENS_OLDER_THAN_DAYS * 86_400_000);
      const storeIds = await deps.repos.xeroConnections.storesWithRefreshTokenBefore(before);
      let refreshed = 0;
      let needReconnect = 0;
      for (const storeId of storeIds) {
        const current = await deps.repos.xeroConnections.get(storeId);
        if (!current || current.status !== 'connected') continue;
        try {
          // Refreshing "after" the current access token rotates both tokens, under the connection's lock.
          await deps.xeroTokens.refreshAfterUnauthorized(storeId, current.accessToken);
          refreshed += 1;
        } catch (err) {
          // A refused refresh marks the connection broken: the merchant is told to reconnect.
          if (!(err instanceof XeroAuthRevokedError)) throw err;
          needReconnect += 1;
        }
      }
      return { refreshed, needReconnect };
    },
  };
}
