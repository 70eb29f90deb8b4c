import { basicAuth, startHarness, startReceiver, type Harness, type Receiver } from './support/receiver';
import { linkOf } from '../support/html-links';

/** The href of the link with this class on an HTML page, entities decoded. */
describe('/wc-auth/v1 application authentication (WC_Auth)', () => {
  let h: Harness;
  let callback: Receiver;
  const returnUrl = 'https://app.example/woo/return?from=wc';
  beforeAll(async () => {
    h = await startHarness({ wcAuthHttpCallbackHosts: ['127.0.0.1'] });
    callback = await startReceiver();
  });
  afterAll(async () => {
    await h.woo.close();
    await callback.close();
  });
  beforeEach(() => {
    callback.requests.length = 0;
    callback.respondWith(200);
  });

  const authorizeUrl = (params: Record<string, string>) => {
    const url = new URL(`${h.woo.url}/wc-auth/v1/authorize`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  };
  const handshake = { app_name: 'Xero Sync', scope: 'read', user_id: '42', return_url: returnUrl };
  const approvalPage = async (scope = 'read') => {
    const res = await fetch(authorizeUrl({ ...handshake, scope, callback_url: callback.url }));
    expect(res.status).toBe(200);
    return res.text();
  };

  it('shows the approval page; Approve creates a key, posts it to the callback and redirects with success=1', async () => {
    const page = await approvalPage('read');
    expect(page).toContain('Xero Sync would like to connect to your store');
    expect(page).toContain('<strong>Read</strong>');
    const before = h.woo.apiKeys().length;
    const approved = await fetch(linkOf(page, 'wc-auth-approve'), { redirect: 'manual' });
    expect(approved.status).toBe(302);
    expect(approved.headers.get('location')).toBe('https://app.example/woo/return?from=wc&success=1&user_id=42');
    expect(callback.requests).toHaveLength(1);
    const [posted] = callback.requests;
    expect(posted.headers['content-type']).toBe('application/json;charset=UTF-8');
    const data = JSON.parse(posted.body) as Record<string, unknown>;
    expect(data).toEqual({
      key_id: expect.any(Number) as number,
      user_id: '42',
      consumer_key: expect.stringMatching(/^ck_[0-9a-f]{40}$/) as string,
      consumer_secret: expect.stringMatching(/^cs_[0-9a-f]{40}$/) as string,
      key_permissions: 'read',
    });
    const keys = h.woo.apiKeys();
    expect(keys).toHaveLength(before + 1);
    expect(keys[keys.length - 1]).toMatchObject({ keyId: data.key_id, userId: 1, permissions: 'read' });
    expect(keys[keys.length - 1].description).toMatch(/^Xero Sync - API \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\)$/);

    const auth = { authorization: basicAuth(String(data.consumer_key), String(data.consumer_secret)) };
    expect((await fetch(`${h.woo.url}/wp-json/wc/v3/orders`, { headers: auth })).status).toBe(200);
    const write = await fetch(`${h.woo.url}/wp-json/wc/v3/webhooks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ topic: 'order.updated', delivery_url: callback.url }),
    });
    expect(write.status).toBe(401);
    expect(await write.json()).toMatchObject({ message: 'The API key provided does not have write permissions.' });
  });

  it('grants read_write keys that can create webhooks', async () => {
    const page = await approvalPage('read_write');
    await fetch(linkOf(page, 'wc-auth-approve'), { redirect: 'manual' });
    const data = JSON.parse(callback.requests[0].body) as { consumer_key: string; consumer_secret: string };
    const res = await fetch(`${h.woo.url}/wp-json/wc/v3/webhooks`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(data.consumer_key, data.consumer_secret),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ topic: 'order.updated', delivery_url: callback.url }),
    });
    expect(res.status).toBe(201);
  });

  it('deletes the key and shows the error when the callback does not answer exactly 200', async () => {
    const page = await approvalPage();
    const before = h.woo.apiKeys().length;
    callback.respondWith(201);
    const res = await fetch(linkOf(page, 'wc-auth-approve'), { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(
      'Error: An error occurred in the request and at the time were unable to send the consumer data.',
    );
    expect(callback.requests).toHaveLength(1);
    expect(h.woo.apiKeys()).toHaveLength(before);
  });

  it('refuses an approval without the page nonce, creating nothing', async () => {
    const approve = new URL(linkOf(await approvalPage(), 'wc-auth-approve'));
    const before = h.woo.apiKeys().length;
    approve.searchParams.set('wc_auth_nonce', 'forged0000');
    const forged = await fetch(approve, { redirect: 'manual' });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('Error: Invalid nonce verification.');
    approve.searchParams.delete('wc_auth_nonce');
    expect((await fetch(approve, { redirect: 'manual' })).status).toBe(401);
    expect(callback.requests).toHaveLength(0);
    expect(h.woo.apiKeys()).toHaveLength(before);
  });

  it('links Deny straight to the return URL with success=0', async () => {
    expect(linkOf(await approvalPage(), 'wc-auth-deny')).toBe(
      'https://app.example/woo/return?from=wc&success=0&user_id=42',
    );
  });

  it('validates the handshake like make_validation (401 Access denied pages)', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...handshake, callback_url: callback.url, scope: '' }, 'Error: Missing parameter scope.'],
      [{ ...handshake, callback_url: callback.url, user_id: '0' }, 'Error: Missing parameter user_id.'],
      [{ ...handshake, callback_url: callback.url, scope: 'admin' }, 'Error: Invalid scope admin.'],
      [{ ...handshake, callback_url: 'http://app.example/cb' }, 'Error: The callback_url needs to be over SSL.'],
    ];
    for (const [params, message] of cases) {
      const res = await fetch(authorizeUrl(params));
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('<title>Access denied</title>');
      expect(html).toContain(message);
    }
    const unknown = await fetch(
      `${h.woo.url}/wc-auth/v1/elsewhere?${new URLSearchParams({ ...handshake, callback_url: callback.url })}`,
    );
    expect(await unknown.text()).toContain('You do not have permission to access this page');
  });

  it('cleans user_id like sanitize_text_field on its way through the approval link', async () => {
    const res = await fetch(authorizeUrl({ ...handshake, user_id: 'tok%41en<b>', callback_url: callback.url }));
    const approve = new URL(linkOf(await res.text(), 'wc-auth-approve'));
    expect(approve.searchParams.get('user_id')).toBe('token');
    await fetch(approve, { redirect: 'manual' });
    expect((JSON.parse(callback.requests[0].body) as { user_id: string }).user_id).toBe('token');
  });

  it('applies the safe-URL rules to the callback when asked, deleting the key', async () => {
    const strict = await startHarness({ wcAuthHttpCallbackHosts: ['127.0.0.1'], enforceSafeUrls: true });
    try {
      const url = new URL(`${strict.woo.url}/wc-auth/v1/authorize`);
      for (const [name, value] of Object.entries({ ...handshake, callback_url: callback.url })) {
        url.searchParams.set(name, value);
      }
      const page = await (await fetch(url)).text();
      const before = strict.woo.apiKeys().length;
      const res = await fetch(linkOf(page, 'wc-auth-approve'), { redirect: 'manual' });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('Error: A valid URL was not provided..');
      expect(callback.requests).toHaveLength(0);
      expect(strict.woo.apiKeys()).toHaveLength(before);
    } finally {
      await strict.woo.close();
    }
  });

  it('sends login to authorize for the logged-in administrator', async () => {
    const params = new URLSearchParams({ ...handshake, callback_url: callback.url });
    const res = await fetch(`${h.woo.url}/wc-auth/v1/login?${params}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') ?? '').pathname).toBe('/wc-auth/v1/authorize/');
  });
});
