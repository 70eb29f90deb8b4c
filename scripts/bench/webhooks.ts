import { createHash } from 'node:crypto';
import { createOrderSyncStarter } from '../../api/order-sync-starter';
import { signWooWebhook } from '../../lib/woocommerce/webhook-signature';
import { orderOf } from './orders';
import { fixed, percentile, type BenchResult } from './report';
import { startBenchStack, type BenchStack } from './stack';

const RATE_PER_SECOND = 100;
const STEADY_SECONDS = 30;
/** Deliveries of the burst, and raw starts of the comparison. */
const BURST = 1500;
/** Requests in flight during the burst; the raw starts run as many at once as the relay does (its batch size). */
const BURST_CONCURRENCY = 64;
const P99_TARGET_MS = 50;
const RELAY_TARGET = 0.8;
/** Order ids far above the sandbox's own, so no delivery names an order another phase used. */
const STEADY_BASE_ID = 1_000_000;
const BURST_BASE_ID = 2_000_000;
const RAW_BASE_ID = 3_000_000;

interface Delivery {
  body: Buffer;
  headers: Record<string, string>;
}

/** A signed `order.updated` delivery for order `id`, built from a real order JSON of the WooCommerce sandbox. */
function deliveryFor(stack: BenchStack, template: Record<string, unknown>, id: number): Delivery {
  const body = Buffer.from(JSON.stringify({ ...template, id, number: String(id) }));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-source': `${stack.woo.url}/`,
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'updated',
      'x-wc-webhook-id': String(stack.store.webhookIds[0] ?? 1),
      'x-wc-webhook-delivery-id': createHash('sha256').update(`bench-${id}`).digest('hex').slice(0, 32),
      'x-wc-webhook-signature': signWooWebhook(body, stack.store.webhookSecret),
    },
  };
}

