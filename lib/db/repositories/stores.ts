import { generateToken, type SecretCipher } from '../../secrets';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** Lifecycle of a store as the WordPress plugin reports it. */
export type StoreStatus = 'active' | 'deactivated' | 'uninstalled';

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
}

const STORE_COLUMNS = 'id, url, status, created_at AS "createdAt"';

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
      const row = await queryOne<{ key: string; secret: string; webhook: string }>(
        db,
        `SELECT consumer_key_encrypted AS key, consumer_secret_encrypted AS secret, webhook_secret_encrypted AS webhook
           FROM store_credentials WHERE store_id = $1`,
        [id],
      );
      if (!row) return null;
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
  };
}
