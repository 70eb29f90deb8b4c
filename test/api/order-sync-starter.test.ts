import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { createOrderSyncStarter } from '../../api/order-sync-starter';
import { signWooWebhook } from '../../lib/woocommerce/webhook-signature';
import { SYNC_STATE, WOO_ORDER_NUMBER, WOO_STORE_ID } from '../../lib/temporal/search-attributes';
import { startTestTemporal } from '../support/temporal';
import { buildTestApi, registerStore, type TestApi } from './harness';

const TASK_QUEUE = 'api-order-sync-starter-test';

describe('createOrderSyncStarter against a real Temporal server', () => {
  let env: TestWorkflowEnvironment;
  let api: TestApi;

  beforeAll(async () => {
    env = await startTestTemporal();
    api = await buildTestApi({ env: { TEMPORAL_TASK_QUEUE: TASK_QUEUE } });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('signal-with-starts one run per order, with search attributes and a summary, and coalesces repeats', async () => {
    const starter = createOrderSyncStarter(env.client, api.config);
    const first = await starter.start({
      storeId: 'st_abcdefghijklmnop',
      orderId: 1234,
      orderNumber: '1234',
      topic: 'order.created',
      deliveryId: 'd1',
    });
    const second = await starter.start({ storeId: 'st_abcdefghijklmnop', orderId: 1234, topic: 'order.updated' });
    expect(first).toEqual({ workflowId: 'order-sync:st_abcdefghijklmnop:1234' });
    expect(second).toEqual(first);

    const handle = env.client.workflow.getHandle(first.workflowId);
    const description = await handle.describe();
    expect(description.type).toBe('syncOrderWorkflow');
    expect(description.taskQueue).toBe(TASK_QUEUE);
    expect(description.typedSearchAttributes.get(WOO_STORE_ID)).toBe('st_abcdefghijklmnop');
    expect(description.typedSearchAttributes.get(WOO_ORDER_NUMBER)).toBe('1234');
    expect(description.typedSearchAttributes.get(SYNC_STATE)).toBe('settling');
    expect(await description.staticSummary()).toBe('Order #1234 of store st_abcdefghijklmnop → Xero');

    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    expect(started?.input?.payloads).toHaveLength(1);
    const signals = events.filter((e) => e.workflowExecutionSignaledEventAttributes);
    expect(signals.map((e) => e.workflowExecutionSignaledEventAttributes?.signalName)).toEqual([
      'orderChanged',
      'orderChanged',
    ]);
    await handle.terminate('test done');
  });

  it('is wired behind the inbox: a signed webhook, once relayed, starts the run, a mis-signed one starts nothing', async () => {
    const real = await buildTestApi({
      env: { TEMPORAL_TASK_QUEUE: TASK_QUEUE },
      orderSync: createOrderSyncStarter(env.client, api.config),
    });
    try {
      const store = await registerStore(real);
      const body = '{"id":55,"number":"55"}';
      const send = (signature: string) =>
        request(real.app)
          .post(`/webhooks/woocommerce/${store.id}`)
          .set('Content-Type', 'application/json')
          .set('X-WC-Webhook-Topic', 'order.updated')
          .set('X-WC-Webhook-Signature', signature)
          .send(body);

      await send(signWooWebhook(Buffer.from(body), 'wrong secret')).expect(401);
      await expect(env.client.workflow.getHandle(`order-sync:${store.id}:55`).describe()).rejects.toThrow(/not found/i);

      const res = await send(signWooWebhook(Buffer.from(body), store.webhookSecret)).expect(202);
      expect(res.body).toEqual({ workflowId: `order-sync:${store.id}:55` });
      expect(await real.relay.relayDue()).toEqual({ claimed: 1, handedOver: 1, failed: 0 });
      const handle = env.client.workflow.getHandle(res.body.workflowId as string);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test done');
    } finally {
      await real.close();
    }
  });
});
