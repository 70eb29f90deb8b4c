import type { OrderChange, OrderSyncStarter } from '../../api/order-sync-starter';
import { createWebhookIntake } from '../../api/webhook-intake';
import { createWebhookRelay, relayRetryDelayMs } from '../../api/webhook-relay';
import type { Repositories } from '../../lib/db';
import { createStore, useTestStorage } from '../db/fixtures';
import { eventually } from '../support/ports';
import { recordingLogger } from './harness';

/** A starter that fails while `down` is true, and records what it was given otherwise. */
function switchableStarter(): OrderSyncStarter & { down: boolean; calls: OrderChange[]; failures: number } {
  const starter = {
    down: false,
    calls: [] as OrderChange[],
    failures: 0,
    start(change: OrderChange) {
      if (starter.down) {
        starter.failures++;
        return Promise.reject(new Error('14 UNAVAILABLE: No connection established'));
      }
      starter.calls.push(change);
      return Promise.resolve({ workflowId: `order-sync:${change.storeId}:${change.orderId}` });
    },
  };
  return starter;
}

describe('relayRetryDelayMs', () => {
  const options = { initialMs: 1000, maxMs: 60_000 };

  it('doubles per attempt up to the cap', () => {
    const top = (attempts: number) => relayRetryDelayMs(attempts, { ...options, random: () => 0.999999 });
    expect([1, 2, 3, 4, 7, 8, 50].map(top)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });

  it('jitters each delay between half and all of it, so waiting deliveries do not return together', () => {
    expect(relayRetryDelayMs(3, { ...options, random: () => 0 })).toBe(2000);
    expect(relayRetryDelayMs(3, { ...options, random: () => 0.5 })).toBe(3000);
  });
});

describe('the webhook relay over the inbox', () => {
  const storage = useTestStorage();
  let repos: Repositories;
  let storeId: string;

  beforeAll(async () => {
    repos = storage.repos;
    storeId = (await createStore(repos)).id;
  });
  beforeEach(async () => {
    await storage.db.query('DELETE FROM webhook_inbox');
  });

  /** A relay polling every 10 ms, running in the background until stopped. */
  const startPollingRelay = (starter: OrderSyncStarter) => {
    const relay = createWebhookRelay({
      inbox: repos.webhookInbox,
      orderSync: starter,
      logger: recordingLogger(),
      options: { pollMs: 10 },
    });
    relay.start();
    return relay;
  };

  const record = (orderId: number, topic = 'order.created') =>
    repos.webhookInbox.record({ storeId, orderId, topic, deliveryId: `d-${orderId}`, orderNumber: String(orderId) });

  it('hands each recorded delivery to signalWithStart once, with its change', async () => {
    const starter = switchableStarter();
    const relay = createWebhookRelay({ inbox: repos.webhookInbox, orderSync: starter, logger: recordingLogger() });
    await record(1);
    await record(2, 'order.updated');
    expect(await relay.relayDue()).toEqual({ claimed: 2, handedOver: 2, failed: 0 });
    expect(starter.calls).toEqual([
      { storeId, orderId: 1, orderNumber: '1', topic: 'order.created', deliveryId: 'd-1' },
      { storeId, orderId: 2, orderNumber: '2', topic: 'order.updated', deliveryId: 'd-2' },
    ]);
    expect(await relay.relayDue()).toEqual({ claimed: 0, handedOver: 0, failed: 0 });
  });

  it('retries with backoff while Temporal is down: nothing is handed out before its retry time', async () => {
    const starter = switchableStarter();
    const logger = recordingLogger();
    const relay = createWebhookRelay({
      inbox: repos.webhookInbox,
      orderSync: starter,
      logger,
      options: { retryInitialMs: 60_000, random: () => 0 },
    });
    await record(3);
    starter.down = true;
    expect(await relay.relayDue()).toEqual({ claimed: 1, handedOver: 0, failed: 1 });
    expect(await relay.relayDue()).toEqual({ claimed: 0, handedOver: 0, failed: 0 });
    const [pending] = await repos.webhookInbox.pending();
    expect(pending).toMatchObject({ attempts: 1, lastError: expect.stringContaining('UNAVAILABLE') });
    expect(pending!.nextAttemptAt.getTime() - pending!.receivedAt.getTime()).toBeGreaterThanOrEqual(29_000);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ failed: 1, maxAttempts: 1 }) }),
    );
  });

  it('keeps retrying in the background until Temporal is back, then hands everything over', async () => {
    const starter = switchableStarter();
    starter.down = true;
    const relay = createWebhookRelay({
      inbox: repos.webhookInbox,
      orderSync: starter,
      logger: recordingLogger(),
      options: { pollMs: 10, retryInitialMs: 5, retryMaxMs: 20 },
    });
    const intake = createWebhookIntake(repos.webhookInbox, () => relay.wake());
    relay.start();
    try {
      for (const orderId of [10, 11, 12]) await intake.record({ storeId, orderId, topic: 'order.created' });
      await eventually(async () => (starter.failures >= 6 ? true : undefined), 30_000, 'several failed attempts');
      expect(starter.calls).toEqual([]);
      starter.down = false;
      await eventually(async () => ((await repos.webhookInbox.pending()).length === 0 ? true : undefined));
      expect(starter.calls.map((c) => c.orderId).sort()).toEqual([10, 11, 12]);
    } finally {
      await relay.stop();
    }
  });

  it('survives a restart: a new relay over the same inbox hands over what the stopped one had not', async () => {
    const starter = switchableStarter();
    const first = createWebhookRelay({ inbox: repos.webhookInbox, orderSync: starter, logger: recordingLogger() });
    first.start();
    await first.stop();
    await record(20);
    await record(21);

    const second = startPollingRelay(starter);
    try {
      await eventually(async () => (starter.calls.length === 2 ? true : undefined));
      expect(starter.calls.map((c) => c.orderId)).toEqual([20, 21]);
    } finally {
      await second.stop();
    }
  });

  it('hands a delivery that a crashed relay had claimed over again once its lease has run out', async () => {
    await record(30);
    await repos.webhookInbox.claimDue(10, 1); // claimed by a process that then died
    const starter = switchableStarter();
    const relay = startPollingRelay(starter);
    try {
      await eventually(async () => (starter.calls.length === 1 ? true : undefined));
      expect(starter.calls[0]).toMatchObject({ orderId: 30 });
    } finally {
      await relay.stop();
    }
  });

  it('stops gracefully, finishing the hand-over in flight', async () => {
    let release: () => void = () => undefined;
    const calls: number[] = [];
    const slow: OrderSyncStarter = {
      start: (change) =>
        new Promise((resolve) => {
          calls.push(change.orderId);
          release = () => resolve({ workflowId: 'x' });
        }),
    };
    const relay = createWebhookRelay({ inbox: repos.webhookInbox, orderSync: slow, logger: recordingLogger() });
    await record(40);
    relay.start();
    await eventually(async () => (calls.length === 1 ? true : undefined));
    const stopped = relay.stop();
    release();
    await stopped;
    expect(await repos.webhookInbox.pending()).toEqual([]);
  });
});
