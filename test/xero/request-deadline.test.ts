import { MockActivityEnvironment } from '@temporalio/testing';
import { withXeroDeadlines } from '../../activities/xero-deadline';
import { createAccountingClient } from '../../lib/xero/accounting-client';
import { DEFAULT_ACCOUNTING_TIMEOUT_MS } from '../../lib/xero/accounting-call';
import { XeroTransientError } from '../../lib/xero/errors';
import { requestTimeoutMs, withRequestDeadline } from '../../lib/xero/request-deadline';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server';
import { staticTokens } from './support/static-tokens';

/** The Xero activities' start-to-close timeout (workflows/sync-activities.ts). */
const XERO_ACTIVITY_TIMEOUT_MS = 20_000;

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const client = () => createAccountingClient({ apiUrl: `${server.origin}/api.xro/2.0`, tokens: staticTokens() });

describe('Xero request deadlines', () => {
  it('by default a single request times out well inside the Xero activity timeout', () => {
    expect(DEFAULT_ACCOUNTING_TIMEOUT_MS * 2).toBeLessThanOrEqual(XERO_ACTIVITY_TIMEOUT_MS);
  });

  it('cuts a request short at the caller’s deadline instead of waiting for its own timeout', async () => {
    server.enqueue({ status: 200, body: '{"Currencies":[]}', delayMs: 4_000 });
    const err = await withRequestDeadline(Date.now() + 1_500, () => client().getCurrencies('store-1')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(XeroTransientError);
    expect((err as XeroTransientError).noResponse).toBe(true);
    expect((err as Error).message).toContain('timed out');
  });

  it('sends nothing once the deadline is (nearly) reached', async () => {
    const err = await withRequestDeadline(Date.now() + 500, () => client().getCurrencies('store-1')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(XeroTransientError);
    expect((err as Error).message).toContain('no time left');
    expect(server.requests).toHaveLength(0);
  });

  it('inside an activity attempt, every request must end within the attempt’s start-to-close timeout', async () => {
    const env = new MockActivityEnvironment({ startToCloseTimeoutMs: XERO_ACTIVITY_TIMEOUT_MS });
    const activities = withXeroDeadlines({ probe: async () => requestTimeoutMs('probe', 60_000) });
    const budget = await env.run(activities.probe);
    expect(budget).toBeGreaterThan(0);
    expect(budget).toBeLessThan(XERO_ACTIVITY_TIMEOUT_MS);
    expect(await activities.probe()).toBe(60_000); // outside an activity nothing is cut
  });
});
