import { readFile, unlink, writeFile } from 'node:fs/promises';

const heldByThisProcess = new Set<string>();

/**
 * Claims `lockFile` for this process (it holds our pid), so a second process cannot open the same embedded database:
 * PGlite does not notice that itself and the two copies would silently diverge. Stale files of dead processes are
 * taken over. Returns the release function.
 */
export async function acquireLockFile(lockFile: string, what: string): Promise<() => Promise<void>> {
  if (heldByThisProcess.has(lockFile)) throw new Error(`${what} is already open in this process.`);
  if (!(await tryCreate(lockFile))) {
    const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `${what} is in use by process ${owner}. Embedded PGlite serves one process: run the API and the worker in ` +
          `one process, or set DATABASE_URL to a PostgreSQL server. Delete ${lockFile} if that process is not ours.`,
      );
    }
    await unlink(lockFile).catch(() => undefined);
    if (!(await tryCreate(lockFile))) throw new Error(`${what} was claimed by another process just now.`);
  }
  heldByThisProcess.add(lockFile);
  return async () => {
    heldByThisProcess.delete(lockFile);
    await unlink(lockFile).catch(() => undefined);
  };
}

async function tryCreate(lockFile: string): Promise<boolean> {
  try {
    await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
