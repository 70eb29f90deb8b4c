import { chmod, mkdir } from 'node:fs/promises';

/**
 * Creates `dir` (and its parents) if needed and makes it private (0700): the data folder holds the encryption key,
 * the operator token, the database and Temporal's histories. A folder left readable by an older version is tightened.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}
