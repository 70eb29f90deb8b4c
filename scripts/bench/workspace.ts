import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabaseLocation } from '../../test/support/database';

/** A benchmark's scratch space: a data folder (logs, Temporal's SQLite, PGlite files) and its database. */
export interface Workspace {
  dir: string;
  /** DATABASE_URL of a fresh PostgreSQL database, or nothing (embedded PGlite in `dir`). */
  databaseEnv: NodeJS.ProcessEnv;
  /** True when the database is PostgreSQL, so the API and the worker can run as separate processes. */
  sharedDatabase: boolean;
  /** Drops the database and removes the folder. */
  remove(): Promise<void>;
}

/**
 * Creates the scratch space of one benchmark. With TEST_DATABASE_URL (a PostgreSQL server, as for the tests) the
 * database is a fresh one there; otherwise embedded PGlite in the folder, which serves one process.
 */
export async function createWorkspace(name: string): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), `woo-xero-bench-${name}-`));
  const database = await createTestDatabaseLocation(path.join(dir, 'data'));
  return {
    dir,
    databaseEnv: database.env,
    sharedDatabase: database.env.DATABASE_URL !== undefined,
    remove: async () => {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
