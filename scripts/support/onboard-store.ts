import { followAsBrowser } from './browser-redirects';

/** What the WordPress plugin would send to register a store. */
export interface StoreToOnboard {
  url: string;
  consumerKey: string;
  consumerSecret: string;
}

/** A registered store with Xero connected and WooCommerce webhooks pointing at the service. */
export interface OnboardedStore {
  storeId: string;
  apiToken: string;
  webhookUrl: string;
  webhookSecret: string;
  webhookIds: number[];
}

/** The order topics the service subscribes to. */
export const ORDER_WEBHOOK_TOPICS = ['order.created', 'order.updated', 'order.deleted', 'order.restored'];

async function expectOk(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} failed with HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * Does what the merchant and the WordPress plugin do: registers the store with the service (operator token),
 * connects Xero through the OAuth redirect flow, and creates the WooCommerce order webhooks with the secret.
 */
export async function onboardStore(
  apiUrl: string,
  operatorToken: string,
  store: StoreToOnboard,
): Promise<OnboardedStore> {
  const registered = (await expectOk(
    await fetch(`${apiUrl}/api/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(store),
    }),
    'Registering the store',
  )) as { id: string; apiToken: string; webhookUrl: string; webhookSecret: string };

  // The merchant's browser: our connect link → our start URL (sets the connect cookie) → Xero consent → our
  // callback (with the cookie), as followAsBrowser follows the redirects.
  await expectOk(
    await followAsBrowser(`${apiUrl}/api/stores/${registered.id}/xero/connect`, {
      headers: { authorization: `Bearer ${registered.apiToken}`, accept: 'application/json' },
    }),
    'Connecting Xero',
  );

  const basicAuth = `Basic ${Buffer.from(`${store.consumerKey}:${store.consumerSecret}`).toString('base64')}`;
  const webhookIds: number[] = [];
  for (const topic of ORDER_WEBHOOK_TOPICS) {
    const webhook = (await expectOk(
      await fetch(`${store.url}/wp-json/wc/v3/webhooks`, {
        method: 'POST',
        headers: { authorization: basicAuth, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Xero sync: ${topic}`,
          topic,
          delivery_url: registered.webhookUrl,
          secret: registered.webhookSecret,
        }),
      }),
      `Creating the ${topic} webhook`,
    )) as { id: number };
    webhookIds.push(webhook.id);
  }
  return {
    storeId: registered.id,
    apiToken: registered.apiToken,
    webhookUrl: registered.webhookUrl,
    webhookSecret: registered.webhookSecret,
    webhookIds,
  };
}
