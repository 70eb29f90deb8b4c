import type { StoreEventKind } from '../lib/db/repositories/store-lifecycle';
import type { StoreGate } from '../lib/stores/sync-gate';

/** Identifies one store. */
export interface StoreRef {
  storeId: string;
}

/** The next event a store's lifecycle workflow applies. */
export interface PendingStoreEvent {
  eventId: number;
  kind: StoreEventKind;
}

/** The activities of store lifecycle workflows and of the order workflows' store gate; createStoreActivities(deps). */
export interface StoreActivities {
  /** Whether the store's orders may be synced now (lifecycle, subscription, Xero connection). */
  checkStoreMaySync(ref: StoreRef): Promise<StoreGate>;
  /** Marks the Xero connection as needing a reconnect after Xero refused it (403). */
  noteXeroRefused(input: StoreRef & { reason: string }): Promise<void>;
  /** The store's oldest pending lifecycle event, or null. */
  nextStoreEvent(ref: StoreRef): Promise<PendingStoreEvent | null>;
  /** Records what applying an event did (or why it failed). */
  settleStoreEvent(input: { eventId: number; state: 'applied' | 'failed'; outcome: string }): Promise<void>;
  /**
   * Checks the keys the event brought (else the store's) by reading the store's currency, decimals and tax settings;
   * keeps them as the store's keys once they work; returns a summary.
   */
  verifyWooStore(input: StoreRef & { eventId: number }): Promise<string>;
  /** Creates the store's order webhooks that are missing (WooCommerce pings the service); returns a summary. */
  ensureStoreWebhooks(ref: StoreRef): Promise<string>;
  /** Suggests the tax mapping when Xero is connected (nothing is saved); returns a summary. */
  suggestStoreTaxMapping(ref: StoreRef): Promise<string>;
  /** Starts the store's trial unless it has a subscription; returns a summary. */
  startStoreTrial(ref: StoreRef): Promise<string>;
  /** Marks the store active (keys verified, webhooks in place); returns a summary. */
  markStoreActive(ref: StoreRef): Promise<string>;
  /** Pauses the store (deactivated) and opens its pause window; returns a summary. */
  pauseStore(ref: StoreRef): Promise<string>;
  /** Resumes a paused store; returns the window it closes (its start, for the catch-up), if one was open. */
  resumeStore(ref: StoreRef): Promise<{ summary: string; pausedSince?: string }>;
  /** Hands every order modified since `since` to its workflow (through the webhook inbox); returns a summary. */
  catchUpStoreOrders(input: StoreRef & { since: string; eventId: number }): Promise<string>;
  /** Tells the store's order workflows that wait for it to look again; returns a summary. */
  wakeWaitingOrders(ref: StoreRef): Promise<string>;
  /** Deletes the store's webhooks that deliver to this service; returns a summary. */
  deleteStoreWebhooks(ref: StoreRef): Promise<string>;
  /** Disconnects the store's Xero organisation and revokes its tokens; returns a summary. */
  disconnectStoreXero(ref: StoreRef): Promise<string>;
  /** Erases the store's secrets and personal data (the ledger stays) and marks it uninstalled; returns a summary. */
  eraseStoreData(ref: StoreRef): Promise<string>;
}
