import type { Db } from '../db';

/** A verified order delivery as the webhook endpoint records it. */
export interface InboxDelivery {
  storeId: string;
  orderId: number;
  /** X-WC-Webhook-Delivery-ID, when WooCommerce sent one. */
  deliveryId?: string;
  topic: string;
  orderNumber?: string;
}

/** A recorded delivery, with its hand-over bookkeeping. */
export interface InboxEntry {
  id: number;
  storeId: string;
  orderId: number;
  deliveryId: string | null;
  topic: string;
  orderNumber: string | null;
  /** How often this delivery was received; handing over is confirmed only for the count that was claimed. */
  deliveries: number;
  receivedAt: Date;
  /** Hand-over attempts so far (counted when claimed). */
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  handedOverAt: Date | null;
}

/** The webhook inbox: deliveries recorded on arrival, handed to Temporal by the relay. */
export interface WebhookInboxRepository {
  /** Records a delivery; a repeat of one already handed over reopens it, a repeat of a pending one joins it. */
  record(delivery: InboxDelivery): Promise<void>;
  /**
   * Claims up to `limit` pending deliveries that are due, oldest first, by moving them `leaseMs` into the future
   * (a relay that dies holding them lets the lease expire); rows claimed by another process are skipped.
   */
  claimDue(limit: number, leaseMs: number): Promise<InboxEntry[]>;
  /** Confirms hand-over of claimed entries; an entry received again since its claim stays pending, due now. */
  markHandedOver(entries: Array<Pick<InboxEntry, 'id' | 'deliveries'>>): Promise<void>;
  /** Schedules another hand-over attempt of a claimed entry in `delayMs`, keeping the error for support. */
  scheduleRetry(id: number, delayMs: number, error: string): Promise<void>;
  /** Pending entries (not handed over), oldest first: what support looks at when deliveries are stuck. */
  pending(limit?: number): Promise<InboxEntry[]>;
  /** Deletes entries handed over more than `olderThanMs` ago; returns how many. */
  purgeHandedOver(olderThanMs: number): Promise<number>;
}

const COLUMNS = `id, store_id AS "storeId", order_id AS "orderId", delivery_id AS "deliveryId", topic,
  order_number AS "orderNumber", deliveries, received_at AS "receivedAt", attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", handed_over_at AS "handedOverAt"`;

/** Creates the webhook inbox repository. */
export function createWebhookInboxRepository(db: Db): WebhookInboxRepository {
  return {
    record: async (delivery) => {
      await db.query(
        `INSERT INTO webhook_inbox AS w (store_id, order_id, delivery_id, topic, order_number)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (store_id, order_id, delivery_id) DO UPDATE SET
           deliveries = w.deliveries + 1,
           topic = EXCLUDED.topic,
           order_number = COALESCE(EXCLUDED.order_number, w.order_number),
           received_at = now(),
           attempts = CASE WHEN w.handed_over_at IS NULL THEN w.attempts ELSE 0 END,
           next_attempt_at = CASE WHEN w.handed_over_at IS NULL THEN w.next_attempt_at ELSE now() END,
           handed_over_at = NULL`,
        [delivery.storeId, delivery.orderId, delivery.deliveryId ?? null, delivery.topic, delivery.orderNumber ?? null],
      );
    },

    claimDue: (limit, leaseMs) =>
      db.query<InboxEntry>(
        `WITH claimed AS (
           UPDATE webhook_inbox SET attempts = attempts + 1,
             next_attempt_at = now() + $2 * interval '1 millisecond'
           WHERE id IN (
             SELECT id FROM webhook_inbox WHERE handed_over_at IS NULL AND next_attempt_at <= now()
             ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING ${COLUMNS})
         SELECT * FROM claimed ORDER BY id`,
        [limit, leaseMs],
      ),

    markHandedOver: async (entries) => {
      if (entries.length === 0) return;
      await db.query(
        `UPDATE webhook_inbox AS w SET
           handed_over_at = CASE WHEN w.deliveries = h.deliveries THEN now() END,
           next_attempt_at = now(), last_error = NULL
         FROM unnest($1::bigint[], $2::integer[]) AS h(id, deliveries)
         WHERE w.id = h.id`,
        [entries.map((entry) => entry.id), entries.map((entry) => entry.deliveries)],
      );
    },

    scheduleRetry: async (id, delayMs, error) => {
      await db.query(
        `UPDATE webhook_inbox SET next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3
         WHERE id = $1 AND handed_over_at IS NULL`,
        [id, delayMs, error],
      );
    },

    pending: (limit = 100) =>
      db.query<InboxEntry>(
        `SELECT ${COLUMNS} FROM webhook_inbox WHERE handed_over_at IS NULL ORDER BY received_at, id LIMIT $1`,
        [limit],
      ),

    purgeHandedOver: async (olderThanMs) => {
      const rows = await db.query(
        `DELETE FROM webhook_inbox WHERE handed_over_at < now() - $1 * interval '1 millisecond' RETURNING id`,
        [olderThanMs],
      );
      return rows.length;
    },
  };
}
