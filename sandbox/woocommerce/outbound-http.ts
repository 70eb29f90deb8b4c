import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

/** What came back from one outgoing POST; `status` is 0 when no response arrived. */
export interface OutboundResult {
  status: number;
  error?: string;
  responseBody: string;
  durationMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/** POSTs exact bytes with exact headers; never follows redirects (`redirection => 0`). */
export function postRaw(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
): Promise<OutboundResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<OutboundResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, durationMs: Date.now() - started });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ status: 0, error: 'http_request_failed: A valid URL was not provided.', responseBody: '' });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          finish({ status: response.statusCode ?? 0, responseBody: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) =>
          finish({ status: 0, error: `http_request_failed: ${error.message}`, responseBody: '' }),
        );
      },
    );
    request.setTimeout(timeoutMs, () => {
      request.destroy(new Error(`Operation timed out after ${timeoutMs} milliseconds`));
    });
    request.on('error', (error) =>
      finish({ status: 0, error: `http_request_failed: ${error.message}`, responseBody: '' }),
    );
    request.end(body);
  });
}

/**
 * WordPress's `wp_http_validate_url` (used by `wp_safe_remote_*`): the host must not resolve to a loopback or
 * private IPv4 address (unless it is the store's own host), and the port must be 80, 443, 8080 or the store's.
 */
export async function unsafeUrlReason(url: string, storeUrl: string): Promise<string | undefined> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'A valid URL was not provided.';
  }
  if (!['http:', 'https:'].includes(target.protocol)) return 'A valid URL was not provided.';
  const store = new URL(storeUrl);
  const sameHost = target.hostname.toLowerCase() === store.hostname.toLowerCase();
  const port = target.port === '' ? (target.protocol === 'https:' ? 443 : 80) : Number(target.port);
  if (![80, 443, 8080].includes(port) && !(sameHost && target.port === store.port))
    return 'A valid URL was not provided.';
  if (sameHost) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const address = isIP(host)
    ? host
    : await lookup(host).then(
        (r) => r.address,
        () => undefined,
      );
  if (address === undefined) return 'A valid URL was not provided.';
  const parts = address.split('.').map(Number);
  const privateV4 =
    isIP(address) === 4 &&
    (parts[0] === 127 ||
      parts[0] === 10 ||
      parts[0] === 0 ||
      (parts[0] === 172 && parts[1] >= 16 && parts[1] <= 31) ||
      (parts[0] === 192 && parts[1] === 168));
  return privateV4 ? 'A valid URL was not provided.' : undefined;
}
