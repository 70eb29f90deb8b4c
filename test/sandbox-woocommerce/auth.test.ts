import { basicAuth, simpleOrder, startHarness, type Harness, wpError } from './support/receiver';

describe('WooCommerce REST authentication and errors (reference §1)', () => {
  let h: Harness;
  let orderId: number;
  beforeAll(async () => {
    h = await startHarness();
    orderId = h.woo.orders.create(simpleOrder).id;
  });
  afterAll(() => h.woo.close());

  const call = (path: string, init: RequestInit = {}) => fetch(`${h.woo.url}/wp-json/wc/v3${path}`, init);

  it('answers an unauthenticated list with 401 woocommerce_rest_cannot_view in the WordPress error shape', async () => {
    const res = await call('/orders');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await res.json()).toEqual({
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    });
    const one = await call(`/orders/${orderId}`);
    expect(await one.json()).toMatchObject({ message: 'Sorry, you cannot view this resource.' });
  });

  it('treats an unknown consumer key as simply not authenticated', async () => {
    const res = await call('/orders', { headers: { authorization: basicAuth('ck_unknown', 'cs_whatever') } });
    expect(res.status).toBe(401);
    expect((await wpError(res)).code).toBe('woocommerce_rest_cannot_view');
  });

  it('rejects a known key with the wrong secret before routing, with WWW-Authenticate', async () => {
    const wrong = { authorization: basicAuth(h.woo.consumerKey, 'cs_wrong') };
    for (const path of ['/orders', '/no-such-route']) {
      const res = await call(path, { headers: wrong });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="WooCommerce API/);
      expect(await res.json()).toEqual({
        code: 'woocommerce_rest_authentication_error',
        message: 'Consumer secret is invalid.',
        data: { status: 401 },
      });
    }
  });

  it('accepts the query-string form, which takes precedence over the Authorization header', async () => {
    const query = `consumer_key=${h.woo.consumerKey}&consumer_secret=${h.woo.consumerSecret}`;
    const ok = await call(`/orders/${orderId}?${query}`, { headers: { authorization: basicAuth('ck_x', 'cs_y') } });
    expect(ok.status).toBe(200);
    const bad = await call(`/orders/${orderId}?consumer_key=${h.woo.consumerKey}&consumer_secret=nope`, {
      headers: { authorization: basicAuth(h.woo.consumerKey, h.woo.consumerSecret) },
    });
    expect(bad.status).toBe(401);
  });

  it('enforces key permissions: a read-only key cannot write', async () => {
    const key = h.woo.addApiKey('read');
    const headers = {
      authorization: basicAuth(key.consumerKey, key.consumerSecret),
      'content-type': 'application/json',
    };
    expect((await call(`/orders/${orderId}`, { headers })).status).toBe(200);
    const res = await call(`/orders/${orderId}/notes`, { method: 'POST', headers, body: '{"note":"x"}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      code: 'woocommerce_rest_authentication_error',
      message: 'The API key provided does not have write permissions.',
    });
  });

  it('uses WooCommerce codes for unknown ids (404 on GET, 400 on PUT) and rest_no_route for unknown routes', async () => {
    const get = await h.api('/orders/999999');
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual({
      code: 'woocommerce_rest_shop_order_invalid_id',
      message: 'Invalid ID.',
      data: { status: 404 },
    });
    const put = await h.api('/orders/999999', { method: 'PUT', body: { status: 'completed' } });
    expect(put.status).toBe(400);
    expect((await wpError(put)).code).toBe('woocommerce_rest_shop_order_invalid_id');
    for (const [path, method] of [
      ['/orders/abc', 'GET'],
      ['/coupons-nope', 'GET'],
      ['/orders', 'PATCH'],
    ]) {
      const res = await h.api(path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      });
    }
  });

  it('answers a malformed JSON body with rest_invalid_json', async () => {
    const bad = await fetch(`${h.woo.url}/wp-json/wc/v3/orders/${orderId}`, {
      method: 'PUT',
      headers: {
        authorization: basicAuth(h.woo.consumerKey, h.woo.consumerSecret),
        'content-type': 'application/json',
      },
      body: '{"status":',
    });
    expect(bad.status).toBe(400);
    expect((await wpError(bad)).code).toBe('rest_invalid_json');
  });
});
