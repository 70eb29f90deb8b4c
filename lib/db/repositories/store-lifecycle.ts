import type { SecretCipher } from '../../secrets';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/**
 * What the plugin (or the service itself) reports about a store, applied in order by its lifecycle workflow: keys
 * supplied (activation proper), deactivated (pause), reactivated (resume), uninstalled (leave), and the service's
 * own "sync may resume" (Xero reconnected, subscription renewed).
 */
export type StoreEventKind = 'credentials' | 'deactivated' | 'reactivated' | 'uninstalled' | 'sync-resumable';

/** Where an event stands: waiting for the store's workflow, applied, or failed (with what went wrong). */
export type StoreEventState = 'pending' | 'applied' | 'failed';

/** One recorded lifecycle event. */
export interface StoreEvent {
  id: number;
  storeId: string;
  kind: StoreEventKind;
  state: StoreEventState;
  /** What applying it did, or why it failed; no secrets or personal data. */
  outcome: string | null;
  receivedAt: Date;
  appliedAt: Date | null;
}

/** WooCommerce REST keys as a credentials event brings them. */
export interface WooKeys {
  consumerKey: string;
  consumerSecret: string;
}

/** A window during which a store was paused. */
export interface StorePause {
  reason: 'deactivated';
  startedAt: Date;
  endedAt: Date | null;
}

/** Store lifecycle events and pause windows. */
export interface StoreLifecycleRepository {
  /** Records an event as pending (with the keys a credentials event brings, encrypted); returns it. */
  record(storeId: string, kind: StoreEventKind, keys?: WooKeys): Promise<StoreEvent>;
  /** The keys a pending credentials event brought, or null. */
  keysOf(id: number): Promise<WooKeys | null>;
  /** The store's oldest pending event, or null. */
  nextPending(storeId: string): Promise<StoreEvent | null>;
  /** One event of the store, or null. */
  get(storeId: string, id: number): Promise<StoreEvent | null>;
  /** Marks an event applied or failed with its outcome, and forgets the keys it brought. */
  settle(id: number, state: Exclude<StoreEventState, 'pending'>, outcome: string): Promise<void>;
  /** The store's latest events, newest first. */
  list(storeId: string, limit?: number): Promise<StoreEvent[]>;
  /** Opens a pause window at `at` unless one is open; returns the open window. */
  openPause(storeId: string, reason: StorePause['reason'], at: Date): Promise<StorePause>;
  /** Closes the open pause window at `at`; returns it, or null when none was open. */
  closePause(storeId: string, at: Date): Promise<StorePause | null>;
  /** The store's pause windows, newest first. */
  pauses(storeId: string, limit?: number): Promise<StorePause[]>;
}

const EVENT_COLUMNS = `id::int AS id, store_id AS "storeId", kind, state, outcome, received_at AS "receivedAt",
  applied_at AS "appliedAt"`;
const PAUSE_COLUMNS = 'reason, started_at AS "startedAt", ended_at AS "endedAt"';

/** Creates the store lifecycle repository. */
export function createStoreLifecycleRepository(db: Db, cipher: SecretCipher): StoreLifecycleRepository {
  return {
    record: async (storeId, kind, keys) =>
      (await queryOne<StoreEvent>(
        db,
        `INSERT INTO store_lifecycle_events (store_id, kind, keys_encrypted) VALUES ($1, $2, $3)
         RETURNING ${EVENT_COLUMNS}`,
        [storeId, kind, keys ? cipher.encrypt(JSON.stringify(keys)) : null],
      )) as StoreEvent,

    keysOf: async (id) => {
      const row = await queryOne<{ keys: string | null }>(
        db,
        'SELECT keys_encrypted AS keys FROM store_lifecycle_events WHERE id = $1',
        [id],
      );
      return row?.keys ? (JSON.parse(cipher.decrypt(row.keys)) as WooKeys) : null;
    },

    nextPending: (storeId) =>
      queryOne<StoreEvent>(
        db,
        `SELECT ${EVENT_COLUMNS} FROM store_lifecycle_events WHERE store_id = $1 AND state = 'pending'
          ORDER BY id LIMIT 1`,
        [storeId],
      ),

    get: (storeId, id) =>
      queryOne<StoreEvent>(db, `SELECT ${EVENT_COLUMNS} FROM store_lifecycle_events WHERE store_id = $1 AND id = $2`, [
        storeId,
        id,
      ]),

    settle: async (id, state, outcome) => {
      await db.query(
        `UPDATE store_lifecycle_events SET state = $2, outcome = $3, applied_at = now(), keys_encrypted = NULL
          WHERE id = $1`,
        [id, state, outcome],
      );
    },

    list: (storeId, limit = 50) =>
      db.query<StoreEvent>(
        `SELECT ${EVENT_COLUMNS} FROM store_lifecycle_events WHERE store_id = $1 ORDER BY id DESC LIMIT $2`,
        [storeId, limit],
      ),

    openPause: async (storeId, reason, at) => {
      await db.query(
        `INSERT INTO store_pauses (store_id, reason, started_at) VALUES ($1, $2, $3)
         ON CONFLICT (store_id) WHERE ended_at IS NULL DO NOTHING`,
        [storeId, reason, at],
      );
      return (await queryOne<StorePause>(
        db,
        `SELECT ${PAUSE_COLUMNS} FROM store_pauses WHERE store_id = $1 AND ended_at IS NULL`,
        [storeId],
      )) as StorePause;
    },

    closePause: (storeId, at) =>
      queryOne<StorePause>(
        db,
        `UPDATE store_pauses SET ended_at = $2 WHERE store_id = $1 AND ended_at IS NULL RETURNING ${PAUSE_COLUMNS}`,
        [storeId, at],
      ),

    pauses: (storeId, limit = 20) =>
      db.query<StorePause>(
        `SELECT ${PAUSE_COLUMNS} FROM store_pauses WHERE store_id = $1 ORDER BY started_at DESC LIMIT $2`,
        [storeId, limit],
      ),
  };
}
