import { generateToken, type SecretCipher } from '../../secrets';
import type { WooStoreFacts } from '../../woocommerce/store-facts';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** Lifecycle of a store as the WordPress plugin reports it. */
export type StoreStatus = 'awaiting-credentials' | 'active' | 'deactivated' | 'uninstalled';

/** A registered store, without any secret. */
export interface StoreRecord {
  id: string;
  url: string;
  status: StoreStatus;
  createdAt: Date;
}

/** What registering a store needs; the WooCommerce keys and webhook secret are stored encrypted. */
export interface NewStore {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  webhookSecret: string;
  /** hashApiToken() of the store's API token; the token itself is never stored. */
  apiTokenHash: string;
}

/** A store's decrypted WooCommerce REST keys and webhook secret. */
export interface StoreCredentials {
  consumerKey: string;
  consumerSecret: string;
  webhookSecret: string;
}

/** The admin who activated the plugin and consented: what its privacy notice says it sends. */
export interface StoreAdmin {
  email: string;
  username: string;
  wpUserId: number;
}

/** What an activation by the plugin records: the store waits for its WooCommerce keys. */
export interface NewActivation {
  url: string;
  webhookSecret: string;
  apiTokenHash: string;
  admin: StoreAdmin;
  consentedAt: Date;
}

/** Currency, decimals and tax settings as activation read them from the store (kept as WooCommerce gave them). */
export type StoreFacts = WooStoreFacts;

/** Stores and their encrypted credentials. */
export interface StoresRepository {
  /** Registers a store with a new `st_…` id; the store and its encrypted credentials are written together. */
  create(input: NewStore): Promise<StoreRecord>;
  /** The store, or null. */
  get(id: string): Promise<StoreRecord | null>;
  /** The decrypted credentials, or null when the store is unknown. */
  getCredentials(id: string): Promise<StoreCredentials | null>;
  /** The stored API token hash, or null when the store is unknown. */
  getApiTokenHash(id: string): Promise<string | null>;
  /** Records a lifecycle change; false when the store is unknown. */
  setStatus(id: string, status: StoreStatus): Promise<boolean>;
  /** Records a store activated by the plugin (awaiting its keys), with the consenting admin, in one transaction. */
  createActivated(input: NewActivation): Promise<StoreRecord>;
  /** Stores (replaces) the store's WooCommerce REST keys, encrypted. */
  setWooKeys(id: string, keys: { consumerKey: string; consumerSecret: string }): Promise<void>;
  /** The store's facts as activation last read them, or null. */
  getFacts(id: string): Promise<StoreFacts | null>;
  /** Records the facts activation read. */
  setFacts(id: string, facts: StoreFacts): Promise<void>;
  /** The decrypted admin who consented, or null (never activated by the plugin, or erased). */
  getAdmin(id: string): Promise<StoreAdmin | null>;
  /** The active stores with this URL (a second activation of a live store is refused). */
  liveStoresAt(url: string): Promise<StoreRecord[]>;
  /**
   * Erases the store's secrets and personal data (keys, webhook secret, admin, Xero tokens, remembered contacts,
   * pending Xero create bodies, connect flows) and marks it uninstalled; the ledger stays. Idempotent.
   */
  eraseForUninstall(id: string): Promise<void>;
}

const STORE_COLUMNS = 'id, url, status, created_at AS "createdAt"';

/** Tables holding a store's secrets or personal data, emptied on uninstall (the ledger is an accounting record). */
const ERASED_ON_UNINSTALL = [
  'store_credentials',
  'store_admins',
  'xero_connections',
  'xero_connect_flows',
  'xero_contact_memory',
  'xero_create_attempts',
];

