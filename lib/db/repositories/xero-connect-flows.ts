import type { SecretCipher } from '../../secrets';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** Why the callback could not take a flow: unknown or expired, opened in another browser, or already used. */
export type ConnectFlowRefusal = 'unknown' | 'other_browser' | 'used';

/** Server-side state of the Xero connect flows: nonce → store, bound browser, consumed once. */
export interface XeroConnectFlowsRepository {
  /** Records a new flow for the store, valid until `expiresAt`. */
  create(nonce: string, storeId: string, expiresAt: Date): Promise<void>;
  /** Binds an unexpired, not yet opened flow to a browser; returns its store, or null (unknown, expired, opened). */
  bindBrowser(nonce: string, browserHash: string): Promise<{ storeId: string } | null>;
  /** Consumes the flow once, for its store and bound browser only; otherwise says why not and changes nothing. */
  consume(
    nonce: string,
    storeId: string,
    browserHash: string,
  ): Promise<{ ok: true } | { ok: false; refusal: ConnectFlowRefusal }>;
  /** Keeps `pending` (encrypted) on a consumed flow until the merchant decides, or until `expiresAt`. */
  holdPending(nonce: string, pending: string, expiresAt: Date): Promise<void>;
  /** Takes (and clears) what the flow holds, for its bound browser only, or null. */
  takePending(nonce: string, browserHash: string): Promise<{ storeId: string; pending: string } | null>;
}

interface FlowRow {
  storeId: string;
  browserHash: string | null;
  consumed: boolean;
  expired: boolean;
}

/** Creates the connect flows repository; what a flow holds for confirmation is encrypted with `cipher`. */
export function createXeroConnectFlowsRepository(db: Db, cipher: SecretCipher): XeroConnectFlowsRepository {
  return {
    create: async (nonce, storeId, expiresAt) => {
      await db.query('DELETE FROM xero_connect_flows WHERE expires_at < now()', []);
      await db.query('INSERT INTO xero_connect_flows (nonce, store_id, expires_at) VALUES ($1, $2, $3)', [
        nonce,
        storeId,
        expiresAt,
      ]);
    },

    bindBrowser: (nonce, browserHash) =>
      queryOne<{ storeId: string }>(
        db,
        `UPDATE xero_connect_flows SET browser_hash = $2
         WHERE nonce = $1 AND browser_hash IS NULL AND expires_at > now() RETURNING store_id AS "storeId"`,
        [nonce, browserHash],
      ),

    async consume(nonce, storeId, browserHash) {
      const taken = await queryOne(
        db,
        `UPDATE xero_connect_flows SET consumed_at = now()
         WHERE nonce = $1 AND store_id = $2 AND browser_hash = $3 AND consumed_at IS NULL AND expires_at > now()
         RETURNING nonce`,
        [nonce, storeId, browserHash],
      );
      if (taken) return { ok: true };
      const row = await queryOne<FlowRow>(
        db,
        `SELECT store_id AS "storeId", browser_hash AS "browserHash", consumed_at IS NOT NULL AS consumed,
           expires_at <= now() AS expired FROM xero_connect_flows WHERE nonce = $1`,
        [nonce],
      );
      if (!row || row.storeId !== storeId || row.expired) return { ok: false, refusal: 'unknown' };
      if (row.browserHash !== browserHash) return { ok: false, refusal: 'other_browser' };
      return { ok: false, refusal: 'used' };
    },

    holdPending: async (nonce, pending, expiresAt) => {
      await db.query('UPDATE xero_connect_flows SET pending_encrypted = $2, expires_at = $3 WHERE nonce = $1', [
        nonce,
        cipher.encrypt(pending),
        expiresAt,
      ]);
    },

    async takePending(nonce, browserHash) {
      // The subquery reads the value before the update clears it; RETURNING alone would see the cleared column.
      const row = await queryOne<{ storeId: string; pending: string }>(
        db,
        `UPDATE xero_connect_flows f SET pending_encrypted = NULL
         FROM (SELECT nonce, pending_encrypted FROM xero_connect_flows WHERE nonce = $1 FOR UPDATE) old
         WHERE f.nonce = old.nonce AND f.browser_hash = $2 AND f.pending_encrypted IS NOT NULL
           AND f.expires_at > now()
         RETURNING f.store_id AS "storeId", old.pending_encrypted AS pending`,
        [nonce, browserHash],
      );
      return row && { storeId: row.storeId, pending: cipher.decrypt(row.pending) };
    },
  };
}
