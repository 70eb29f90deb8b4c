import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { ensurePrivateDir } from '../files/private-dir';
import { acquireLockFile } from './data-dir-lock';
import type { Db, Driver } from './db';
import { loadMigrations, runMigrations } from './migrations';
import { createPgDriver } from './pg-driver';
import { createPgliteDriver } from './pglite-driver';
import { createRootSession } from './root-session';

/** Which database to open: PostgreSQL when `databaseUrl` is set, else embedded PGlite (in memory or in `dataDir`). */
export interface OpenDatabaseOptions {
  /** postgres:// connection string (DATABASE_URL); selects PostgreSQL. */
  databaseUrl?: string;
  /** Data folder of the embedded default; the database lives in `${dataDir}/pglite`. */
  dataDir?: string;
  /** Embedded PGlite in memory, for tests. */
  inMemory?: boolean;
  /** With `inMemory`: start from this createPgliteSnapshot() tarball instead of running initdb (seconds faster). */
  pgliteSnapshot?: Blob;
  /** PostgreSQL pool size (default 10). */
  maxConnections?: number;
}

/** Opens the database (pg Pool or PGlite) and brings its schema up to date before returning it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const db = createRootSession(await openDriver(options));
  try {
    await runMigrations(db, await loadMigrations());
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function openDriver(options: OpenDatabaseOptions): Promise<Driver> {
  if (options.databaseUrl) {
    return createPgDriver({ databaseUrl: options.databaseUrl, maxConnections: options.maxConnections });
  }
  if (options.inMemory) return createPgliteDriver({ snapshot: options.pgliteSnapshot });
  if (!options.dataDir) throw new Error('openDatabase needs a databaseUrl, a dataDir or inMemory: true.');

  const dir = path.join(options.dataDir, 'pglite');
  await ensurePrivateDir(options.dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const release = await acquireLockFile(path.join(options.dataDir, 'pglite.lock'), `The embedded database ${dir}`);
  try {
    const driver = await createPgliteDriver({ dataDir: dir });
    return { ...driver, close: () => driver.close().finally(release) };
  } catch (error) {
    await release();
    throw error;
  }
}

/** A new, migrated in-memory database dumped as a tarball: a quick starting point for `pgliteSnapshot` (tests). */
export async function createPgliteSnapshot(): Promise<Blob> {
  const driver = await createPgliteDriver({});
  try {
    await runMigrations(createRootSession(driver), await loadMigrations());
    return await driver.dump();
  } finally {
    await driver.close();
  }
}
