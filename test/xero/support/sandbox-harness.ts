import { startXeroSandbox, type XeroSandbox } from '../../../sandbox/xero';
import { loadConfig, type AppConfig } from '../../../lib/config';
import { xeroSandboxEnvironment } from '../../../sandbox/service-environment';
import { createAccountingClient, type XeroAccountingClient } from '../../../lib/xero/accounting-client';
import { createXeroIdentityClient, type XeroIdentityClient } from '../../../lib/xero/identity-client';
import type { XeroCallGate } from '../../../lib/xero/call-gate';
import type { Clock } from '../../../lib/xero/ports';
import { createTokenProvider, type XeroTokenSource } from '../../../lib/xero/token-provider';
import { type MemoryConnection, MemoryConnectionStore } from './memory-stores';

/** A running sandbox with the whole Xero door wired to it, and one store connected through the real OAuth flow. */
export interface SandboxDoor {
  sandbox: XeroSandbox;
  config: AppConfig['xero'];
  now: Clock;
  identity: XeroIdentityClient;
  connections: MemoryConnectionStore;
  tokens: XeroTokenSource;
  client: XeroAccountingClient;
  storeId: string;
  close(): Promise<void>;
}

/** The Xero section of the configuration pointing at a sandbox origin. */
export function sandboxConfig(url: string): AppConfig['xero'] {
  return loadConfig(xeroSandboxEnvironment(url)).xero;
}

/** Follows the sandbox's consent redirect for our authorize URL and returns the code it hands back. */
export async function authorizeCode(
  identity: XeroIdentityClient,
  state: string,
): Promise<{ code: string; state: string }> {
  const consent = await fetch(identity.buildAuthorizeUrl(state), { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) throw new Error(`authorize answered ${consent.status}`);
  const back = new URL(location);
  return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' };
}

/** Connects `storeId` the way the OAuth callback will: code exchange, /connections, save. */
export async function connectStore(
  identity: XeroIdentityClient,
  connections: MemoryConnectionStore,
  storeId: string,
  now: Clock,
): Promise<MemoryConnection> {
  const { code } = await authorizeCode(identity, 'state-1');
  const tokens = await identity.exchangeCode(code);
  const [tenant] = await identity.listConnections(tokens.accessToken);
  const conn: MemoryConnection = {
    storeId,
    tenantId: tenant.tenantId,
    tenantName: tenant.tenantName,
    connectionId: tenant.id,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenExpiresAt: new Date(now().getTime() + tokens.expiresInSeconds * 1000),
    scopes: tokens.scope,
    status: 'connected',
  };
  await connections.save(storeId, conn);
  return conn;
}

/** Starts a sandbox and wires identity client, token provider and accounting client to it (sandbox clock). */
export async function startSandboxDoor(opts: { gate?: XeroCallGate } = {}): Promise<SandboxDoor> {
  const sandbox = await startXeroSandbox();
  const config = sandboxConfig(sandbox.url);
  const now: Clock = () => new Date(sandbox.clock.now());
  const identity = createXeroIdentityClient(config);
  const connections = new MemoryConnectionStore();
  const storeId = 'store-a';
  await connectStore(identity, connections, storeId, now);
  const tokens = createTokenProvider({ connections, identity, now });
  const client = createAccountingClient({ apiUrl: config.apiUrl, tokens, gate: opts.gate });
  return { sandbox, config, now, identity, connections, tokens, client, storeId, close: () => sandbox.close() };
}
