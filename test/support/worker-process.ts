import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Runs `npm run start:worker`'s entry point as a separate OS process, as production does. */
export function startWorkerProcess(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker', 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Keep the pipe flowing so a chatty worker never blocks on a full buffer (workerPolling() listens too).
  child.stdout?.resume();
  return child;
}

/** Resolves once the worker process says it polls its task queue; rejects if it exits first. */
export function workerPolling(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes('Worker polling')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The worker process exited (${code}) before polling`)));
  });
}

/** Resolves when the process has exited. */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}
