import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the scripted server received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A canned answer: status, headers and body text; `hangUp` destroys the socket instead of answering. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  hangUp?: boolean;
  delayMs?: number;
}

/** A local HTTP server that answers with queued responses and records what it received. */
export interface ScriptedServer {
  origin: string;
  requests: RecordedRequest[];
  /** Queues answers, used in order; when the queue is empty it answers 200 `{}`. */
  enqueue(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

/** Starts a scripted server on an ephemeral localhost port. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = queue.shift() ?? { status: 200, body: '{}', headers: { 'content-type': 'application/json' } };
      const send = (): void => {
        if (answer.hangUp) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status ?? 200, answer.headers ?? {});
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...responses) => queue.push(...responses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** JSON response helper. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): ScriptedResponse {
  return {
    status,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}
