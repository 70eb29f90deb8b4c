import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { openDatabase } from '../../lib/db';
import { acquireLockFile } from '../../lib/db/data-dir-lock';

describe('embedded PGlite in a data folder', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'woo-xero-data-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps data across restarts and refuses a second opener while in use', async () => {
    const first = await openDatabase({ dataDir });
    expect((await stat(path.join(dataDir, 'pglite', 'PG_VERSION'))).isFile()).toBe(true);
    await first.query('CREATE TABLE survives (note text)');
    await first.query('INSERT INTO survives VALUES ($1)', ['still here']);
    await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
    await first.close();

    const reopened = await openDatabase({ dataDir });
    try {
      expect(await reopened.query('SELECT note FROM survives')).toEqual([{ note: 'still here' }]);
      expect(await reopened.query('SELECT count(*)::int AS n FROM schema_migrations')).not.toEqual([{ n: 0 }]);
    } finally {
      await reopened.close();
    }
  }, 180_000);
});

describe('acquireLockFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'woo-xero-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes our pid and removes the file on release', async () => {
    const file = path.join(dir, 'pglite.lock');
    const release = await acquireLockFile(file, 'The test database');
    expect((await readFile(file, 'utf8')).trim()).toBe(String(process.pid));
    await release();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('lets exactly one of several concurrent openers hold the lock', async () => {
    const file = path.join(dir, 'pglite.lock');
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () => acquireLockFile(file, 'The test database')),
    );
    const held = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(held).toHaveLength(1);
    expect((await readFile(file, 'utf8')).trim()).toBe(String(process.pid));
    expect(await readdir(dir)).toEqual(['pglite.lock']);
    await (held[0] as PromiseFulfilledResult<() => Promise<void>>).value();
  });

  it('refuses a folder held by another live process, naming it', async () => {
    const file = path.join(dir, 'pglite.lock');
    await writeFile(file, `${process.ppid}\n`);
    await expect(acquireLockFile(file, 'The test database')).rejects.toThrow(
      new RegExp(`in use by process ${process.ppid}.*DATABASE_URL`),
    );
  });

  it('takes over a lock left behind by a process that has exited', async () => {
    const file = path.join(dir, 'pglite.lock');
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(file, `${exited}\n`);
    const release = await acquireLockFile(file, 'The test database');
    expect((await readFile(file, 'utf8')).trim()).toBe(String(process.pid));
    await release();
  });
});
