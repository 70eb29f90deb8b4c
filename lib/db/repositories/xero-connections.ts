import { createHash } from 'node:crypto';
import type { SecretCipher } from '../../secrets';
import { lockForTransaction } from '../advisory-lock';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** Whether a store's Xero organisation is usable, or needs the merchant to connect again. */
export type XeroConnectionStatus = 'connected' | 'disconnected';

/** A store's link to one Xero organisation, with decrypted OAuth tokens. */
export interface XeroConnection {
  storeId: string;
  tenantId: string;
  tenantName: string;
  connectionId: string;
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  /** Space-separated OAuth scopes as Xero granted them. */
  scopes: string;
  status: XeroConnectionStatus;
  lastError: string | null;
  updatedAt: Date;
}

/** What the OAuth flow yields when a merchant connects Xero. */
export type NewXeroConnection = Pick<
  XeroConnection,
  'tenantId' | 'tenantName' | 'connectionId' | 'accessToken' | 'refreshToken' | 'accessTokenExpiresAt' | 'scopes'
>;

/** Everything `withLock`'s save writes; a whole XeroConnection fits (its storeId and updatedAt are ignored). */
export type XeroConnectionUpdate = Omit<XeroConnection, 'storeId' | 'updatedAt'>;

/** Xero connections and their encrypted tokens. */
export interface XeroConnectionsRepository {
  /** Stores (or replaces) the connection after the OAuth flow; it becomes `connected` with no last error. */
  save(storeId: string, conn: NewXeroConnection): Promise<void>;
  /** The connection with decrypted tokens, or null. */
  get(storeId: string): Promise<XeroConnection | null>;
  /**
   * Runs `fn` holding the store's connection lock (a transaction with SELECT … FOR UPDATE), so token refreshes are
   * serialised across processes. `save` writes within that transaction; what it saved is committed even when `fn`
   * then throws, because a rotated refresh token must never be lost. Inside `fn`, use only `current` and `save`.
   */
  withLock<T>(
    storeId: string,
    fn: (current: XeroConnection | null, save: (next: XeroConnectionUpdate) => Promise<void>) => Promise<T>,
  ): Promise<T>;
  /** Marks the connection unusable (for example, the refresh token was rejected) with a reason for the merchant. */
  markDisconnected(storeId: string, reason: string): Promise<void>;
  /** The stores whose connected organisation's refresh token was issued before `before` (it dies 60 days unused). */
  storesWithRefreshTokenBefore(before: Date): Promise<string[]>;
  /** The ids of the other stores whose connection points at this Xero organisation (tenant), in id order. */
  storesSharingTenant(tenantId: string, exceptStoreId: string): Promise<string[]>;
}

/** A row as stored: the token fields still hold SecretCipher tokens. */
type EncryptedRow = XeroConnection;

const COLUMNS = `store_id AS "storeId", tenant_id AS "tenantId", tenant_name AS "tenantName",
  connection_id AS "connectionId", access_token_encrypted AS "accessToken", refresh_token_encrypted AS "refreshToken",
  access_token_expires_at AS "accessTokenExpiresAt", scopes, status, last_error AS "lastError",
  updated_at AS "updatedAt"`;

/** Creates the Xero connections repository. */
export function createXeroConnectionsRepository(db: Db, cipher: SecretCipher): XeroConnectionsRepository {
  const decrypt = (row: EncryptedRow | null): XeroConnection | null =>
    row && { ...row, accessToken: cipher.decrypt(row.accessToken), refreshToken: cipher.decrypt(row.refreshToken) };

  const write = async (q: Db, storeId: string, c: XeroConnectionUpdate): Promise<void> => {
    await q.query(
      `INSERT INTO xero_connections (store_id, tenant_id, tenant_name, connection_id, access_token_encrypted,
         refresh_token_encrypted, access_token_expires_at, scopes, status, last_error, refresh_token_digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (store_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, tenant_name = EXCLUDED.tenant_name,
         connection_id = EXCLUDED.connection_id, access_token_encrypted = EXCLUDED.access_token_encrypted,
         refresh_token_encrypted = EXCLUDED.refresh_token_encrypted,
         access_token_expires_at = EXCLUDED.access_token_expires_at, scopes = EXCLUDED.scopes,
         status = EXCLUDED.status, last_error = EXCLUDED.last_error, updated_at = now(),
         refresh_token_digest = EXCLUDED.refresh_token_digest,
         refresh_token_at = CASE WHEN xero_connections.refresh_token_digest IS NOT DISTINCT FROM
           EXCLUDED.refresh_token_digest THEN xero_connections.refresh_token_at ELSE now() END`,
      [
        storeId,
        c.tenantId,
        c.tenantName,
        c.connectionId,
        cipher.encrypt(c.accessToken),
        cipher.encrypt(c.refreshToken),
        c.accessTokenExpiresAt,
        c.scopes,
        c.status,
        c.lastError,
        createHash('sha256').update(c.refreshToken).digest('hex'),
      ],
    );
  };

  return {
    save: (storeId, conn) => write(db, storeId, { ...conn, status: 'connected', lastError: null }),

    get: async (storeId) =>
      decrypt(
        await queryOne<EncryptedRow>(db, `SELECT ${COLUMNS} FROM xero_connections WHERE store_id = $1`, [storeId]),
      ),

    async withLock<T>(
      storeId: string,
      fn: (current: XeroConnection | null, save: (next: XeroConnectionUpdate) => Promise<void>) => Promise<T>,
    ): Promise<T> {
      const settled: { outcome?: { value: T } | { error: unknown } } = {};
      try {
        await db.transaction(async (tx) => {
          // The advisory lock also serialises callers while no row exists yet; FOR UPDATE holds off plain writers.
          await lockForTransaction(tx, `xero_connections:${storeId}`);
          const row = await queryOne<EncryptedRow>(
            tx,
            `SELECT ${COLUMNS} FROM xero_connections WHERE store_id = $1 FOR UPDATE`,
            [storeId],
          );
          settled.outcome = await fn(decrypt(row), (next) => write(tx, storeId, next)).then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          );
        });
      } catch (error) {
        // When fn failed, its error explains the failed COMMIT better than the COMMIT error does.
        throw settled.outcome && 'error' in settled.outcome ? settled.outcome.error : error;
      }
      if (!settled.outcome) throw new Error('withLock: the transaction ended without running its callback');
      if ('error' in settled.outcome) throw settled.outcome.error;
      return settled.outcome.value;
    },

    markDisconnected: async (storeId, reason) => {
      await db.query(
        `UPDATE xero_connections SET status = 'disconnected', last_error = $2, updated_at = now() WHERE store_id = $1`,
        [storeId, reason],
      );
    },

    storesWithRefreshTokenBefore: async (before) =>
      (
        await db.query<{ storeId: string }>(
          `SELECT store_id AS "storeId" FROM xero_connections
            WHERE status = 'connected' AND refresh_token_at < $1 ORDER BY refresh_token_at`,
          [before],
        )
      ).map((row) => row.storeId),

    storesSharingTenant: async (tenantId, exceptStoreId) => {
      const rows = await db.query<{ storeId: string }>(
        `SELECT store_id AS "storeId" FROM xero_connections WHERE tenant_id = $1 AND store_id <> $2 ORDER BY store_id`,
        [tenantId, exceptStoreId],
      );
      return rows.map((row) => row.storeId);
    },
  };
}
