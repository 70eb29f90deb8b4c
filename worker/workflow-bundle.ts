import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Bundles `workflows/` in a child process and returns the code. Webpack needs a few hundred MB while it bundles
 * and Node does not give that memory back, so bundling apart keeps the worker's resident memory small.
 */
export async function bundleWorkflowsApart(): Promise<{ code: string }> {
  const out = path.join(tmpdir(), `woo-xero-workflows-${process.pid}-${randomBytes(4).toString('hex')}.js`);
  try {
    await new Promise<void>((resolve, reject) => {
      // The same Node flags as this process (tsx's loader), so the TypeScript entry runs the same way.
      const child = spawn(process.execPath, [...process.execArgv, path.join(__dirname, 'bundle-workflows.ts'), out], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`Bundling the workflows failed (${signal ?? `exit ${code}`})`)),
      );
    });
    return { code: await readFile(out, 'utf8') };
  } finally {
    await rm(out, { force: true });
  }
}
