import type { ContactMemory, ItemMemory } from '../../xero/memory-ports';
import { itemCodeKey } from '../../xero/memory-ports';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** Contacts and item codes known in each store's current Xero organisation (see lib/xero/memory-ports.ts). */
export type XeroMemoryRepository = ContactMemory & ItemMemory;

// Every statement joins the store's connection, so the memory of one organisation never serves another after
// the merchant connects the store to a different one.
const TENANT_OF_STORE = 'SELECT tenant_id FROM xero_connections WHERE store_id = $1';

/** Creates the repository over `db`. */
export function createXeroMemoryRepository(db: Db): XeroMemoryRepository {
  return {
    recallContact: async (storeId, customerKey) => {
      const row = await queryOne<{ contactId: string }>(
        db,
        `SELECT contact_id AS "contactId" FROM xero_contact_memory
         WHERE store_id = $1 AND customer_key = $2 AND tenant_id = (${TENANT_OF_STORE})`,
        [storeId, customerKey],
      );
      return row?.contactId ?? null;
    },

    rememberContact: async (storeId, customerKey, contactId) => {
      await db.query(
        `INSERT INTO xero_contact_memory (store_id, tenant_id, customer_key, contact_id)
         SELECT $1, tenant_id, $2, $3 FROM xero_connections WHERE store_id = $1
         ON CONFLICT (store_id, tenant_id, customer_key)
           DO UPDATE SET contact_id = EXCLUDED.contact_id, remembered_at = now()`,
        [storeId, customerKey, contactId],
      );
    },

    forgetContact: async (storeId, contactId) => {
      await db.query('DELETE FROM xero_contact_memory WHERE store_id = $1 AND contact_id = $2', [storeId, contactId]);
    },

    claimContactName: async (storeId, nameKey, claimant) => {
      await db.query(
        `INSERT INTO xero_contact_name_claims (tenant_id, name_key, claimant)
         SELECT tenant_id, $2, $3 FROM xero_connections WHERE store_id = $1
         ON CONFLICT (tenant_id, name_key) DO NOTHING`,
        [storeId, nameKey, claimant],
      );
      // A separate statement, so it sees a claim that a concurrent transaction committed while this one waited.
      const holder = await queryOne<{ claimant: string }>(
        db,
        `SELECT claimant FROM xero_contact_name_claims WHERE tenant_id = (${TENANT_OF_STORE}) AND name_key = $2`,
        [storeId, nameKey],
      );
      return holder?.claimant === claimant;
    },

    knownItemCodes: async (storeId, codes) => {
      if (codes.length === 0) return new Set();
      const rows = await db.query<{ code: string }>(
        `SELECT code_key AS code FROM xero_known_items
         WHERE tenant_id = (${TENANT_OF_STORE}) AND code_key = ANY($2::text[])`,
        [storeId, [...new Set(codes.map(itemCodeKey))]],
      );
      return new Set(rows.map((row) => row.code));
    },

    rememberItemCodes: async (storeId, codes) => {
      if (codes.length === 0) return;
      await db.query(
        `INSERT INTO xero_known_items (tenant_id, code_key)
         SELECT c.tenant_id, code FROM xero_connections c, unnest($2::text[]) AS code WHERE c.store_id = $1
         ON CONFLICT (tenant_id, code_key) DO UPDATE SET remembered_at = now()`,
        [storeId, [...new Set(codes.map(itemCodeKey))]],
      );
    },

    forgetItemCodes: async (storeId, codes) => {
      if (codes.length === 0) return;
      await db.query(
        `DELETE FROM xero_known_items WHERE tenant_id = (${TENANT_OF_STORE}) AND code_key = ANY($2::text[])`,
        [storeId, codes.map(itemCodeKey)],
      );
    },
  };
}
