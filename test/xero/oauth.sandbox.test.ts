import { XeroAuthRevokedError, XeroNotConnectedError } from '../../lib/xero/errors';
import { createXeroIdentityClient } from '../../lib/xero/identity-client';
import { REVOKED_REASON } from '../../lib/xero/token-provider';
import { authorizeCode, sandboxConfig, startSandboxDoor, type SandboxDoor } from './support/sandbox-harness';

const MINUTE = 60_000;

let door: SandboxDoor;
beforeEach(async () => {
  door = await startSandboxDoor();
});
afterEach(() => door.close());

/** Refresh-token grants the sandbox received since the request log was last cleared. */
function refreshRequests(): number {
  return door.sandbox.state
    .requests(/^\/connect\/token$/)
    .filter((entry) => new URLSearchParams(entry.rawBody).get('grant_type') === 'refresh_token').length;
}

describe('OAuth against the sandbox', () => {
  it('exchanges the code from the authorize redirect and lists the tenant', async () => {
    const identity = createXeroIdentityClient(door.config);
    const { code, state } = await authorizeCode(identity, 'opaque-state');
    expect(state).toBe('opaque-state');
    const tokens = await identity.exchangeCode(code);
    expect(tokens.expiresInSeconds).toBe(1800);
    expect(tokens.refreshToken).not.toBe('');
    const tenants = await identity.listConnections(tokens.accessToken);
    expect(tenants.map((tenant) => tenant.tenantId)).toEqual(door.sandbox.tenantIds);
    // The code is single use.
    await expect(identity.exchangeCode(code)).rejects.toBeInstanceOf(XeroAuthRevokedError);
  });

  it('refreshes an expired token, saves the rotated refresh token, and the new token works', async () => {
    const before = await door.connections.get(door.storeId);
    door.sandbox.clock.advance(31 * MINUTE);
    door.sandbox.state.clearRequests();

    const organisation = await door.client.getOrganisation(door.storeId);
    expect(organisation.OrganisationID).toBe(door.sandbox.tenantIds[0]);

    const after = await door.connections.get(door.storeId);
    expect(refreshRequests()).toBe(1);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.accessTokenExpiresAt).toEqual(new Date(door.sandbox.clock.now() + 1800_000));
    // Only one 401-free accounting request: the refresh happened before the call, not after a rejection.
    expect(door.sandbox.state.requests(/^\/api\.xro/).map((entry) => entry.status)).toEqual([200]);
  });

  it('lets exactly one of two concurrent callers refresh an expired token', async () => {
    door.sandbox.clock.advance(31 * MINUTE);
    door.sandbox.state.clearRequests();
    const [a, b] = await Promise.all([door.tokens.getAccess(door.storeId), door.tokens.getAccess(door.storeId)]);
    expect(refreshRequests()).toBe(1);
    expect(a).toEqual(b);
    const response = await fetch(`${door.config.apiUrl}/Organisation`, {
      headers: { authorization: `Bearer ${a.accessToken}`, 'xero-tenant-id': a.tenantId, accept: 'application/json' },
    });
    expect(response.status).toBe(200);
  });

  it('refreshes once after a 401 and retries the call', async () => {
    door.sandbox.faults.expireAccessTokens();
    door.sandbox.state.clearRequests();
    const rates = await door.client.getTaxRates(door.storeId);
    expect(rates.length).toBeGreaterThan(0);
    expect(refreshRequests()).toBe(1);
    expect(door.sandbox.state.requests(/^\/api\.xro/).map((entry) => entry.status)).toEqual([401, 200]);
  });

  it('marks the store disconnected when the refresh token is refused (lost rotation past the grace period)', async () => {
    const stored = await door.connections.get(door.storeId);
    // Someone rotated the token without saving the result; the stored one dies 30 minutes later.
    await createXeroIdentityClient(sandboxConfig(door.sandbox.url)).refreshTokens(stored?.refreshToken ?? '');
    door.sandbox.clock.advance(31 * MINUTE);

    const err = await door.client.getOrganisation(door.storeId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroAuthRevokedError);
    expect((err as Error).message).not.toContain(stored?.refreshToken ?? '');
    expect(door.connections.rows.get(door.storeId)).toMatchObject({
      status: 'disconnected',
      disconnectReason: REVOKED_REASON,
    });
    await expect(door.tokens.getAccess(door.storeId)).rejects.toBeInstanceOf(XeroNotConnectedError);
  });
});
