import { connectXero } from '../../scripts/support/onboard-store';
import { webhookUrlFor } from '../../lib/stores/webhook-url';
import { SYNC_STATE } from '../../lib/temporal/search-attributes';
import { orderSyncWorkflowId } from '../../workflows/definitions';
import type { CreateOrderInput } from '../../sandbox/woocommerce';
import { eventually } from '../support/ports';
import type { TestStack } from '../support/stack';
import { useTestStack } from '../support/stack';
import { invoicesForOrder, waitForLedger } from './support';
import { linkOf } from '../support/html-links';

/** A store as the plugin knows it after activation: its id and the token the service returned once. */
interface PluginStore {
  id: string;
  apiToken: string;
}

const ADMIN = { adminEmail: 'aroha@shop.example.nz', username: 'aroha-admin', userId: 7 };

function orderInput(i: number): CreateOrderInput {
  return {
    status: 'processing',
    billing: { first_name: 'Mere', last_name: `Pause${i}`, email: `mere.${i}@example.co.nz`, country: 'NZ' },
    lineItems: [{ name: 'Kete', sku: 'KETE-1', quantity: 1, price: 30 }],
  };
}

async function call(stack: TestStack, store: PluginStore, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${store.apiToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The plugin's activation call for the sandbox store, with or without the admin's consent. */
function activate(stack: TestStack, consent: boolean): Promise<Response> {
  return fetch(`${stack.apiUrl}/api/activations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ storeUrl: stack.woo.url, ...ADMIN, consent }),
  });
}

/** Sends a lifecycle event as the plugin does and waits until the store's workflow has applied it. */
async function lifecycle(stack: TestStack, store: PluginStore, body: Record<string, unknown>) {
  const sent = await call(stack, store, 'POST', `/api/stores/${store.id}/lifecycle`, body);
  expect(sent.status).toBe(202);
  const { id } = sent.body.event as { id: number };
  return eventually(
    async () => {
      const { body: view } = await call(stack, store, 'GET', `/api/stores/${store.id}/lifecycle`);
      const event = (view.events as Array<{ id: number; state: string; outcome: string }>).find((e) => e.id === id);
      return event && event.state !== 'pending' ? event : undefined;
    },
    60_000,
    `lifecycle event ${JSON.stringify(body.event)}`,
  );
}

const oursFor = (stack: TestStack, storeId: string) =>
  stack.woo.webhooks.list().filter((hook) => hook.deliveryUrl === webhookUrlFor(stack.config.publicUrl, storeId));

async function rowsOf(stack: TestStack, table: string, storeId: string): Promise<number> {
  const [row] = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE store_id = $1`, [
    storeId,
  ]);
  return row?.n ?? 0;
}

describe('store lifecycle through the plugin’s calls only: activation, pause, resume, uninstall', () => {
  // WooCommerce posts keys only over https; the sandbox lets this machine's service take them over http.
  const context = useTestStack({ woo: { wcAuthHttpCallbackHosts: ['127.0.0.1'] } });
  let store: PluginStore;

  it('uninstalls the store it had (webhooks deleted, Xero disconnected, secrets and personal data erased), twice harmlessly', async () => {
    const { stack } = context;
    const old = { id: stack.store.storeId, apiToken: stack.store.apiToken };
    expect(oursFor(stack, old.id)).toHaveLength(4);
    const first = await lifecycle(stack, old, { event: 'uninstalled' });
    expect(first).toMatchObject({ state: 'applied' });
    expect(first.outcome).toContain('4 deleted');
    expect(oursFor(stack, old.id)).toEqual([]);
    for (const table of ['store_credentials', 'store_admins', 'xero_connections', 'xero_contact_memory']) {
      expect(await rowsOf(stack, table, old.id)).toBe(0);
    }
    expect(stack.xero.state.connections()).toEqual([]);
    const again = await lifecycle(stack, old, { event: 'uninstalled' });
    expect(again.state).toBe('applied');
  }, 120_000);

  it('activates with consent, takes the keys the merchant approves in WooCommerce, creates its webhooks (answering the ping) and starts the trial', async () => {
    const { stack } = context;
    const refused = await activate(stack, false);
    expect(refused.status).toBe(400);
    const res = await activate(stack, true);
    expect(res.status).toBe(201);
    const activated = (await res.json()) as { id: string; apiToken: string; status: string; authorizeKeysUrl: string };
    expect(activated.status).toBe('awaiting-credentials');
    expect(activated.authorizeKeysUrl).toContain(`${stack.woo.url}/wc-auth/v1/authorize?`);
    store = { id: activated.id, apiToken: activated.apiToken };

    // The merchant approves the keys in WooCommerce, which posts them to the service and sends the browser back.
    const page = await (await fetch(activated.authorizeKeysUrl)).text();
    const approved = await fetch(linkOf(page, 'wc-auth-approve'), { redirect: 'manual' });
    expect(approved.status).toBe(302);
    expect(approved.headers.get('location')).toContain('success=1');
    const applied = await eventually(
      async () => {
        const { body: view } = await call(stack, store, 'GET', `/api/stores/${store.id}/lifecycle`);
        const [event] = view.events as Array<{ kind: string; state: string; outcome: string }>;
        return event?.kind === 'credentials' && event.state !== 'pending' ? event : undefined;
      },
      60_000,
      'the keys WooCommerce posted, applied',
    );
    expect(applied.state).toBe('applied');
    expect(applied.outcome).toContain('WooCommerce keys verified: NZD');
    expect(applied.outcome).toContain('Trial started');
    const hooks = oursFor(stack, store.id);
    expect(hooks.map((hook) => hook.topic).sort()).toEqual([
      'order.created',
      'order.deleted',
      'order.restored',
      'order.updated',
    ]);
    expect(hooks.every((hook) => hook.status === 'active' && !hook.pendingDelivery)).toBe(true);
    const { body: view } = await call(stack, store, 'GET', `/api/stores/${store.id}`);
    expect(view.status).toBe('active');

    await connectXero(stack.apiUrl, { ...store, webhookUrl: '', webhookSecret: '' });
    const { body: xero } = await call(stack, store, 'GET', `/api/stores/${store.id}/xero`);
    expect(xero.state).toBe('connected');
    const order = await stack.woo.orders.create(orderInput(0));
    const entry = await waitForLedger({ ...stack, store: { ...stack.store, storeId: store.id } }, order.id);
    expect(entry.state).toBe('synced');
  }, 180_000);

  it('books nothing while deactivated, and every order of the pause once reactivated', async () => {
    const { stack } = context;
    const paused = await lifecycle(stack, store, { event: 'deactivated' });
    expect(paused.outcome).toContain('Syncing paused since');
    const orders = await Promise.all([1, 2, 3].map((i) => stack.woo.orders.create(orderInput(i))));
    // Each order's run reaches the store gate and waits there, visibly, without booking.
    for (const order of orders) {
      await eventually(
        async () => {
          const described = await stack.temporal.workflow
            .getHandle(orderSyncWorkflowId(store.id, order.id))
            .describe()
            .catch(() => undefined);
          return described?.typedSearchAttributes.get(SYNC_STATE) === 'paused' ? true : undefined;
        },
        60_000,
        `order ${order.id} paused`,
      );
    }
    for (const order of orders) expect(invoicesForOrder(stack, order.number)).toEqual([]);

    const resumed = await lifecycle(stack, store, { event: 'activated' });
    expect(resumed.outcome).toContain('Syncing resumed');
    const scoped = { ...stack, store: { ...stack.store, storeId: store.id } };
    for (const order of orders) {
      await eventually(
        async () => ((await waitForLedger(scoped, order.id)).state === 'synced' ? true : undefined),
        90_000,
        `order ${order.id} booked after the resume`,
      );
      expect(invoicesForOrder(stack, order.number)).toHaveLength(1);
    }
    const { body: history } = await call(stack, store, 'GET', `/api/stores/${store.id}/lifecycle`);
    expect(history.pauses).toEqual([
      expect.objectContaining({ reason: 'deactivated', startedAt: expect.any(String), endedAt: expect.any(String) }),
    ]);
  }, 240_000);

  it('uninstall leaves no webhooks of ours, no credentials or personal data, and the ledger', async () => {
    const { stack } = context;
    const done = await lifecycle(stack, store, { event: 'uninstalled' });
    expect(done.state).toBe('applied');
    expect(oursFor(stack, store.id)).toEqual([]);
    for (const table of ['store_credentials', 'store_admins', 'xero_connections', 'xero_create_attempts']) {
      expect(await rowsOf(stack, table, store.id)).toBe(0);
    }
    expect(await rowsOf(stack, 'sync_ledger', store.id)).toBe(4);
    const refused = await call(stack, store, 'POST', `/api/stores/${store.id}/lifecycle`, { event: 'activated' });
    expect(refused.status).toBe(409);
  }, 120_000);

  it('activates again with keys the plugin sends itself, then leaves again', async () => {
    const { stack } = context;
    const res = await activate(stack, true);
    expect(res.status).toBe(201);
    const again = (await res.json()) as PluginStore;
    const applied = await lifecycle(stack, again, {
      event: 'credentials',
      consumerKey: stack.woo.consumerKey,
      consumerSecret: stack.woo.consumerSecret,
    });
    expect(applied.state).toBe('applied');
    expect(oursFor(stack, again.id)).toHaveLength(4);
    const wrong = await lifecycle(stack, again, {
      event: 'credentials',
      consumerKey: 'ck_wrong',
      consumerSecret: 'cs_wrong',
    });
    expect(wrong.state).toBe('failed');
    expect(wrong.outcome).toMatch(/WooCommerce/);
    expect((await lifecycle(stack, again, { event: 'uninstalled' })).state).toBe('applied');
    expect(stack.woo.webhooks.list().filter((hook) => hook.deliveryUrl.includes('/webhooks/woocommerce/'))).toEqual([]);
  }, 120_000);
});
