import { STORE_WEBHOOK_TOPICS } from '../../lib/stores/webhook-url';
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

async function expectOk(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} failed with HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** A store as registration returns it: its id, API token (shown once) and webhook URL and secret. */
export interface RegisteredStore {
  id: string;
  apiToken: string;
  webhookUrl: string;
  webhookSecret: string;
}

/** Registers the store with the service, as the operator (the WordPress plugin's first call). */
export async function registerStore(
  apiUrl: string,
  operatorToken: string,
  store: StoreToOnboard,
): Promise<RegisteredStore> {
  return (await expectOk(
    await fetch(`${apiUrl}/api/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(store),
    }),
    'Registering the store',
  )) as RegisteredStore;
}

/**
 * Connects Xero as the merchant's browser does: our connect link → our start URL (sets the connect cookie) → Xero
 * consent → our callback (with the cookie), as followAsBrowser follows the redirects. Throws on any refusal.
 */
export async function connectXero(apiUrl: string, registered: RegisteredStore): Promise<unknown> {
  return expectOk(
    await followAsBrowser(`${apiUrl}/api/stores/${registered.id}/xero/connect`, {
      headers: { authorization: `Bearer ${registered.apiToken}`, accept: 'application/json' },
    }),
    'Connecting Xero',
  );
}

/** Creates the WooCommerce order webhooks pointing at the service, with the store's secret; returns their ids. */
export async function createOrderWebhooks(store: StoreToOnboard, registered: RegisteredStore): Promise<number[]> {
  const basicAuth = `Basic ${Buffer.from(`${store.consumerKey}:${store.consumerSecret}`).toString('base64')}`;
  const webhookIds: number[] = [];
  for (const topic of STORE_WEBHOOK_TOPICS) {
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
  return webhookIds;
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
  const registered = await registerStore(apiUrl, operatorToken, store);
  await connectXero(apiUrl, registered);
  const webhookIds = await createOrderWebhooks(store, registered);
  return {
    storeId: registered.id,
    apiToken: registered.apiToken,
    webhookUrl: registered.webhookUrl,
    webhookSecret: registered.webhookSecret,
    webhookIds,
  };
}
