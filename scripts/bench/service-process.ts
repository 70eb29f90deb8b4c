import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root, where the service's entry points live. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** A part of the service (the API, a worker, or both in one) running as its own OS process. */
export interface ServiceProcess {
  name: string;
  pid: number;
  /** Its output (stdout and stderr), for when something goes wrong. */
  logFile: string;
  /** False once the process has exited. */
  alive(): boolean;
  /** Resident set size now, from /proc (Linux); undefined where /proc is missing or the process is gone. */
  rssBytes(): number | undefined;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Resident set size of a process in bytes, read from /proc/<pid>/status. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `node --import tsx <entry>` (e.g. api/main.ts, worker/main.ts) with `env`, its output in `logFile`. */
export function startServiceProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): ServiceProcess {
  const log = openSync(logFile, 'a', 0o600);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid,
    logFile,
    alive,
    rssBytes: () => (alive() ? readRssBytes(pid) : undefined),
    stop: async (graceMs = 15_000) => {
      if (!alive()) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(force);
    },
  };
}

/** Waits until `check` resolves true, failing after `timeoutMs` or as soon as `process` has died. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; process?: ServiceProcess; pollMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (options.process && !options.process.alive()) {
      throw new Error(`${options.process.name} exited while waiting for ${what}; see ${options.process.logFile}`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/** Waits until the process's log file contains `pattern` (e.g. the worker's "Worker polling" line). */
export function waitForLog(process: ServiceProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return waitUntil(
    `${process.name} to log ${pattern}`,
    async () => pattern.test(readFileSync(process.logFile, 'utf8')),
    {
      timeoutMs,
      process,
    },
  );
}
