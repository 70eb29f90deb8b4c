import { readFile, unlink } from 'node:fs/promises';
import { publishFileOnce } from '../files/publish-file';

const heldByThisProcess = new Set<string>();

/**
 * Claims `lockFile` for this process (it holds our pid), so a second process cannot open the same embedded database:
 * PGlite does not notice that itself and the two copies would silently diverge. Stale files of dead processes are
 * taken over. Returns the release function.
 */
export async function acquireLockFile(lockFile: string, what: string): Promise<() => Promise<void>> {
  // Reserved before the first await, so that concurrent openers in this process cannot both get past here.
  if (heldByThisProcess.has(lockFile)) throw new Error(`${what} is already open in this process.`);
  heldByThisProcess.add(lockFile);
  try {
    await claim(lockFile, what);
  } catch (error) {
    heldByThisProcess.delete(lockFile);
    throw error;
  }
  return async () => {
    heldByThisProcess.delete(lockFile);
    await unlink(lockFile).catch(() => undefined);
  };
}

async function claim(lockFile: string, what: string): Promise<void> {
  // Published whole (pid included), so another process never reads an empty lock and mistakes it for a stale one.
  if (await publishFileOnce(lockFile, `${process.pid}\n`)) return;
  const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `${what} is in use by process ${owner}. Embedded PGlite serves one process: run the API and the worker in ` +
        `one process, or set DATABASE_URL to a PostgreSQL server. Delete ${lockFile} if that process is not ours.`,
    );
  }
  await unlink(lockFile).catch(() => undefined);
  if (!(await publishFileOnce(lockFile, `${process.pid}\n`))) {
    throw new Error(`${what} was claimed by another process just now.`);
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
