import { proxyActivities } from '@temporalio/workflow';
import type { XeroTokenKeeperActivities } from '../activities/xero-token-keeper';

const { refreshAgingXeroTokens } = proxyActivities<XeroTokenKeeperActivities>({
  startToCloseTimeout: '10m',
  retry: { initialInterval: '10s', maximumInterval: '10m', maximumAttempts: 20 },
});

/** The daily run of the token keeper schedule: refresh tokens before Xero lets them die unused. */
export async function keepXeroTokensAliveWorkflow(): Promise<{ refreshed: number; needReconnect: number }> {
  return refreshAgingXeroTokens();
}
