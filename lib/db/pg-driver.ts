import { Pool, types as pgTypes, type PoolClient } from 'pg';

import type { Connection, Driver, Row } from './db';
import { runWithin } from './transaction-boundary';
import { INT8_OID, parseInt8 } from './type-parsers';

/** Options for the PostgreSQL driver. */
export interface PgDriverOptions {
  databaseUrl: string;
  /** Pool size; each open transaction (and each `withLock`) holds one connection. Defaults to 10. */
  maxConnections?: number;
}

/** A Driver over a pg Pool; each transaction runs on its own pooled client. */
export function createPgDriver(options: PgDriverOptions): Driver {
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    types: { getTypeParser: (oid, format) => (oid === INT8_OID ? parseInt8 : pgTypes.getTypeParser(oid, format)) },
  });
  // An idle client losing its connection is emitted here; without a listener it would crash the process.
  pool.on('error', (error) => console.error(`PostgreSQL pool: idle connection failed: ${error.message}`));

  return {
    ...connectionOver(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken = false;
      try {
        const boundary = {
          begin: () => run(client, 'BEGIN'),
          commit: () => commit(client),
          rollback: () =>
            run(client, 'ROLLBACK').catch((error: unknown) => {
              broken = true;
              throw error;
            }),
        };
        return await runWithin(boundary, () => fn(connectionOver(client)));
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

function connectionOver(target: Pool | PoolClient): Connection {
  return {
    query: async (sql, params) => (await target.query<Row>(sql, params)).rows,
    exec: (sql) => run(target, sql),
  };
}

async function run(target: Pool | PoolClient, sql: string): Promise<void> {
  await target.query(sql);
}

/** PostgreSQL answers COMMIT of a failed transaction with ROLLBACK and no error; make it an error, as PGlite does. */
async function commit(client: PoolClient): Promise<void> {
  const result = await client.query('COMMIT');
  if (result.command === 'ROLLBACK') {
    const error = new Error('Transaction was rolled back instead of committed: a statement inside it had failed.');
    throw Object.assign(error, { code: '25P02' });
  }
}
