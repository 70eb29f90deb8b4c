import type { StoreStatus } from '../db/repositories/stores';
import type { XeroConnectionStatus } from '../db/repositories/xero-connections';

/** Whether an order of the store may be synced now, must wait (and why, in the merchant's words), or must stop. */
export type StoreGate =
  | { verdict: 'sync' }
  | { verdict: 'wait'; state: 'paused' | 'waiting-for-reconnect'; message: string }
  | { verdict: 'stop'; message: string };

/** What the gate looks at: the store's lifecycle, its Xero connection and whether its subscription allows syncing. */
export interface StoreGateFacts {
  status: StoreStatus | null;
  pausedSince?: Date | null;
  xero: { status: XeroConnectionStatus; lastError: string | null } | null;
  /** The subscription's verdict; `allowed: false` carries the merchant-facing message. */
  subscription: { allowed: true } | { allowed: false; message: string };
}

/**
 * Decides whether an order may be synced: an unknown or uninstalled store stops; a store awaiting its keys, a
 * deactivated store or one whose subscription does not allow syncing is paused; a store whose Xero connection is
 * missing or broken waits for the merchant to reconnect. Waiting orders lose nothing: they go on once resumed.
 */
export function storeGate(facts: StoreGateFacts): StoreGate {
  if (facts.status === null) return { verdict: 'stop', message: 'The store is not registered with this service.' };
  if (facts.status === 'uninstalled') {
    return { verdict: 'stop', message: 'The store uninstalled the plugin: nothing more is booked in Xero.' };
  }
  if (facts.status === 'awaiting-credentials') {
    return {
      verdict: 'wait',
      state: 'paused',
      message: 'Waiting for the store’s WooCommerce keys: finish activating the plugin.',
    };
  }
  if (facts.status === 'deactivated') {
    const since = facts.pausedSince ? ` since ${facts.pausedSince.toISOString()}` : '';
    return {
      verdict: 'wait',
      state: 'paused',
      message: `Syncing is paused${since}: the plugin was deactivated. Reactivate it to book this order.`,
    };
  }
  if (!facts.subscription.allowed) return { verdict: 'wait', state: 'paused', message: facts.subscription.message };
  if (facts.xero === null) {
    return { verdict: 'wait', state: 'waiting-for-reconnect', message: 'Connect Xero to book this order.' };
  }
  if (facts.xero.status !== 'connected') {
    const why = facts.xero.lastError ? ` (${facts.xero.lastError})` : '';
    return {
      verdict: 'wait',
      state: 'waiting-for-reconnect',
      message: `Xero needs to be reconnected${why}; this order is booked as soon as it is.`,
    };
  }
  return { verdict: 'sync' };
}
