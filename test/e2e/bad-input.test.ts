import { signWooWebhook } from '../../lib/woocommerce';
import { eventually } from '../support/ports';
import { useTestStack } from '../support/stack';

interface Attempt {
  name: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: number;
  code: string;
}

describe('bad webhook input gets a clear 4xx and starts nothing', () => {
  const ctx = useTestStack();

  function delivery(body: string, secret = ctx.stack.store.webhookSecret): Record<string, string> {
    return {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'updated',
      'x-wc-webhook-id': '1',
      'x-wc-webhook-signature': signWooWebhook(Buffer.from(body), secret),
    };
  }

  it('answers each bad request with the right status and JSON error, and Temporal shows no workflow', async () => {
    const good = JSON.stringify({ id: 9001, number: '9001', status: 'processing' });
    const attempts: Attempt[] = [
      {
        name: 'bad signature',
        headers: delivery(good, 'not-the-secret'),
        body: good,
        status: 401,
        code: 'invalid_signature',
      },
      {
        name: 'no signature',
        headers: { ...delivery(good), 'x-wc-webhook-signature': '' },
        body: good,
        status: 401,
        code: 'missing_signature',
      },
      {
        name: 'malformed JSON',
        headers: delivery('{"id": 9001,'),
        body: '{"id": 9001,',
        status: 400,
        code: 'invalid_json',
      },
      {
        name: 'unknown store',
        path: '/webhooks/woocommerce/st_aaaaaaaaaaaaaaaa',
        headers: delivery(good),
        body: good,
        status: 404,
        code: 'unknown_store',
      },
      {
        name: 'oversized body',
        headers: delivery(JSON.stringify({ id: 9001, padding: 'x'.repeat(2_000_000) })),
        body: JSON.stringify({ id: 9001, padding: 'x'.repeat(2_000_000) }),
        status: 413,
        code: 'payload_too_large',
      },
      { name: 'wrong method', method: 'GET', status: 405, code: 'method_not_allowed' },
    ];
    for (const attempt of attempts) {
      const headers = Object.fromEntries(Object.entries(attempt.headers ?? {}).filter(([, value]) => value !== ''));
      const response = await fetch(
        `${ctx.stack.apiUrl}${attempt.path ?? `/webhooks/woocommerce/${ctx.stack.store.storeId}`}`,
        {
          method: attempt.method ?? 'POST',
          headers,
          body: attempt.body,
        },
      );
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      expect({ name: attempt.name, status: response.status, code: body.error?.code }).toEqual({
        name: attempt.name,
        status: attempt.status,
        code: attempt.code,
      });
      expect(body.error?.message).toEqual(expect.any(String));
    }

    // Visibility is eventually consistent: give a wrongly started workflow time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = await ctx.temporal.client.workflow.count(
      `WorkflowType = 'syncOrderWorkflow' AND WooStoreId = '${ctx.stack.store.storeId}'`,
    );
    expect(started.count).toBe(0);
    const anyOrderWorkflow = await ctx.temporal.client.workflow.count(
      `WorkflowId = 'order-sync:${ctx.stack.store.storeId}:9001'`,
    );
    expect(anyOrderWorkflow.count).toBe(0);
  });

  it('starts exactly the order workflow for a good delivery (the control for the test above)', async () => {
    const good = JSON.stringify({ id: 9002, number: '9002' });
    const response = await fetch(`${ctx.stack.apiUrl}/webhooks/woocommerce/${ctx.stack.store.storeId}`, {
      method: 'POST',
      headers: delivery(good),
      body: good,
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ workflowId: `order-sync:${ctx.stack.store.storeId}:9002` });
    // The delivery is recorded and acknowledged first; the relay then starts its workflow.
    const handle = ctx.temporal.client.workflow.getHandle(`order-sync:${ctx.stack.store.storeId}:9002`);
    const description = await eventually(
      () => handle.describe().catch(() => undefined),
      30_000,
      'the relay to start it',
    );
    expect(description.type).toBe('syncOrderWorkflow');
    await ctx.temporal.client.workflow.getHandle(`order-sync:${ctx.stack.store.storeId}:9002`).terminate('test done');
  });
});
