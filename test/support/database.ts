import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { createPgliteSnapshot, openDatabase, type Db } from '../../lib/db';
import { loadMigrations } from '../../lib/db/migrations';

/**
 * Opens an empty, migrated database for a test: a new uniquely named database on the TEST_DATABASE_URL server
 * (dropped again on close), or an in-memory PGlite when TEST_DATABASE_URL is unset.
 */
export async function openTestDatabase(): Promise<Db> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ inMemory: true, pgliteSnapshot: await migratedSnapshot() });

  const { name, url } = await createServerDatabase(serverUrl);
  let db: Db;
  try {
    db = await openDatabase({ databaseUrl: url, maxConnections: 5 });
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  return {
    ...db,
    close: async () => {
      await db.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** A database that other processes can open too: the environment that selects it, and how to remove it. */
export interface TestDatabaseLocation {
  /** `DATABASE_URL` of a fresh database on the TEST_DATABASE_URL server, or `DATA_DIR` for file-backed PGlite. */
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

/**
 * A fresh database for tests that run the service in child processes: a new database on the TEST_DATABASE_URL
 * server, or else embedded PGlite files in `dataDir` (one process at a time, as in production).
 */
export async function createTestDatabaseLocation(dataDir: string): Promise<TestDatabaseLocation> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { env: { DATA_DIR: dataDir }, drop: () => Promise.resolve() };
  const { name, url } = await createServerDatabase(serverUrl);
  return { env: { DATABASE_URL: url, DATA_DIR: dataDir }, drop: () => dropDatabase(serverUrl, name) };
}

async function createServerDatabase(serverUrl: string): Promise<{ name: string; url: string }> {
  const name = `test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Whether tests run against PostgreSQL (TEST_DATABASE_URL) rather than embedded PGlite. */
export function testEngine(): 'postgres' | 'pglite' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

let snapshot: Promise<Blob> | undefined;

/**
 * A migrated PGlite snapshot, cached in the temp folder under a key of the migrations and the PGlite version: a
 * fresh PGlite runs initdb, which takes many seconds, while loading the snapshot takes about one.
 */
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const pglitePackage = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
    const pgliteVersion = (JSON.parse(await readFile(pglitePackage, 'utf8')) as { version: string }).version;
    const key = createHash('sha256')
      .update(pgliteVersion)
      .update((await loadMigrations()).map((m) => m.checksum).join())
      .digest('hex')
      .slice(0, 16);
    const file = path.join(tmpdir(), `woo-xero-sync-pglite-snapshot-${key}.tar`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return new Blob([cached]);

    const fresh = await createPgliteSnapshot();
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, Buffer.from(await fresh.arrayBuffer()));
    await rename(temporary, file);
    return fresh;
  })();
  return snapshot;
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withAdminClient(serverUrl: string, fn: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
