import type { SecretCipher } from '../../secrets';
import type { Db } from '../db';
import { createCreateAttemptsRepository, type CreateAttemptsRepository } from './create-attempts';
import { createLedgerRepository, type LedgerRepository } from './ledger';
import { createLedgerEffectsRepository, type LedgerEffectsRepository } from './ledger-effects';
import { createSettingsRepository, type SettingsRepository } from './settings';
import { createStoreLifecycleRepository, type StoreLifecycleRepository } from './store-lifecycle';
import { createStoresRepository, type StoresRepository } from './stores';
import { createSubscriptionsRepository, type SubscriptionsRepository } from './subscriptions';
import { createXeroConnectFlowsRepository, type XeroConnectFlowsRepository } from './xero-connect-flows';
import { createXeroConnectionsRepository, type XeroConnectionsRepository } from './xero-connections';
import { createWebhookInboxRepository, type WebhookInboxRepository } from './webhook-inbox';
import { createXeroMemoryRepository, type XeroMemoryRepository } from './xero-memory';
import { createXeroCallBudgetsRepository, type XeroCallBudgetsRepository } from './xero-call-budgets';

export type { CreateAttempt, CreateAttemptsRepository, CreateAttemptStart, CreateOutcome } from './create-attempts';
export type { LedgerEntry, LedgerRepository, LedgerState, LedgerUpsert } from './ledger';
export type { LedgerEffect, LedgerEffectsRepository, NewLedgerEffect } from './ledger-effects';
export type { SettingsRepository, VersionedSettings } from './settings';
export type { BillingEventResult, SubscriptionsRepository, SubscriptionUsage } from './subscriptions';
export type {
  NewActivation,
  NewStore,
  StoreAdmin,
  StoreCredentials,
  StoreFacts,
  StoreRecord,
  StoreStatus,
  StoresRepository,
} from './stores';
export type {
  StoreEvent,
  StoreEventKind,
  StoreEventState,
  StoreLifecycleRepository,
  StorePause,
  WooKeys,
} from './store-lifecycle';
export type { ConnectFlowRefusal, XeroConnectFlowsRepository } from './xero-connect-flows';
export type {
  NewXeroConnection,
  XeroConnection,
  XeroConnectionStatus,
  XeroConnectionsRepository,
  XeroConnectionUpdate,
} from './xero-connections';
export type { InboxDelivery, InboxEntry, WebhookInboxRepository } from './webhook-inbox';
export type { XeroMemoryRepository } from './xero-memory';
export type { BudgetStatus, OrganisationCallLimits, XeroCallBudgetsRepository } from './xero-call-budgets';

/** Every repository, over one database. */
export interface Repositories {
  stores: StoresRepository;
  /** Each store's lifecycle events, in order, and its pause windows. */
  storeLifecycle: StoreLifecycleRepository;
  /** Each store's trial or plan, the billing events applied, and the orders it synced per period. */
  subscriptions: SubscriptionsRepository;
  xeroConnections: XeroConnectionsRepository;
  xeroConnectFlows: XeroConnectFlowsRepository;
  settings: SettingsRepository;
  ledger: LedgerRepository;
  /** Every payment, credit note, allocation, cash refund and void applied for each order. */
  ledgerEffects: LedgerEffectsRepository;
  attempts: CreateAttemptsRepository;
  webhookInbox: WebhookInboxRepository;
  /** Contacts and item codes known in each store's Xero organisation. */
  xeroMemory: XeroMemoryRepository;
  /** The Xero call governor's shared view of each organisation's quota. */
  xeroCallBudgets: XeroCallBudgetsRepository;
}

/** Creates all repositories over `db`, encrypting secrets with `cipher`. */
export function createRepositories(db: Db, cipher: SecretCipher): Repositories {
  return {
    stores: createStoresRepository(db, cipher),
    storeLifecycle: createStoreLifecycleRepository(db, cipher),
    subscriptions: createSubscriptionsRepository(db),
    xeroConnections: createXeroConnectionsRepository(db, cipher),
    xeroConnectFlows: createXeroConnectFlowsRepository(db, cipher),
    settings: createSettingsRepository(db),
    ledger: createLedgerRepository(db),
    ledgerEffects: createLedgerEffectsRepository(db),
    attempts: createCreateAttemptsRepository(db, cipher),
    webhookInbox: createWebhookInboxRepository(db),
    xeroMemory: createXeroMemoryRepository(db),
    xeroCallBudgets: createXeroCallBudgetsRepository(db),
  };
}
