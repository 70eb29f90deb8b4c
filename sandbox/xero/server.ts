import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxClock } from './clock';
import { isCommitThenDrop, type FaultInjector } from './faults';
import type { SandboxRequest } from './http-types';
import type { IdentityStore } from './identity-store';
import type { PipelineResult } from './pipeline';

/** One entry of the request log: what arrived, when (sandbox clock) and what was answered. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  at: number;
  tenantId?: string;
  /** Status answered; undefined when the response was dropped by a commit-then-drop fault. */
  status?: number;
}

/** Reads the whole request body as UTF-8 text. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Flattens Node's header object to lower-case single strings. */
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** What the HTTP server needs to dispatch requests. */
export interface ServerDeps {
  clock: SandboxClock;
  faults: FaultInjector;
  identity: IdentityStore;
  log: RequestLogEntry[];
  dispatch: (req: SandboxRequest, fault?: ReturnType<FaultInjector['take']>) => Promise<PipelineResult>;
}

/** Creates the node:http server: logs every request, applies faults, writes (or drops) the response. */
export function createSandboxServer(deps: ServerDeps): Server {
  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://sandbox.invalid');
    const req: SandboxRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: flattenHeaders(incoming),
      rawBody: await readBody(incoming),
      params: {},
    };
    const entry: RequestLogEntry = {
      method: req.method,
      path: req.path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      rawBody: req.rawBody,
      at: deps.clock.now(),
    };
    deps.log.push(entry);
    let fault = deps.faults.take(req.method, req.path);
    if (fault && 'kind' in fault && fault.kind === 'expire-access-tokens') {
      deps.identity.expireAllAccessTokens();
      fault = undefined;
    }
    const { response, tenantId } = await deps.dispatch(req, fault);
    entry.tenantId = tenantId;
    if (isCommitThenDrop(fault)) {
      res.socket?.destroy();
      return;
    }
    entry.status = response.status;
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  }

  return createServer((incoming, res) => {
    handle(incoming, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
}

/** Starts listening and resolves with the bound origin URL. */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

/** Stops the server, closing idle and active connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