/** Creates the stores repository. */
export function createStoresRepository(db: Db, cipher: SecretCipher): StoresRepository {
  return {
    create: (input) =>
      db.transaction(async (tx) => {
        const id = generateToken('st', 16);
        const [store] = await tx.query<StoreRecord>(
          `INSERT INTO stores (id, url, api_token_hash) VALUES ($1, $2, $3) RETURNING ${STORE_COLUMNS}`,
          [id, input.url, input.apiTokenHash],
        );
        await tx.query(
          `INSERT INTO store_credentials (store_id, consumer_key_encrypted, consumer_secret_encrypted,
             webhook_secret_encrypted) VALUES ($1, $2, $3, $4)`,
          [id, ...[input.consumerKey, input.consumerSecret, input.webhookSecret].map((plain) => cipher.encrypt(plain))],
        );
        return store as StoreRecord;
      }),

    get: (id) => queryOne<StoreRecord>(db, `SELECT ${STORE_COLUMNS} FROM stores WHERE id = $1`, [id]),

    getCredentials: async (id) => {
      const row = await queryOne<{ key: string | null; secret: string | null; webhook: string }>(
        db,
        `SELECT consumer_key_encrypted AS key, consumer_secret_encrypted AS secret, webhook_secret_encrypted AS webhook
           FROM store_credentials WHERE store_id = $1`,
        [id],
      );
      if (!row || row.key === null || row.secret === null) return null;
      return {
        consumerKey: cipher.decrypt(row.key),
        consumerSecret: cipher.decrypt(row.secret),
        webhookSecret: cipher.decrypt(row.webhook),
      };
    },

    getApiTokenHash: async (id) => {
      const row = await queryOne<{ hash: string }>(db, 'SELECT api_token_hash AS hash FROM stores WHERE id = $1', [id]);
      return row?.hash ?? null;
    },

    setStatus: async (id, status) =>
      (await queryOne(db, 'UPDATE stores SET status = $2 WHERE id = $1 RETURNING id', [id, status])) !== null,

    createActivated: (input) =>
      db.transaction(async (tx) => {
        const id = generateToken('st', 16);
        const [store] = await tx.query<StoreRecord>(
          `INSERT INTO stores (id, url, api_token_hash, status) VALUES ($1, $2, $3, 'awaiting-credentials')
           RETURNING ${STORE_COLUMNS}`,
          [id, input.url, input.apiTokenHash],
        );
        await tx.query('INSERT INTO store_credentials (store_id, webhook_secret_encrypted) VALUES ($1, $2)', [
          id,
          cipher.encrypt(input.webhookSecret),
        ]);
        await tx.query(
          `INSERT INTO store_admins (store_id, admin_email_encrypted, username_encrypted, wp_user_id, consented_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [
            id,
            cipher.encrypt(input.admin.email),
            cipher.encrypt(input.admin.username),
            input.admin.wpUserId,
            input.consentedAt,
          ],
        );
        return store as StoreRecord;
      }),

    setWooKeys: async (id, keys) => {
      await db.query(
        `UPDATE store_credentials SET consumer_key_encrypted = $2, consumer_secret_encrypted = $3, updated_at = now()
          WHERE store_id = $1`,
        [id, cipher.encrypt(keys.consumerKey), cipher.encrypt(keys.consumerSecret)],
      );
    },

    getFacts: async (id) =>
      (await queryOne<{ facts: StoreFacts | null }>(db, 'SELECT facts FROM stores WHERE id = $1', [id]))?.facts ?? null,

    setFacts: async (id, facts) => {
      await db.query('UPDATE stores SET facts = $2::jsonb WHERE id = $1', [id, JSON.stringify(facts)]);
    },

    getAdmin: async (id) => {
      const row = await queryOne<{ email: string; username: string; wpUserId: string | number }>(
        db,
        `SELECT admin_email_encrypted AS email, username_encrypted AS username, wp_user_id AS "wpUserId"
           FROM store_admins WHERE store_id = $1`,
        [id],
      );
      if (!row) return null;
      return {
        email: cipher.decrypt(row.email),
        username: cipher.decrypt(row.username),
        wpUserId: Number(row.wpUserId),
      };
    },

    liveStoresAt: (url) =>
      db.query<StoreRecord>(`SELECT ${STORE_COLUMNS} FROM stores WHERE url = $1 AND status <> 'uninstalled'`, [url]),

    eraseForUninstall: (id) =>
      db.transaction(async (tx) => {
        for (const table of ERASED_ON_UNINSTALL) await tx.query(`DELETE FROM ${table} WHERE store_id = $1`, [id]);
        await tx.query('UPDATE store_lifecycle_events SET keys_encrypted = NULL WHERE store_id = $1', [id]);
        await tx.query(`UPDATE stores SET status = 'uninstalled' WHERE id = $1`, [id]);
      }),
  };
}
