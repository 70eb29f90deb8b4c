import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { lockForTransaction } from './advisory-lock';
import type { SqlSession } from './db';

/** The folder of numbered plain-SQL migrations shipped with the service. */
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** One migration file: `0001_initial.sql` has version 1 and name `initial`. */
export interface Migration {
  file: string;
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Reads `NNNN_name.sql` files from `dir`, in version order; refuses stray names and duplicate versions. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file ${file} must be named NNNN_lowercase_name.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`Two migrations have version ${version}`);
    const sql = (await readFile(path.join(dir, file), 'utf8')).replace(/\r\n/g, '\n');
    const checksum = createHash('sha256').update(sql).digest('hex');
    migrations.push({ file, version, name: match[2] as string, sql, checksum });
  }
  return migrations;
}

/**
 * Applies the migrations that `schema_migrations` does not list yet, all in one transaction under an advisory lock,
 * so processes starting together apply each migration once. Fails if an applied migration's file was edited.
 * Returns the versions it applied.
 */
export async function runMigrations(db: SqlSession, migrations: Migration[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    await lockForTransaction(tx, 'schema_migrations');
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Map(
      (await tx.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')).map(
        (row) => [row.version, row.checksum],
      ),
    );
    const appliedNow: number[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum === undefined) {
        await tx.exec(migration.sql);
        await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        appliedNow.push(migration.version);
      } else if (checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.file} was edited after it was applied; add a new migration instead.`);
      }
    }
    return appliedNow;
  });
}
