import type { Db } from '../db';
import { queryOne } from '../query-one';
import type { DocumentKind } from '../../mapping/types';

/** Where an order stands in Xero. */
export type LedgerState =
  'pending' | 'synced' | 'failed' | 'skipped' | 'voided' | 'paid' | 'part-refunded' | 'refunded' | 'deleted';

/** One order's sync record: which Xero document it became, with what totals, by which workflow run. */
export interface LedgerEntry {
  storeId: string;
  orderId: number;
  orderNumber: string | null;
  state: LedgerState;
  documentKind: DocumentKind | null;
  xeroDocumentId: string | null;
  xeroDocumentNumber: string | null;
  /** Exact decimal as text, e.g. "123.45" (never a float). */
  orderTotal: string | null;
  /** Exact decimal as text. */
  xeroTotal: string | null;
  /** ISO 4217 code, e.g. "NZD". */
  currency: string | null;
  settingsVersion: number | null;
  lastError: string | null;
  /** A problem after booking that leaves the order synced (e.g. no order note in WooCommerce); null when none. */
  warning: string | null;
  /** What the last pass found it could not bring Xero in step with (e.g. an edit of a paid invoice); null when none. */
  difference: string | null;
  /** What the order billed when its document was last sent (lib/lifecycle/order-digest.ts); null before the first look. */
  orderDigest: string | null;
  workflowId: string | null;
  runId: string | null;
  /** While the sync waits for the organisation's Xero capacity: when it expects to go on; null otherwise. */
  xeroWaitUntil: Date | null;
  updatedAt: Date;
}

/** An insert-or-update of a ledger entry: fields left out keep their stored value (or default); null clears. */
export type LedgerUpsert = Partial<Omit<LedgerEntry, 'updatedAt' | 'xeroWaitUntil'>> & {
  storeId: string;
  orderId: number;
};

/** The sync ledger: order → Xero document. */
export interface LedgerRepository {
  /** The order's entry, or null. */
  get(storeId: string, orderId: number): Promise<LedgerEntry | null>;
  /** Creates or updates the entry with the given fields, stamps updatedAt and returns the stored entry. */
  upsert(entry: LedgerUpsert): Promise<LedgerEntry>;
  /** Whether a ledger entry other than this order's records the Xero document (another store's, or another order's). */
  isDocumentRecordedElsewhere(xeroDocumentId: string, storeId: string, orderId: number): Promise<boolean>;
  /**
   * Records (or with null clears) that the order's sync waits for Xero capacity until `until`. With an order id a
   * pending entry is created when none exists yet; without one the entry of the workflow run is updated.
   */
  recordXeroWait(order: { storeId: string; orderId?: number; workflowId: string }, until: Date | null): Promise<void>;
}

/** Entry fields that upsert may write, with their columns. */
const WRITABLE_COLUMNS = {
  orderNumber: 'order_number',
  state: 'state',
  documentKind: 'document_kind',
  xeroDocumentId: 'xero_document_id',
  xeroDocumentNumber: 'xero_document_number',
  orderTotal: 'order_total',
  xeroTotal: 'xero_total',
  currency: 'currency',
  settingsVersion: 'settings_version',
  lastError: 'last_error',
  warning: 'warning',
  difference: 'difference',
  orderDigest: 'order_digest',
  workflowId: 'workflow_id',
  runId: 'run_id',
} as const satisfies Record<keyof Omit<LedgerEntry, 'storeId' | 'orderId' | 'updatedAt' | 'xeroWaitUntil'>, string>;

const MONEY_FIELDS = ['orderTotal', 'xeroTotal'] as const;

const COLUMNS = `store_id AS "storeId", order_id AS "orderId", order_number AS "orderNumber", state,
  document_kind AS "documentKind", xero_document_id AS "xeroDocumentId",
  xero_document_number AS "xeroDocumentNumber", order_total::text AS "orderTotal", xero_total::text AS "xeroTotal",
  currency, settings_version AS "settingsVersion", last_error AS "lastError", warning, difference,
  order_digest AS "orderDigest", workflow_id AS "workflowId",
  run_id AS "runId", xero_wait_until AS "xeroWaitUntil", updated_at AS "updatedAt"`;

/** Creates the ledger repository. */
export function createLedgerRepository(db: Db): LedgerRepository {
  return {
    get: (storeId, orderId) =>
      queryOne<LedgerEntry>(db, `SELECT ${COLUMNS} FROM sync_ledger WHERE store_id = $1 AND order_id = $2`, [
        storeId,
        orderId,
      ]),

    isDocumentRecordedElsewhere: async (xeroDocumentId, storeId, orderId) => {
      const rows = await db.query<{ found: number }>(
        `SELECT 1 AS found FROM sync_ledger
          WHERE xero_document_id = $1 AND NOT (store_id = $2 AND order_id = $3) LIMIT 1`,
        [xeroDocumentId, storeId, orderId],
      );
      return rows.length > 0;
    },

    recordXeroWait: async ({ storeId, orderId, workflowId }, until) => {
      if (orderId === undefined) {
        await db.query('UPDATE sync_ledger SET xero_wait_until = $3 WHERE store_id = $1 AND workflow_id = $2', [
          storeId,
          workflowId,
          until,
        ]);
        return;
      }
      await db.query(
        `INSERT INTO sync_ledger (store_id, order_id, state, workflow_id, xero_wait_until)
         VALUES ($1, $2, 'pending', $3, $4)
         ON CONFLICT (store_id, order_id) DO UPDATE SET xero_wait_until = EXCLUDED.xero_wait_until`,
        [storeId, orderId, workflowId, until],
      );
    },

    upsert: async (entry) => {
      assertMoneyIsText(entry);
      const fields = (Object.keys(WRITABLE_COLUMNS) as (keyof typeof WRITABLE_COLUMNS)[]).filter(
        (field) => entry[field] !== undefined,
      );
      const columns = fields.map((field) => WRITABLE_COLUMNS[field]);
      const placeholders = columns.map((_, i) => `$${i + 3}`);
      const updates = [...columns.map((column) => `${column} = EXCLUDED.${column}`), 'updated_at = now()'];
      const [row] = await db.query<LedgerEntry>(
        `INSERT INTO sync_ledger (store_id, order_id${columns.map((c) => `, ${c}`).join('')})
         VALUES ($1, $2${placeholders.map((p) => `, ${p}`).join('')})
         ON CONFLICT (store_id, order_id) DO UPDATE SET ${updates.join(', ')}
         RETURNING ${COLUMNS}`,
        [entry.storeId, entry.orderId, ...fields.map((field) => entry[field])],
      );
      return row as LedgerEntry;
    },
  };
}

/** Money must arrive as decimal text: a JS number may already have lost cents to binary floating point. */
function assertMoneyIsText(entry: LedgerUpsert): void {
  for (const field of MONEY_FIELDS) {
    const value: unknown = entry[field];
    if (value !== undefined && value !== null && (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))) {
      throw new TypeError(`${field} must be a decimal string such as "123.45"`);
    }
  }
}
