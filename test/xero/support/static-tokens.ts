import type { XeroAccess, XeroTokenSource } from '../../../lib/xero/token-provider';

/** A token source that hands out tok-1, and tok-2… after each 401 refresh; it records the refreshes. */
export function staticTokens(tenantId = 'tenant-1'): XeroTokenSource & { refreshes: string[] } {
  let current = 'tok-1';
  const refreshes: string[] = [];
  return {
    refreshes,
    async getAccess(): Promise<XeroAccess> {
      return { accessToken: current, tenantId };
    },
    async refreshAfterUnauthorized(_storeId: string, stale: string): Promise<XeroAccess> {
      refreshes.push(stale);
      current = `tok-${refreshes.length + 1}`;
      return { accessToken: current, tenantId };
    },
  };
}
