import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeliveryRecord, WooSandbox } from '../../sandbox/woocommerce';
import type { OrderChange } from '../../api/order-sync-starter';
import type { Rng } from './seeded-rng';

/**
 * WooCommerce's webhooks pointed at a receiver that answers every request 200 and keeps nothing: the store's
 * delivery log keeps each delivery's signed bytes and headers, which the test hands on to the service later, in
 * an order and as often as it likes (a network that delays, reorders and repeats).
 */
export interface HeldWebhooks {
  /** Waits for the store's delivery queue to drain and returns the deliveries made since the last call. */
  collect(): Promise<DeliveryRecord[]>;
  close(): Promise<void>;
}

/** Points the store's webhooks at a local receiver that holds their deliveries (see HeldWebhooks). */
export async function holdWebhooks(woo: WooSandbox, webhookIds: readonly number[]): Promise<HeldWebhooks> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/held`;
  for (const id of webhookIds) await woo.webhooks.update(id, { deliveryUrl: url });
  let seen = woo.deliveries.all().length;
  return {
    collect: async () => {
      await woo.deliveries.waitForIdle(60_000);
      const records = woo.deliveries.all().slice(seen);
      seen += records.length;
      return records.filter((record) => record.kind === 'delivery' && record.url === url);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What to send now and what to keep back for a later round. */
export interface DeliverySchedule {
  now: DeliveryRecord[];
  later: DeliveryRecord[];
}

/**
 * Shuffles a round's deliveries with duplicates: each fresh delivery goes 1–3 times; one copy of one delivery per
 * order goes now (so the service hears of every change in its round), any other copy is kept back for a later
 * round with probability `lateness`. Copies kept back earlier go now, shuffled in; `final` sends everything.
 */
export function scheduleDeliveries(
  fresh: readonly DeliveryRecord[],
  keptBack: readonly DeliveryRecord[],
  rng: Rng,
  opts: { lateness: number; final: boolean },
): DeliverySchedule {
  const now: DeliveryRecord[] = [...keptBack];
  const later: DeliveryRecord[] = [];
  const byOrder = new Map<number, DeliveryRecord[]>();
  for (const record of fresh)
    byOrder.set(Number(record.resourceId), [...(byOrder.get(Number(record.resourceId)) ?? []), record]);
  for (const records of byOrder.values()) {
    const sure = rng.pick(records);
    now.push(sure);
    for (const record of records) {
      const copies = rng.int(1, 3) - (record === sure ? 1 : 0);
      for (let i = 0; i < copies; i++) (opts.final || !rng.chance(opts.lateness) ? now : later).push(record);
    }
  }
  return { now: rng.shuffle(now), later };
}

/** Runs `send` over the records, `concurrency` at a time, in the records' order of starting. */
export async function sendAll(
  records: readonly DeliveryRecord[],
  send: (record: DeliveryRecord) => Promise<void>,
  concurrency = 8,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < records.length) await send(records[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, records.length) }, lane));
}

/** Posts a recorded delivery to the service's webhook URL, byte for byte, and fails unless it answers 202. */
export async function postDelivery(webhookUrl: string, record: DeliveryRecord): Promise<void> {
  const res = await fetch(webhookUrl, { method: 'POST', headers: record.requestHeaders, body: record.rawBody });
  const body = await res.text();
  if (res.status !== 202) throw new Error(`the webhook endpoint answered ${res.status} to a delivery: ${body}`);
}

/** The order change a delivery reports, as the webhook endpoint records it and the relay hands it to Temporal. */
export function changeOfDelivery(storeId: string, record: DeliveryRecord): OrderChange {
  const payload = JSON.parse(record.body) as { id: number; number?: string };
  return {
    storeId,
    orderId: payload.id,
    orderNumber: payload.number,
    topic: String(record.topic),
    deliveryId: record.deliveryId ?? undefined,
  };
}
