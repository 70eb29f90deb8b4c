import type { Db } from './db';

/** Runs a query expected to return at most one row; returns that row or null. */
export async function queryOne<T>(db: Db, sql: string, params: unknown[]): Promise<T | null> {
  return (await db.query<T>(sql, params))[0] ?? null;
}
