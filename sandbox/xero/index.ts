import { createClock, createRealTimeClock, type SandboxClock } from './clock';
import { FaultInjector } from './faults';
import type { IdentityContext } from './identity';
import { IdentityStore } from './identity-store';
import { IdempotencyStore } from './idempotency';
import type { TenantData } from './model';
import { createPipeline } from './pipeline';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { createTenant, DEFAULT_TENANTS, type TenantOptions } from './seed';
import { closeServer, createSandboxServer, listen, type RequestLogEntry } from './server';
import { createState, type XeroSandboxState } from './state';

/* Re-exports for code that drives the sandbox (documented where they are defined). */
export type { SandboxClock } from './clock';
export type { Fault, FaultRule, StatusFault, LatencyFault, CommitThenDropFault, ExpireTokensFault } from './faults';
export { FaultInjector } from './faults';
export type { XeroSandboxState } from './state';
export type { RequestLogEntry } from './server';
export type { RateLimitOptions, RateLimitProblem } from './rate-limit';
export type { TenantOptions } from './seed';
export { TRACKED_ITEM_CODE } from './seed-items';
export type { TokenResponse, Connection } from './identity-store';
export type * from './model';
export { decodeJwtPayload } from './jwt';
export { authorizeSandbox, type AuthorizeOptions, type SandboxAuthorization } from './oauth-client';

/** Options of startXeroSandbox; every field is optional. */
export interface XeroSandboxOptions {
  /** Port to listen on; 0 (default) picks a random free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** OAuth client id the sandbox accepts; default 'sandbox-client-id'. */
  clientId?: string;
  /** OAuth client secret; default 'sandbox-client-secret'. */
  clientSecret?: string;
  /** The app was created before 2 March 2026 and may request the broad scopes; default false (granular only). */
  legacyApp?: boolean;
  /** Organisations to serve; default one NZ demo organisation. */
  tenants?: TenantOptions[];
  /** Rate limits; defaults 60/minute, 5,000/day, 5 concurrent, 10,000/app/minute. */
  rateLimits?: RateLimitOptions;
  /** ProviderName in response envelopes; default 'Xero Sandbox'. */
  providerName?: string;
  /** Sandbox clock start (epoch ms); default the real time at start. */
  startTime?: number;
  /**
   * The clock follows real time (`npm run sandbox`, the demo); default false: it stands still until a test moves it.
   * Either way `clock.advance()` and `clock.set()` move it.
   */
  realTime?: boolean;
}

/** A running fake Xero (identity + accounting) with its clock, faults and state. */
export interface XeroSandbox {
  /** Origin, e.g. http://127.0.0.1:4567. */
  url: string;
  clock: SandboxClock;
  faults: FaultInjector;
  state: XeroSandboxState;
  tenantIds: string[];
  /** The rate limiter, to change limits at runtime. */
  rateLimits: { configure(options: RateLimitOptions): void };
  close(): Promise<void>;
}

/** Starts the fake Xero organisation(s) on an HTTP port. */
export async function startXeroSandbox(opts: XeroSandboxOptions = {}): Promise<XeroSandbox> {
  const clock = opts.realTime ? createRealTimeClock(opts.startTime) : createClock(opts.startTime);
  let url = '';
  const identity = new IdentityStore(clock, () => url);
  const tenants = new Map<string, TenantData>();
  for (const t of opts.tenants ?? DEFAULT_TENANTS) {
    const data = createTenant(t, clock.now());
    tenants.set(data.tenantId, data);
  }
  const identityContext: IdentityContext = {
    store: identity,
    clock,
    clientId: opts.clientId ?? 'sandbox-client-id',
    clientSecret: opts.clientSecret ?? 'sandbox-client-secret',
    legacyApp: opts.legacyApp ?? false,
    tenants: () => [...tenants.values()].map((t) => ({ tenantId: t.tenantId, name: t.name })),
    issuer: () => url,
  };
  const rateLimiter = new RateLimiter(clock, opts.rateLimits);
  const log: RequestLogEntry[] = [];
  const faults = new FaultInjector(() => identity.expireAllAccessTokens());
  const dispatch = createPipeline({
    clock,
    identity,
    identityContext,
    tenants,
    rateLimiter,
    idempotency: new IdempotencyStore(clock),
    providerName: opts.providerName ?? 'Xero Sandbox',
  });
  const server = createSandboxServer({ clock, faults, identity, log, dispatch });
  url = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url,
    clock,
    faults,
    state: createState(tenants, identity, log),
    tenantIds: [...tenants.keys()],
    rateLimits: rateLimiter,
    close: () => closeServer(server),
  };
}
