import { createHmac, randomBytes } from 'node:crypto';
import type { DeliveryLog } from './delivery-log';
import { postRaw, unsafeUrlReason, type OutboundResult } from './outbound-http';
import { phpJsonEncode } from './php-json';
import type { StoreSettings } from './settings';
import { webhookParts, type WebhookState } from './webhook-registry';
import { signDelivery } from './webhook-signing';

/** What the dispatcher needs from the rest of the store. */
export interface DispatcherDeps {
  settings: StoreSettings;
  log: DeliveryLog;
  /** The payload for a webhook and resource id, built now (current state, `{id}` for deleted, or a REST error). */
  payload: (webhook: WebhookState, arg: number) => unknown;
  /** Saves a webhook after a delivery (which re-pings while a ping is pending). */
  save: (webhook: WebhookState) => Promise<void>;
  deliveryTimeoutMs: number;
  pingTimeoutMs: number;
  enforceSafeUrls: boolean;
}

/** Maximum consecutive failures tolerated (`woocommerce_max_webhook_delivery_failures`). */
const MAX_FAILURES = 5;

/** Sends pings and deliveries exactly as `WC_Webhook::deliver_ping()` / `deliver()` / `log_delivery()` do. */
export class WebhookDispatcher {
  private readonly hashSalt = randomBytes(16);

  constructor(private readonly deps: DispatcherDeps) {}

  /** `deliver_ping()`: form body `webhook_id=N`, no X-WC headers; only exactly 200 clears `pending_delivery` (saved). */
  async ping(webhook: WebhookState): Promise<void> {
    const body = Buffer.from(`webhook_id=${webhook.id}`, 'utf8');
    const headers = {
      'User-Agent': this.userAgent(),
      'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
    };
    const result = await this.post(webhook.deliveryUrl, headers, body, this.deps.pingTimeoutMs);
    this.record('ping', webhook, null, null, headers, body, result, result.status === 200);
    if (result.status !== 200) return;
    // `deliver_ping()` clears the flag and saves, which bumps `date_modified` (and pings no more: nothing pending).
    webhook.pendingDelivery = false;
    await this.deps.save(webhook);
  }

  /** `deliver()` + `log_delivery()`: one signed POST, success is 200–302, the 7th consecutive failure disables. */
  async deliver(webhook: WebhookState, arg: number): Promise<void> {
    const { resource, event } = webhookParts(webhook);
    const body = Buffer.from(phpJsonEncode(this.deps.payload(webhook, arg)).trim(), 'utf8');
    const deliveryId = createHmac('md5', this.hashSalt)
      .update(`${webhook.id}${Math.floor(this.deps.settings.now().getTime() / 1000)}`)
      .digest('hex');
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': this.userAgent(),
      'X-WC-Webhook-Source': `${this.deps.settings.url}/`,
      'X-WC-Webhook-Topic': webhook.topic,
      'X-WC-Webhook-Resource': resource,
      'X-WC-Webhook-Event': event,
      'X-WC-Webhook-Signature': signDelivery(body, webhook.secret),
      'X-WC-Webhook-ID': String(webhook.id),
      'X-WC-Webhook-Delivery-ID': deliveryId,
    };
    const result = await this.post(webhook.deliveryUrl, headers, body, this.deps.deliveryTimeoutMs);
    const success = result.status >= 200 && result.status < 303;
    this.record('delivery', webhook, arg, deliveryId, headers, body, result, success);
    if (success) webhook.failureCount = 0;
    else if (webhook.failureCount > MAX_FAILURES) webhook.status = 'disabled';
    else webhook.failureCount++;
    await this.deps.save(webhook);
  }

  private async post(url: string, headers: Record<string, string>, body: Buffer, timeoutMs: number) {
    if (this.deps.enforceSafeUrls) {
      const reason = await unsafeUrlReason(url, this.deps.settings.url);
      if (reason !== undefined) {
        return { status: 0, error: `http_request_failed: ${reason}`, responseBody: '', durationMs: 0 };
      }
    }
    return postRaw(url, headers, body, timeoutMs);
  }

  private userAgent(): string {
    const { wcVersion, wpVersion } = this.deps.settings;
    return `WooCommerce/${wcVersion} Hookshot (WordPress/${wpVersion})`;
  }

  private record(
    kind: 'delivery' | 'ping',
    webhook: WebhookState,
    arg: number | null,
    deliveryId: string | null,
    headers: Record<string, string>,
    body: Buffer,
    result: OutboundResult,
    success: boolean,
  ): void {
    this.deps.log.add({
      kind,
      webhookId: webhook.id,
      topic: kind === 'ping' ? null : webhook.topic,
      resourceId: arg,
      deliveryId,
      url: webhook.deliveryUrl,
      requestHeaders: headers,
      rawBody: body,
      body: body.toString('utf8'),
      status: result.status,
      success,
      error: result.error,
      responseBody: result.responseBody,
      durationMs: result.durationMs,
      at: this.deps.settings.now(),
    });
  }
}
