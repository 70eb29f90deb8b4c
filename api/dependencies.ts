import type { AppConfig } from '../lib/config';
import type { Repositories } from '../lib/db';
import type { WooClientFactory } from '../lib/woocommerce';
import type { ResolveHost } from '../lib/woocommerce/store-url-policy';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import type { XeroIdentityClient } from '../lib/xero/identity-client';
import type { Logger } from './logger';
import type { OAuthStateSigner } from './oauth-state';
import type { SourceRateLimit } from './source-rate-limit';
import type { StoreEventStarter } from './store-event-starter';
import type { WcAuthLinks } from './wc-auth-link';
import type { WebhookIntake } from './webhook-intake';

/** The repository operations the API uses; lib/db's createRepositories() result satisfies it. */
export interface ApiRepositories {
  stores: Pick<
    Repositories['stores'],
    'create' | 'get' | 'getCredentials' | 'getApiTokenHash' | 'createActivated' | 'liveStoresAt'
  >;
  storeLifecycle: Pick<Repositories['storeLifecycle'], 'record' | 'list' | 'pauses'>;
  subscriptions: Pick<Repositories['subscriptions'], 'startTrial' | 'get' | 'usage' | 'applyBillingEvent'>;
  xeroConnections: Pick<Repositories['xeroConnections'], 'save' | 'get' | 'withLock' | 'storesSharingTenant'>;
  xeroConnectFlows: Repositories['xeroConnectFlows'];
  ledger: Pick<Repositories['ledger'], 'get'>;
  ledgerEffects: Pick<Repositories['ledgerEffects'], 'list'>;
  settings: Pick<Repositories['settings'], 'getCurrent' | 'save'>;
  xeroCallBudgets: Pick<Repositories['xeroCallBudgets'], 'status' | 'setLimits'>;
}

/** The store operations the API uses. */
export type StoreRepository = ApiRepositories['stores'];

/** The Xero identity calls the OAuth routes make (a subset of lib/xero's identity client). */
export type XeroIdentity = Pick<XeroIdentityClient, 'buildAuthorizeUrl' | 'exchangeCode' | 'listConnections'>;

/** Readiness probes: each resolves when the dependency answers and rejects otherwise. */
export interface HealthChecks {
  checkDatabase(): Promise<void>;
  checkTemporal(): Promise<void>;
}

/** Everything createApp needs; no globals, so tests and the dev stack wire real or recording parts. */
export interface AppDependencies {
  config: AppConfig;
  repos: ApiRepositories;
  /** Records verified webhook deliveries (the relay hands them to Temporal). */
  intake: WebhookIntake;
  xeroIdentity: XeroIdentity;
  /** The Xero accounting door; the API only reads through it (order previews). */
  xero: XeroAccountingClient;
  createWooClient: WooClientFactory;
  /** Signs and verifies the OAuth `state`: createOAuthStateSigner(deriveOAuthStateKey(encryptionKey)). */
  oauthState: OAuthStateSigner;
  health: HealthChecks;
  /** Records store lifecycle events and hands them to each store's lifecycle workflow. */
  storeEvents: StoreEventStarter;
  /** WooCommerce authorization links for activation, and recognising the keys posted back. */
  wcAuth: WcAuthLinks;
  /** Limits activations per source address (20 an hour in this process unless replaced). */
  activationLimit?: SourceRateLimit;
  logger?: Logger;
  /** Resolves store hosts at registration (the system resolver unless replaced, e.g. by tests). */
  resolveHost?: ResolveHost;
}
