import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Db } from '../../lib/db';
import type { SqlSession } from '../../lib/db/db';
import { loadMigrations, MIGRATIONS_DIR, runMigrations } from '../../lib/db/migrations';
import { openTestDatabase } from '../support/database';

const TABLES = [
  'billing_events',
  'schema_migrations',
  'store_admins',
  'store_credentials',
  'store_lifecycle_events',
  'store_pauses',
  'store_settings',
  'stores',
  'subscription_usage',
  'subscriptions',
  'sync_ledger',
  'sync_ledger_effects',
  'webhook_inbox',
  'xero_call_budgets',
  'xero_call_leases',
  'xero_connect_flows',
  'xero_connections',
  'xero_contact_memory',
  'xero_contact_name_claims',
  'xero_create_attempts',
  'xero_known_items',
];

describe('migrations', () => {
  let db: Db;
  let session: SqlSession;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    session = db as SqlSession; // openDatabase returns the internal session, which can also run SQL scripts
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'woo-xero-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const appliedVersions = async () =>
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map(
      (r) => r.version,
    );
  const addMigration = (file: string, sql: string) => writeFile(path.join(dir, file), sql);

  it('creates every table and records each shipped migration once', async () => {
    const tables = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(TABLES);
    expect(await appliedVersions()).toEqual((await loadMigrations()).map((m) => m.version));
  });

  it('does nothing when run again', async () => {
    const before = await db.query('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version');
    expect(await runMigrations(session, await loadMigrations())).toEqual([]);
    expect(await db.query('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version')).toEqual(
      before,
    );
  });

  it('applies a new migration once, even when several runners start together', async () => {
    // The sleep keeps the first runner busy while the others start, so they really overlap.
    await addMigration('0900_concurrent.sql', 'SELECT pg_sleep(0.5);\nCREATE TABLE concurrent_probe (id integer);');
    const migrations = await loadMigrations(dir);
    await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.05)'))); // warm the pool's connections
    const results = await Promise.all([1, 2, 3].map(() => runMigrations(session, migrations)));
    expect(results.flat()).toEqual([900]);
    expect(await appliedVersions()).toContain(900);
  });

  it('applies pending migrations in version order', async () => {
    await addMigration('0902_second.sql', "INSERT INTO order_probe VALUES ('second');");
    await addMigration('0901_first.sql', 'CREATE TABLE order_probe (step text);');
    expect(await runMigrations(session, await loadMigrations(dir))).toEqual([901, 902]);
    expect(await db.query('SELECT step FROM order_probe')).toEqual([{ step: 'second' }]);
  });

  it('leaves no trace of a migration that fails part-way', async () => {
    await addMigration(
      '0910_broken.sql',
      'CREATE TABLE broken_probe (id integer);\nSELECT no_such_column FROM stores;',
    );
    await expect(runMigrations(session, await loadMigrations(dir))).rejects.toThrow(/no_such_column/);
    expect(await appliedVersions()).not.toContain(910);
    expect(await db.query("SELECT to_regclass('broken_probe') AS t")).toEqual([{ t: null }]);
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const [first, ...rest] = await loadMigrations();
    const edited = { ...first!, sql: `${first!.sql}\n-- edited`, checksum: 'different' };
    await expect(runMigrations(session, [edited, ...rest])).rejects.toThrow(
      /0001_initial.sql was edited after it was applied/,
    );
  });

  it('refuses badly named or duplicate migration files', async () => {
    await addMigration('0005_Bad-Name.sql', 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(/must be named NNNN_lowercase_name.sql/);
    await rm(path.join(dir, '0005_Bad-Name.sql'));
    await addMigration('0001_again.sql', 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(/Two migrations have version 1/);
  });
});
