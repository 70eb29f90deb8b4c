import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensurePrivateDir } from '../files/private-dir';
import { SEARCH_ATTRIBUTE_DECLARATIONS } from './search-attributes';

/** Options for the embedded Temporal dev server. */
export interface DevServerOptions {
  cli: string;
  dataDir: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  /** The codec server the embedded Web UI decodes payloads with (`--ui-codec-endpoint`), if any. */
  uiCodecEndpoint?: string;
}

/** A running Temporal dev server child process. */
export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) return reject(new Error(`Temporal dev server exited with code ${child.exitCode}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`Temporal dev server did not listen on ${port} in time`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

/** Starts `temporal server start-dev` with a SQLite file in the data folder and the project's search attributes. */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServer> {
  const port = opts.port ?? 7233;
  const uiPort = opts.uiPort ?? 8233;
  // Private: the SQLite file holds every workflow's history (order details included).
  await ensurePrivateDir(opts.dataDir);
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.resolve(opts.dataDir, 'temporal.sqlite'),
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--namespace',
    opts.namespace ?? 'default',
    '--log-level',
    'error',
    ...(opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []),
    ...SEARCH_ATTRIBUTE_DECLARATIONS.flatMap((declaration) => ['--search-attribute', declaration]),
  ];
  const logFile = fs.openSync(path.join(opts.dataDir, 'temporal.log'), 'a', 0o600);
  fs.fchmodSync(logFile, 0o600);
  const child = spawn(opts.cli, args, { stdio: ['ignore', logFile, logFile] });
  await waitForPort(port, child, 60_000);
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: `http://localhost:${uiPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
