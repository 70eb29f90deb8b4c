import type { AppConfig } from '../config';
import type { XeroCallGate } from './call-gate';
import { createAccountingClient, type XeroAccountingClient } from './accounting-client';
import { createXeroIdentityClient, type XeroIdentityClient } from './identity-client';
import type { Clock, XeroConnectionStore, XeroConnectionTokens } from './ports';
import { createTokenProvider, type XeroTokenSource } from './token-provider';

/** The wired Xero door: identity (OAuth, /connections), token provider and Accounting client. */
export interface XeroDoor {
  identity: XeroIdentityClient;
  tokens: XeroTokenSource;
  accounting: XeroAccountingClient;
}

/** Wires the Xero door from configuration and the store's connection repository (lib/db's xeroConnections). */
export function createXeroDoor<C extends XeroConnectionTokens>(options: {
  config: AppConfig['xero'];
  connections: XeroConnectionStore<C>;
  now?: Clock;
  /** Per-request timeout for identity and accounting calls, in milliseconds. */
  timeoutMs?: number;
  /** The organisations' call permits (default: no limits). */
  gate?: XeroCallGate;
}): XeroDoor {
  const identity = createXeroIdentityClient(options.config, { timeoutMs: options.timeoutMs });
  const tokens = createTokenProvider({ connections: options.connections, identity, now: options.now });
  const accounting = createAccountingClient({
    apiUrl: options.config.apiUrl,
    tokens,
    timeoutMs: options.timeoutMs,
    gate: options.gate,
  });
  return { identity, tokens, accounting };
}