/** Posts one delivery; resolves with its latency in ms, or throws when the service did not accept it. */
async function post(stack: BenchStack, delivery: Delivery): Promise<number> {
  const started = performance.now();
  const response = await fetch(stack.store.webhookUrl, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  await response.arrayBuffer();
  const latency = performance.now() - started;
  if (response.status !== 202) throw new Error(`a delivery was answered HTTP ${response.status}`);
  return latency;
}

/** Runs `task(0..count-1)` with at most `concurrency` at once. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** Workflows Temporal's visibility lists under `query`. */
async function countWorkflows(stack: BenchStack, query: string): Promise<number> {
  return (await stack.client.workflow.count(query)).count;
}

/** Waits until visibility lists `count` workflows under `query`; resolves with when it first did (ms epoch). */
async function untilWorkflows(stack: BenchStack, query: string, count: number): Promise<number> {
  const deadline = Date.now() + 180_000;
  while ((await countWorkflows(stack, query)) < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} workflows after 3 minutes (${query})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now();
}

/** A real order's JSON, as the sandbox's REST API answers it, to shape the deliveries' bodies. */
async function orderTemplate(stack: BenchStack): Promise<Record<string, unknown>> {
  const created = stack.woo.orders.create(orderOf('webhooks-template@example.co.nz', ['BENCH-KETE', 'BENCH-BALM']));
  const auth = Buffer.from(`${stack.woo.consumerKey}:${stack.woo.consumerSecret}`).toString('base64');
  const response = await fetch(`${stack.woo.url}/wp-json/wc/v3/orders/${created.id}`, {
    headers: { authorization: `Basic ${auth}` },
  });
  if (!response.ok) throw new Error(`the WooCommerce sandbox answered HTTP ${response.status} for an order`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * The webhook path with the API alone (no worker in its process): acknowledgement latency at a fixed rate, then the
 * relay's hand-off rate for a burst next to the raw signalWithStart rate of the same Temporal server.
 */
export async function benchWebhooks(): Promise<BenchResult> {
  const stack = await startBenchStack({ name: 'webhooks', worker: false });
  try {
    const template = await orderTemplate(stack);
    const storeQuery = `WorkflowType = "syncOrderWorkflow" AND WooStoreId = "${stack.store.storeId}"`;
    // The template order's own delivery starts one workflow: count from there.
    await stack.woo.deliveries.waitForIdle(30_000);
    const seenBefore = await untilWorkflows(stack, storeQuery, 1).then(() => countWorkflows(stack, storeQuery));

    // 1. A fixed arrival rate (open loop): each delivery leaves on its own schedule, whatever the answers do.
    const steady = RATE_PER_SECOND * STEADY_SECONDS;
    const deliveries = Array.from({ length: steady }, (_, i) => deliveryFor(stack, template, STEADY_BASE_ID + i));
    const startedAt = performance.now();
    const latencies = await Promise.all(
      deliveries.map(async (delivery, i) => {
        const due = startedAt + (i * 1000) / RATE_PER_SECOND;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        return post(stack, delivery);
      }),
    );
    const sentSeconds = (performance.now() - startedAt) / 1000;
    await untilWorkflows(stack, storeQuery, seenBefore + steady);

    // 2. A burst as fast as the API takes it: deliveries recorded → workflows started, per second.
    const burst = Array.from({ length: BURST }, (_, i) => deliveryFor(stack, template, BURST_BASE_ID + i));
    const burstStart = Date.now();
    await pool(BURST, BURST_CONCURRENCY, (i) => post(stack, burst[i] as Delivery));
    const relayDone = await untilWorkflows(stack, storeQuery, seenBefore + steady + BURST);
    const relayRate = BURST / ((relayDone - burstStart) / 1000);

    // 3. The same starts straight from a client (the service's own starter), as many at once as the relay makes.
    const rawStore = 'st_rawbenchnobodyrun';
    const starter = createOrderSyncStarter(stack.client, {
      ...stack.config,
      temporal: { ...stack.config.temporal, taskQueue: 'bench-raw-no-worker' },
    });
    const rawStart = Date.now();
    await pool(BURST, BURST_CONCURRENCY, (i) =>
      starter.start({ storeId: rawStore, orderId: RAW_BASE_ID + i, topic: 'order.updated' }),
    );
    const rawDone = await untilWorkflows(
      stack,
      `WorkflowType = "syncOrderWorkflow" AND WooStoreId = "${rawStore}"`,
      BURST,
    );
    const rawRate = BURST / ((rawDone - rawStart) / 1000);
    const ratio = relayRate / rawRate;

    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    return {
      id: 'webhooks',
      title: 'Webhook intake and relay',
      figures: [
        { name: `Acknowledgement p50 at ${RATE_PER_SECOND}/s (ms)`, value: fixed(p50, 1) },
        {
          name: `Acknowledgement p99 at ${RATE_PER_SECOND}/s (ms)`,
          value: fixed(p99, 1),
          target: `< ${P99_TARGET_MS}`,
          met: p99 < P99_TARGET_MS,
        },
        { name: 'Acknowledgement max (ms)', value: fixed(Math.max(...latencies), 1) },
        { name: 'Deliveries accepted (202)', value: `${latencies.length} of ${steady} in ${fixed(sentSeconds, 1)} s` },
        { name: 'Relay hand-off rate, burst (workflows/s)', value: fixed(relayRate, 0) },
        { name: 'Raw signalWithStart rate, same server (workflows/s)', value: fixed(rawRate, 0) },
        {
          name: 'Relay ÷ raw',
          value: `${fixed(ratio * 100, 0)} %`,
          target: `≥ ${RELAY_TARGET * 100} %`,
          met: ratio >= RELAY_TARGET,
        },
      ],
      layout: stack.layout,
      notes: [
        `Signed \`order.updated\` deliveries (the body of a real sandbox order, ${fixed(deliveries[0]?.body.length ?? 0, 0)} ` +
          `bytes), each for its own order, posted to the API alone (no worker): ${steady} at a fixed ${RATE_PER_SECOND} ` +
          'a second, each leaving on schedule whatever earlier answers did. Latency: request sent to answer read.',
        `Burst: ${BURST} deliveries, ${BURST_CONCURRENCY} in flight; rate = deliveries ÷ time from the first post until ` +
          'Temporal’s visibility lists every order’s workflow. Raw: the same number of signalWithStart calls made by ' +
          `the service’s starter from the bench process, ${BURST_CONCURRENCY} at once, timed the same way.`,
        'The issue as filed measured p50 1.8 s and p99 2.7 s at 11 deliveries a second, when the answer waited for ' +
          'Temporal.',
      ],
    };
  } finally {
    await stack.close();
  }
}
