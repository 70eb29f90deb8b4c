import { SANDBOX_STORE_HOSTS } from '../../sandbox/service-environment';
import { createWooClient, type WooClient } from '../../lib/woocommerce/client';
import { wooAccessRefusal } from '../../lib/woocommerce/errors';
import { startWooSandbox, type ApiKey, type WooSandbox } from '../../sandbox/woocommerce';
import { startReceiver, type Receiver } from '../sandbox-woocommerce/support/receiver';
import { caught } from './caught-woo-error';

describe('WooCommerce client: what store activation needs, against the sandbox', () => {
  let woo: WooSandbox;
  let receiver: Receiver;
  const clientFor = (key: Pick<ApiKey, 'consumerKey' | 'consumerSecret'>, store: WooSandbox = woo): WooClient =>
    createWooClient({
      storeUrl: store.url,
      devHosts: SANDBOX_STORE_HOSTS,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
  beforeAll(async () => {
    woo = await startWooSandbox({ currency: 'AUD', decimals: 3, pricesIncludeTax: true, roundTaxAtSubtotal: true });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await woo.close();
    await receiver.close();
  });

  it('reads currency, decimals (a number) and the tax settings', async () => {
    expect(await clientFor(woo).readStoreFacts()).toEqual({
      currency: 'AUD',
      decimals: 3,
      pricesIncludeTax: true,
      taxesEnabled: true,
      roundTaxAtSubtotal: true,
    });
  });

  it('reads the defaults of another store', async () => {
    const other = await startWooSandbox({ currency: 'CLP', decimals: 0, taxesEnabled: false });
    try {
      expect(await clientFor(other, other).readStoreFacts()).toEqual({
        currency: 'CLP',
        decimals: 0,
        pricesIncludeTax: false,
        taxesEnabled: false,
        roundTaxAtSubtotal: false,
      });
    } finally {
      await other.close();
    }
  });

  it('creates, lists and deletes webhooks; a second delete reports nothing was there', async () => {
    const client = clientFor(woo);
    const created = await client.createWebhook({
      name: 'Xero sync: order.updated',
      topic: 'order.updated',
      deliveryUrl: receiver.url,
      secret: 'webhook-secret',
    });
    expect(created).toEqual({
      id: expect.any(Number) as number,
      name: 'Xero sync: order.updated',
      status: 'active',
      topic: 'order.updated',
      deliveryUrl: receiver.url,
    });
    expect(woo.webhooks.get(created.id)?.secret).toBe('webhook-secret');
    expect(receiver.requests.map((r) => r.body)).toContain(`webhook_id=${created.id}`);
    await woo.webhooks.update(created.id, { status: 'paused' });
    const listed = await client.listWebhooks();
    expect(listed.find((hook) => hook.id === created.id)).toMatchObject({ status: 'paused' });
    expect(await client.deleteWebhook(created.id)).toBe(true);
    expect(woo.webhooks.get(created.id)).toBeUndefined();
    expect(await client.deleteWebhook(created.id)).toBe(false);
  });

  it('lists every page of webhooks', async () => {
    const many = await startWooSandbox();
    try {
      for (let i = 0; i < 105; i += 1)
        await many.webhooks.create({ topic: 'order.created', deliveryUrl: receiver.url });
      const listed = await clientFor(many, many).listWebhooks();
      expect(listed).toHaveLength(105);
      expect(new Set(listed.map((hook) => hook.id)).size).toBe(105);
    } finally {
      await many.close();
    }
  });

  it('tells refused keys (401) from a key whose user is not a shop manager (403)', async () => {
    const wrongSecret = await caught(
      clientFor({ consumerKey: woo.consumerKey, consumerSecret: 'cs_wrong' }).readStoreFacts(),
    );
    expect(wooAccessRefusal(wrongSecret)).toBe('keys_refused');
    expect(wrongSecret.message).not.toContain('cs_wrong');
    const readOnly = woo.addApiKey('read');
    const write = await caught(
      clientFor(readOnly).createWebhook({ name: 'x', topic: 'order.created', deliveryUrl: receiver.url, secret: 's' }),
    );
    expect(wooAccessRefusal(write)).toBe('keys_refused');
    const customer = woo.addApiKey('read_write', { role: 'customer' });
    const facts = await caught(clientFor(customer).readStoreFacts());
    expect(wooAccessRefusal(facts)).toBe('not_admin');
    expect(facts).toMatchObject({ status: 403, code: 'woocommerce_rest_cannot_view', retryable: false });
    expect(wooAccessRefusal(await caught(clientFor(customer).listWebhooks()))).toBe('not_admin');
  });

  it('does not take a store failure for a refusal', async () => {
    woo.faults.add({ method: 'GET', path: '/settings/tax$', fault: { status: 500 } });
    const failure = await caught(clientFor(woo).readStoreFacts());
    expect(failure).toMatchObject({ status: 500, retryable: true });
    expect(wooAccessRefusal(failure)).toBeNull();
  });
});
