import { AsyncLocalStorage } from 'node:async_hooks';

import type { Driver, SqlSession } from './db';
import { openTransactionSession } from './transaction-session';

/**
 * Wraps a driver as the top-level Db handle. Using that handle from inside one of its own transaction callbacks
 * throws at once on both engines: on embedded PGlite (one connection) it would otherwise wait forever.
 */
export function createRootSession(driver: Driver): SqlSession {
  const openTransaction = new AsyncLocalStorage<{ open: boolean }>();
  let closed = false;

  const usable = (): Driver => {
    if (closed) throw new Error('The database has been closed.');
    if (openTransaction.getStore()?.open) {
      throw new Error(
        'The database handle was used inside its own transaction callback: use the `tx` handle passed to the ' +
          'callback (on embedded PGlite the outer handle waits for the transaction to end, which never happens).',
      );
    }
    return driver;
  };

  return {
    query: async <T>(sql: string, params?: unknown[]) => (await usable().query(sql, params)) as T[],
    exec: async (sql) => usable().exec(sql),
    transaction: async (fn) =>
      usable().transaction(async (conn) => {
        const { session, finish } = openTransactionSession(conn);
        const marker = { open: true };
        try {
          return await openTransaction.run(marker, () => fn(session));
        } finally {
          marker.open = false;
          finish();
        }
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await driver.close();
    },
  };
}
