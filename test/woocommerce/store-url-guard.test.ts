import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWooClient } from '../../lib/woocommerce/client';
import { caught } from './caught-woo-error';
import { freePort } from '../support/ports';

const keys = { consumerKey: 'ck_guard', consumerSecret: 'cs_guard_secret' };

describe('WooCommerce transport: where the store keys may be sent', () => {
  let server: http.Server;
  let port: number;
  const seen: Array<{ url?: string; authorization?: string }> = [];
  const connections: unknown[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 7 }));
    });
    server.on('connection', (socket) => connections.push(socket.remoteAddress));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    connections.length = 0;
  });

  it.each([
    ['plain http to a loopback literal', (p: number) => `http://127.0.0.1:${p}`, 'the store URL must use https'],
    ['https to a loopback literal', (p: number) => `https://127.0.0.1:${p}`, 'public internet address'],
    ['https to IPv6 loopback', (p: number) => `https://[::1]:${p}`, 'public internet address'],
    ['https to a mapped IPv4 loopback', (p: number) => `https://[::ffff:7f00:1]:${p}`, 'public internet address'],
    ['https to a name resolving to loopback', (p: number) => `https://localhost:${p}`, 'public internet address'],
  ])(
    'refuses %s without connecting (names are checked on the address resolved at connect time), and does not retry',
    async (_what, url, message) => {
      const error = await caught(createWooClient({ storeUrl: url(port), ...keys }).getOrder(7));
      expect(error).toMatchObject({ code: 'store_url_refused', retryable: false, status: 0 });
      expect(error.message).toContain(message);
      expect(error.message).not.toContain(String(port));
      expect(connections).toEqual([]);
      expect(seen).toEqual([]);
    },
  );

  it('sends the keys to a development host over http', async () => {
    const client = createWooClient({ storeUrl: `http://127.0.0.1:${port}`, ...keys, devHosts: ['127.0.0.1'] });
    await expect(client.listOrderNotes(7)).rejects.toThrow(); // the stub answers an object, not a list
    expect(seen).toEqual([
      { url: '/wp-json/wc/v3/orders/7/notes', authorization: expect.stringMatching(/^Basic /) as unknown },
    ]);
  });

  it('reports an unreachable store generically: no address, port or socket error', async () => {
    const closed = await freePort();
    const client = createWooClient({ storeUrl: `http://127.0.0.1:${closed}`, ...keys, devHosts: ['127.0.0.1'] });
    const error = await caught(client.getOrder(1));
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
    expect(error.message).toBe('WooCommerce GET /orders/1: the store could not be reached');
  });
});
