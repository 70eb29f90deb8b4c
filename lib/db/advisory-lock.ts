import type { Db } from './db';

/**
 * Takes a transaction-scoped advisory lock named by `key` (released at COMMIT/ROLLBACK), waiting while another
 * transaction holds it. Serialises work on rows that may not exist yet, where SELECT … FOR UPDATE has nothing to lock.
 */
export async function lockForTransaction(tx: Db, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
