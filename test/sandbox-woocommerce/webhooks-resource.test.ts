import {
  basicAuth,
  simpleOrder,
  startHarness,
  startReceiver,
  type Harness,
  type Receiver,
  wpError,
} from './support/receiver';

describe('webhooks resource: create pings synchronously, secret hidden, pending_delivery (reference §6)', () => {
  let h: Harness;
  let receiver: Receiver;
  beforeAll(async () => {
    h = await startHarness();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await h.woo.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.respondWith(200);
  });

  it('forces status active, pings webhook_id=N without X-WC headers before answering 201 with Location', async () => {
    const res = await h.api('/webhooks', {
      method: 'POST',
      body: { name: 'Sync', topic: 'order.updated', delivery_url: receiver.url, secret: 'shh', status: 'paused' },
    });
    expect(receiver.requests).toHaveLength(1);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.headers.get('location')).toBe(`${h.woo.url}/wp-json/wc/v3/webhooks/${String(body.id)}`);
    expect(body).toMatchObject({
      name: 'Sync',
      status: 'active',
      topic: 'order.updated',
      resource: 'order',
      event: 'updated',
      hooks: ['woocommerce_update_order', 'woocommerce_order_refunded', 'woocommerce_delete_order_refund'],
      delivery_url: receiver.url,
    });
    expect(body).not.toHaveProperty('secret');
    const [ping] = receiver.requests;
    expect(ping.body).toBe(`webhook_id=${String(body.id)}`);
    expect(ping.headers['user-agent']).toMatch(/^WooCommerce\/[\d.]+ Hookshot \(WordPress\/[\d.]+\)$/);
    expect(ping.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.keys(ping.headers).filter((name) => name.startsWith('x-wc-'))).toEqual([]);
    expect(h.woo.webhooks.get(Number(body.id))).toMatchObject({ secret: 'shh', pendingDelivery: false });
  });

  it('generates a 50-character secret when none is given and never returns it over REST', async () => {
    const res = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'order.created', delivery_url: receiver.url },
    });
    const body = (await res.json()) as { id: number; name: string };
    expect(body.name).toMatch(/^Webhook created on [A-Z][a-z]{2} \d{2}, \d{4} @ \d{2}:\d{2} [AP]M$/);
    expect(h.woo.webhooks.get(body.id)?.secret).toHaveLength(50);
    const fetched = await (await h.api(`/webhooks/${body.id}`)).json();
    expect(fetched).not.toHaveProperty('secret');
  });

  it('keeps pending_delivery while pings fail (still 201) and re-pings on every save until one gets exactly 200', async () => {
    receiver.respondWith(202);
    const res = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'order.deleted', delivery_url: receiver.url },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    expect(h.woo.webhooks.get(id)?.pendingDelivery).toBe(true);
    await h.api(`/webhooks/${id}`, { method: 'PUT', body: { name: 'renamed' } });
    expect(receiver.requests.map((r) => r.body)).toEqual([`webhook_id=${id}`, `webhook_id=${id}`]);
    receiver.respondWith(200);
    await h.api(`/webhooks/${id}`, { method: 'PUT', body: { name: 'renamed again' } });
    expect(h.woo.webhooks.get(id)?.pendingDelivery).toBe(false);
    await h.api(`/webhooks/${id}`, { method: 'PUT', body: { name: 'quiet' } });
    expect(receiver.requests).toHaveLength(3);
    expect(h.woo.deliveries.pings(id).map((p) => p.status)).toEqual([202, 202, 200]);
  });

  it('validates topic and delivery URL with WooCommerce codes', async () => {
    const badTopic = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'order.shipped', delivery_url: receiver.url },
    });
    expect(badTopic.status).toBe(400);
    expect(await badTopic.json()).toMatchObject({
      code: 'woocommerce_rest_shop_webhook_invalid_topic',
      message: 'Webhook topic is required and must be valid.',
    });
    const badUrl = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'order.created', delivery_url: 'ftp://x' },
    });
    expect((await wpError(badUrl)).code).toBe('woocommerce_rest_shop_webhook_invalid_delivery_url');
    const action = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'action.woocommerce_login_credentials', delivery_url: receiver.url },
    });
    expect(action.status).toBe(400);
    expect(receiver.requests).toHaveLength(0);
  });

  it('lists by status, pauses with PUT, refuses DELETE without force (501) and deletes with force', async () => {
    const { id } = (await (
      await h.api('/webhooks', { method: 'POST', body: { topic: 'product.updated', delivery_url: receiver.url } })
    ).json()) as { id: number };
    const paused = await h.api(`/webhooks/${id}`, { method: 'PUT', body: { status: 'paused' } });
    expect(((await paused.json()) as { status: string }).status).toBe('paused');
    const listed = (await (await h.api('/webhooks?status=paused')).json()) as Array<{ id: number }>;
    expect(listed.map((w) => w.id)).toEqual([id]);
    const soft = await h.api(`/webhooks/${id}`, { method: 'DELETE' });
    expect(soft.status).toBe(501);
    expect((await wpError(soft)).code).toBe('woocommerce_rest_trash_not_supported');
    expect((await h.api(`/webhooks/${id}?force=true`, { method: 'DELETE' })).status).toBe(200);
    const gone = await h.api(`/webhooks/${id}`);
    expect(gone.status).toBe(400);
    expect(await gone.json()).toEqual({
      code: 'woocommerce_rest_shop_webhook_invalid_id',
      message: 'ID is invalid.',
      data: { status: 400 },
    });
    const put = await h.api(`/webhooks/${id}`, { method: 'PUT', body: { name: 'x' } });
    expect(put.status).toBe(400);
    expect((await wpError(put)).message).toBe('ID is invalid.');
    const again = await h.api(`/webhooks/${id}?force=true`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({
      code: 'woocommerce_rest_shop_webhook_invalid_id',
      message: 'Invalid ID.',
    });
    const unforced = await h.api(`/webhooks/${id}`, { method: 'DELETE' });
    expect(unforced.status).toBe(501);
  });

  it('creates webhooks only with topic and delivery_url present (rest_missing_callback_param) and a new id', async () => {
    const missing = await h.api('/webhooks', { method: 'POST', body: { name: 'nothing' } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): topic, delivery_url',
    });
    const existing = await h.api('/webhooks', {
      method: 'POST',
      body: { id: 7, topic: 'order.created', delivery_url: receiver.url },
    });
    expect(await wpError(existing)).toMatchObject({
      code: 'woocommerce_rest_shop_webhook_exists',
      message: 'Cannot create existing shop_webhook.',
    });
    const badStatus = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'order.created', delivery_url: receiver.url, status: 'sleeping' },
    });
    expect((await wpError(badStatus)).code).toBe('rest_invalid_param');
    const upperScheme = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'order.created', delivery_url: receiver.url.replace('http://', 'HTTP://') },
    });
    expect((await wpError(upperScheme)).code).toBe('woocommerce_rest_shop_webhook_invalid_delivery_url');
    expect(receiver.requests).toHaveLength(0);
  });

  it('updates only the non-empty fields, with "Webhook topic must be valid." for a bad topic', async () => {
    const webhook = await h.woo.webhooks.create({ topic: 'order.created', deliveryUrl: receiver.url, secret: 'keep' });
    const res = await h.api(`/webhooks/${webhook.id}`, {
      method: 'PUT',
      body: { name: '', topic: '', delivery_url: '', secret: '', status: 'paused' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'paused', topic: 'order.created', delivery_url: receiver.url });
    expect(h.woo.webhooks.get(webhook.id)).toMatchObject({ secret: 'keep', name: 'Webhook order.created' });
    const bad = await h.api(`/webhooks/${webhook.id}`, { method: 'PUT', body: { topic: 'order.shipped' } });
    expect(await wpError(bad)).toMatchObject({
      code: 'woocommerce_rest_shop_webhook_invalid_topic',
      message: 'Webhook topic must be valid.',
    });
  });

  it('lists with WooCommerce filters: search by name, include, exclude, order and orderby', async () => {
    const fresh = await startHarness();
    try {
      const names = ['Beta', 'Alpha', 'Gamma'];
      const ids: number[] = [];
      for (const name of names) {
        ids.push((await fresh.woo.webhooks.create({ name, topic: 'order.created', deliveryUrl: receiver.url })).id);
      }
      const list = async (query: string) =>
        ((await (await fresh.api(`/webhooks?${query}`)).json()) as Array<{ name: string }>).map((w) => w.name);
      expect(await list('orderby=title&order=asc')).toEqual(['Alpha', 'Beta', 'Gamma']);
      expect(await list('orderby=id')).toEqual(['Gamma', 'Alpha', 'Beta']);
      expect(await list('search=alp')).toEqual(['Alpha']);
      expect(await list(`include=${ids[0]},${ids[2]}&order=asc&orderby=id`)).toEqual(['Beta', 'Gamma']);
      expect(await list(`exclude=${ids[1]}&orderby=id`)).toEqual(['Gamma', 'Beta']);
      const page = await fresh.api('/webhooks?per_page=2&page=2&orderby=id');
      expect(page.headers.get('x-wp-total')).toBe('3');
      expect(((await page.json()) as Array<{ name: string }>).map((w) => w.name)).toEqual(['Beta']);
    } finally {
      await fresh.woo.close();
    }
  });

  it('answers 201 even when the ping fails at the transport level (the ping result is ignored)', async () => {
    const res = await h.api('/webhooks', {
      method: 'POST',
      body: { topic: 'order.updated', delivery_url: 'http://127.0.0.1:9/unreachable' },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    expect(h.woo.webhooks.get(id)).toMatchObject({ status: 'active', pendingDelivery: true });
    expect(h.woo.deliveries.pings(id)[0]).toMatchObject({ status: 0, success: false });
  });

  it('refuses a customer key with 403 and WooCommerce messages', async () => {
    const key = h.woo.addApiKey('read_write', { role: 'customer' });
    const auth = { authorization: basicAuth(key.consumerKey, key.consumerSecret) };
    const list = await fetch(`${h.woo.url}/wp-json/wc/v3/webhooks`, { headers: auth });
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ code: 'woocommerce_rest_cannot_view', data: { status: 403 } });
    const create = await fetch(`${h.woo.url}/wp-json/wc/v3/webhooks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ topic: 'order.created', delivery_url: receiver.url }),
    });
    expect(await create.json()).toMatchObject({
      code: 'woocommerce_rest_cannot_create',
      message: 'Sorry, you are not allowed to create resources.',
      data: { status: 403 },
    });
  });

  it('does not deliver to a paused webhook', async () => {
    const webhook = await h.woo.webhooks.create({ topic: 'order.created', deliveryUrl: receiver.url });
    await h.woo.webhooks.update(webhook.id, { status: 'paused' });
    h.woo.orders.create(simpleOrder);
    await h.woo.deliveries.waitForIdle();
    expect(h.woo.deliveries.deliveries(webhook.id)).toHaveLength(0);
  });
});
