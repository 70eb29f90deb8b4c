import { randomBytes } from 'node:crypto';
import { link, unlink, writeFile } from 'node:fs/promises';

/**
 * Publishes `content` at `file` unless a file is already there, atomically: the content is written to a private
 * temporary file first and then hard-linked into place, so no reader, in this or another process, ever sees the
 * file empty or half written. Returns true when this call published it, false when another file was there first.
 */
export async function publishFileOnce(file: string, content: string, mode = 0o600): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode, flag: 'wx' });
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}
