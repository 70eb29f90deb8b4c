/** One outgoing webhook request (a delivery or a creation ping) and how it ended. */
export interface DeliveryRecord {
  seq: number;
  kind: 'delivery' | 'ping';
  webhookId: number;
  /** `order.updated` etc.; null for pings. */
  topic: string | null;
  /** The resource id the delivery was queued for; null for pings. */
  resourceId: number | null;
  /** `X-WC-Webhook-Delivery-ID`; null for pings. */
  deliveryId: string | null;
  url: string;
  requestHeaders: Record<string, string>;
  /** The exact bytes sent. */
  rawBody: Buffer;
  /** `rawBody` as text. */
  body: string;
  /** HTTP status, or 0 when the request failed before a response (refused, timed out, blocked URL). */
  status: number;
  success: boolean;
  error?: string;
  responseBody: string;
  durationMs: number;
  at: Date;
}

/** Every webhook request the store made, in order; `waitForIdle()` waits for the delivery queue to drain. */
export class DeliveryLog {
  private readonly records: DeliveryRecord[] = [];

  constructor(private readonly idle: (timeoutMs: number) => Promise<void>) {}

  /** Appends a record (used by the dispatcher). */
  add(record: Omit<DeliveryRecord, 'seq'>): DeliveryRecord {
    const full = { ...record, seq: this.records.length + 1 };
    this.records.push(full);
    return full;
  }

  /** Every record, pings included. */
  all(): DeliveryRecord[] {
    return [...this.records];
  }

  /** Real deliveries only (no pings), optionally of one webhook. */
  deliveries(webhookId?: number): DeliveryRecord[] {
    return this.records.filter((r) => r.kind === 'delivery' && (webhookId === undefined || r.webhookId === webhookId));
  }

  /** Creation/re-save pings only. */
  pings(webhookId?: number): DeliveryRecord[] {
    return this.records.filter((r) => r.kind === 'ping' && (webhookId === undefined || r.webhookId === webhookId));
  }

  /** Forgets all records (the queue is unaffected). */
  clear(): void {
    this.records.length = 0;
  }

  /** Resolves once nothing is queued or being delivered; rejects after `timeoutMs` (default 10 s). */
  waitForIdle(timeoutMs = 10_000): Promise<void> {
    return this.idle(timeoutMs);
  }
}
