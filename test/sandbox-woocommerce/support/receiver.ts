import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWooSandbox, type WooSandbox, type WooSandboxOptions } from '../../../sandbox/woocommerce';

/** One request the receiver got, with the exact body bytes. */
export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: Buffer;
  body: string;
}

/** A local HTTP endpoint standing in for the sync service: records requests, answers with `respondWith()`. */
export interface Receiver {
  url: string;
  requests: Received[];
  /** Status code for the next requests (default 200). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

/** Starts a receiver on a free port. */
export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body: rawBody.toString('utf8'),
      });
      res.statusCode = status;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/woocommerce/store-1`,
    requests,
    respondWith: (next) => {
      status = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Basic auth header of a key pair. */
export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** A sandbox plus a helper to call its REST API with the store's own key. */
export interface Harness {
  woo: WooSandbox;
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

/** Starts a sandbox and returns a REST caller that authenticates with its key. */
export async function startHarness(opts: WooSandboxOptions = {}): Promise<Harness> {
  const woo = await startWooSandbox(opts);
  return {
    woo,
    api: (path, init = {}) =>
      fetch(`${woo.url}/wp-json/wc/v3${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: basicAuth(woo.consumerKey, woo.consumerSecret),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}

/** A plain order for tests: two lines and flat-rate shipping, NZ guest customer. */
export const simpleOrder = {
  billing: { first_name: 'Aroha', last_name: 'Ngata', email: 'aroha@example.co.nz', country: 'NZ' },
  lineItems: [
    { name: 'Kawakawa balm', sku: 'KAWA-1', quantity: 2, price: 18.5 },
    { name: 'Harakeke kete', sku: 'KETE-1', quantity: 1, price: 45 },
  ],
  shippingLines: [{ methodTitle: 'Flat rate', total: 6.5 }],
};

/** The WordPress error body of a response. */
export async function wpError(res: Response): Promise<{ code: string; message: string; data: { status: number } }> {
  return (await res.json()) as { code: string; message: string; data: { status: number } };
}
