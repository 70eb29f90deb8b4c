import { createWooClient } from '../../lib/woocommerce/client';
import { caught } from './caught-woo-error';

const credentials = { storeUrl: 'https://shop.example/', consumerKey: 'ck_test', consumerSecret: 'cs_very_secret' };

function stubFetch(respond: (url: URL, init: RequestInit) => Promise<Response> | Response) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    calls.push({ url, init: init ?? {} });
    return respond(url, init ?? {});
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe('WooCommerce client error classification (stubbed transport)', () => {
  it('treats a network failure as retryable status 0 with a generic message (no address, no cause)', async () => {
    const { fetchImpl } = stubFetch(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.5:22 cs_very_secret') });
    });
    const error = await caught(createWooClient({ ...credentials, fetchImpl }).getOrder(1));
    expect(error).toMatchObject({ status: 0, code: 'network_error', retryable: true });
    expect(error.message).toBe('WooCommerce GET /orders/1: the store could not be reached');
  });

  it('times out with a retryable timeout error', async () => {
    const { fetchImpl } = stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const error = await caught(createWooClient({ ...credentials, fetchImpl, timeoutMs: 20 }).getOrder(1));
    expect(error).toMatchObject({ status: 0, code: 'timeout', retryable: true });
  });

  it('classifies a proxy HTML 502 as retryable and reads Retry-After on 429', async () => {
    const html = stubFetch(() => new Response('<html><h1>502 Bad Gateway</h1></html>', { status: 502 }));
    const bad = await caught(createWooClient({ ...credentials, fetchImpl: html.fetchImpl }).getOrder(1));
    expect(bad).toMatchObject({ status: 502, code: 'http_502', retryable: true });

    const limited = stubFetch(() => new Response('slow down', { status: 429, headers: { 'Retry-After': '7' } }));
    const slow = await caught(createWooClient({ ...credentials, fetchImpl: limited.fetchImpl }).getOrder(1));
    expect(slow).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
  });

  it('rejects a 200 that is not JSON as a non-retryable invalid response', async () => {
    const { fetchImpl } = stubFetch(() => new Response('<html>maintenance</html>', { status: 200 }));
    const error = await caught(createWooClient({ ...credentials, fetchImpl }).getOrder(1));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', retryable: false });
  });

  it('sends Basic auth to /wp-json/wc/v3 and UTC modified_after with dates_are_gmt', async () => {
    const { fetchImpl, calls } = stubFetch(
      () => new Response('[]', { status: 200, headers: { 'X-WP-Total': '0', 'X-WP-TotalPages': '0' } }),
    );
    const page = await createWooClient({ ...credentials, fetchImpl }).listOrders({
      perPage: 5,
      status: ['processing', 'completed'],
      modifiedAfter: '2024-05-01T12:00:00+12:00',
    });
    expect(page).toEqual({ orders: [], total: 0, totalPages: 0 });
    const { url, init } = calls[0];
    expect(url.pathname).toBe('/wp-json/wc/v3/orders');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      per_page: '5',
      status: 'processing,completed',
      modified_after: '2024-05-01T00:00:00',
      dates_are_gmt: 'true',
    });
    const headers = new Headers(init.headers);
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from('ck_test:cs_very_secret').toString('base64')}`);
    expect(url.search).not.toContain('cs_very_secret');
  });
});
