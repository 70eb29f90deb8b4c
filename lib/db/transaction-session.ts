import type { Connection, SqlSession } from './db';
import { runWithin } from './transaction-boundary';

/** A session bound to one open transaction, and the switch that retires it when the transaction ends. */
export interface TransactionSession {
  session: SqlSession;
  /** Makes every later use of `session` fail loudly instead of touching a connection that went back to the pool. */
  finish(): void;
}

/** Wraps a connection inside a transaction; nested `transaction` calls become savepoints. */
export function openTransactionSession(conn: Connection): TransactionSession {
  let finished = false;
  let savepoints = 0;
  const live = (): Connection => {
    if (finished) throw new Error('This transaction has already ended: use the database handle, not the old `tx`.');
    return conn;
  };

  const session: SqlSession = {
    query: async <T>(sql: string, params?: unknown[]) => (await live().query(sql, params)) as T[],
    exec: async (sql) => live().exec(sql),
    transaction: async (fn) => {
      const name = `nested_${++savepoints}`;
      const boundary = {
        begin: () => live().exec(`SAVEPOINT ${name}`),
        commit: () => live().exec(`RELEASE SAVEPOINT ${name}`),
        rollback: () => live().exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`),
      };
      return runWithin(boundary, () => fn(session));
    },
    close: () => Promise.reject(new Error('A transaction handle cannot be closed; it ends when its callback returns.')),
  };

  return {
    session,
    finish: () => {
      finished = true;
    },
  };
}
