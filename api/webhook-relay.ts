import type { InboxEntry, WebhookInboxRepository } from '../lib/db';
import { describeError, type Logger } from './logger';
import type { OrderChange, OrderSyncStarter } from './order-sync-starter';

/** Tuning of the relay; the defaults suit production, tests shorten them. */
export interface WebhookRelayOptions {
  /** Deliveries claimed and handed over together in one pass (in parallel). Default 64. */
  batchSize?: number;
  /** How long a claim keeps other relays off a row; longer than one hand-over may take. Default 60 s. */
  leaseMs?: number;
  /** How often an idle relay looks for due rows (recorded by another process, or retries). Default 1 s. */
  pollMs?: number;
  /** First retry delay after a failed hand-over; doubles per attempt. Default 1 s. */
  retryInitialMs?: number;
  /** Longest retry delay. Default 60 s. */
  retryMaxMs?: number;
  /** Handed-over rows are deleted after this long. Default 7 days. */
  retentionMs?: number;
  /** A source of randomness in [0, 1) for retry jitter (tests pin it). */
  random?: () => number;
}

/** What one pass over the due rows did. */
export interface RelayPass {
  claimed: number;
  handedOver: number;
  failed: number;
}

/** The loop that hands recorded deliveries to their order workflows. */
export interface WebhookRelay {
  /** Starts the background loop (idempotent). */
  start(): void;
  /** Tells the loop that a delivery was just recorded, so it does not wait for its next poll. */
  wake(): void;
  /** Claims the due rows once and hands them over; the loop calls it, tests may too. */
  relayDue(): Promise<RelayPass>;
  /** Stops the loop after its current pass (in-flight hand-overs finish or fail into a retry). */
  stop(): Promise<void>;
}

/** Dependencies of the relay. */
export interface WebhookRelayDeps {
  inbox: Pick<WebhookInboxRepository, 'claimDue' | 'markHandedOver' | 'scheduleRetry' | 'purgeHandedOver'>;
  orderSync: OrderSyncStarter;
  logger: Logger;
  options?: WebhookRelayOptions;
}

const PURGE_EVERY_MS = 3_600_000;

/** The delay before hand-over attempt `attempts + 1`: doubling from `initialMs`, capped, jittered to 50–100 %. */
export function relayRetryDelayMs(
  attempts: number,
  options: { initialMs: number; maxMs: number; random: () => number },
): number {
  const exponential = options.initialMs * 2 ** Math.max(0, Math.min(attempts - 1, 30));
  const capped = Math.min(options.maxMs, exponential);
  return Math.round(capped * (0.5 + options.random() / 2));
}

function changeOf(entry: InboxEntry): OrderChange {
  return {
    storeId: entry.storeId,
    orderId: entry.orderId,
    orderNumber: entry.orderNumber ?? undefined,
    topic: entry.topic,
    deliveryId: entry.deliveryId ?? undefined,
  };
}

/** Creates the relay; call start() to run it in the background and stop() before closing its dependencies. */
export function createWebhookRelay({ inbox, orderSync, logger, options = {} }: WebhookRelayDeps): WebhookRelay {
  const batchSize = options.batchSize ?? 64;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1_000;
  const retry = {
    initialMs: options.retryInitialMs ?? 1_000,
    maxMs: options.retryMaxMs ?? 60_000,
    random: options.random ?? Math.random,
  };
  const retentionMs = options.retentionMs ?? 7 * 86_400_000;

  let loop: Promise<void> | undefined;
  let stopping = false;
  let woken = false;
  let wakeUp: (() => void) | undefined;
  let lastPurge = 0;

  async function relayDue(): Promise<RelayPass> {
    const claimed = await inbox.claimDue(batchSize, leaseMs);
    const outcomes = await Promise.all(
      claimed.map(async (entry) => {
        try {
          await orderSync.start(changeOf(entry));
          return { entry, error: undefined };
        } catch (error) {
          return { entry, error: describeError(error) };
        }
      }),
    );
    await inbox.markHandedOver(outcomes.filter((o) => o.error === undefined).map((o) => o.entry));
    const failures = outcomes.filter((o) => o.error !== undefined);
    for (const { entry, error } of failures) {
      await inbox.scheduleRetry(entry.id, relayRetryDelayMs(entry.attempts, retry), error ?? 'unknown error');
    }
    if (failures.length > 0) {
      const worst = failures.reduce((a, b) => (b.entry.attempts > a.entry.attempts ? b : a));
      logger.warn('webhook relay: deliveries not handed to Temporal yet; retrying', {
        failed: failures.length,
        handedOver: claimed.length - failures.length,
        maxAttempts: worst.entry.attempts,
        error: worst.error,
      });
    }
    return { claimed: claimed.length, handedOver: claimed.length - failures.length, failed: failures.length };
  }

  function idle(ms: number): Promise<void> {
    if (woken || stopping) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function purgeNow(): Promise<void> {
    if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = Date.now();
    await inbox.purgeHandedOver(retentionMs);
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let pass: RelayPass | undefined;
      try {
        pass = await relayDue();
        await purgeNow();
      } catch (error) {
        logger.error('webhook relay: the inbox could not be read or updated', { error: describeError(error) });
      }
      // A full pass that went well means more rows may be due at once; otherwise wait for a delivery or the poll.
      if (pass && pass.claimed === batchSize && pass.failed === 0) continue;
      await idle(pollMs);
    }
  }

  return {
    start() {
      stopping = false;
      loop ??= run().finally(() => {
        loop = undefined;
      });
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    relayDue,
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
    },
  };
}
