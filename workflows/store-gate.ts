import { condition, setCurrentDetails } from '@temporalio/workflow';
import type { StoreGate } from '../lib/stores/sync-gate';
import type { SyncState } from './definitions';
import { storeActivities } from './store-activities';

/** The patch that makes every pass wait while its store is paused or its Xero connection needs the merchant. */
export const STORE_GATE_PATCH = 'store-gate';

/** How long a waiting order sleeps before it looks at its store again, when no signal wakes it sooner. */
export const DEFAULT_STORE_RECHECK_MS = 15 * 60_000;

/** Set by the order workflow's storeMaySync signal handler; cleared each time the order starts waiting again. */
export interface StoreWake {
  requested: boolean;
}

/**
 * Waits durably until the store lets its orders sync (the run shows `paused` or `waiting-for-reconnect` and why),
 * looking again when signalled or every `recheckMs`; resolves with `sync`, or `stop` when the store has left.
 */
export async function waitUntilStoreMaySync(
  storeId: string,
  wake: StoreWake,
  setState: (state: SyncState) => void,
  recheckMs = DEFAULT_STORE_RECHECK_MS,
): Promise<Exclude<StoreGate, { verdict: 'wait' }>> {
  for (;;) {
    wake.requested = false;
    const gate = await storeActivities.checkStoreMaySync({ storeId });
    if (gate.verdict !== 'wait') return gate;
    setState(gate.state);
    setCurrentDetails(gate.message);
    await condition(() => wake.requested, recheckMs);
  }
}

/** The failure types that mean Xero refused the connection: the order waits for a reconnect instead of failing. */
const XERO_REFUSED_CONNECTION = new Set(['XeroForbiddenError']);

/** Whether a pass failed because Xero refused the connection (403), with the refusal's message. */
export function xeroRefusal(err: unknown): string | undefined {
  let current: unknown = err;
  while (current instanceof Error) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && XERO_REFUSED_CONNECTION.has(type)) return current.message;
    current = current.cause;
  }
  return undefined;
}
