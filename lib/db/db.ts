/** A row as the drivers return it: column name to parsed value. */
export type Row = Record<string, unknown>;

/** The one database interface the service codes against, whichever engine is behind it. */
export interface Db {
  /** Runs one SQL statement with `$1…$n` parameters and returns its rows (timestamptz → Date, numeric → string). */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in a transaction (a savepoint when nested); commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Closes the pool or the embedded database; further use fails. */
  close(): Promise<void>;
}

/** Internal: a Db that can also run a multi-statement SQL script (migrations need it). */
export interface SqlSession extends Db {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** As Db.transaction, with a handle that can also exec scripts. */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}

/** Internal: what a driver offers for one connection (or one open transaction). */
export interface Connection {
  /** Runs one statement with parameters. */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
}

/** Internal: an engine behind a Db (a pg Pool or an embedded PGlite). */
export interface Driver extends Connection {
  /** Runs `fn` on one dedicated connection between BEGIN and COMMIT, rolling back if it throws. */
  transaction<T>(fn: (conn: Connection) => Promise<T>): Promise<T>;
  /** Releases the engine's resources. */
  close(): Promise<void>;
}
