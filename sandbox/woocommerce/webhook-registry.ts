import { randomInt } from 'node:crypto';
import type { IdSequences } from './ids';
import { wholeSeconds } from './settings';
import { splitTopic } from './topics';

/** A webhook as the store keeps it; `secret` is never part of a REST response. */
export interface WebhookState {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  deliveryUrl: string;
  secret: string;
  apiVersion: 'wp_api_v3';
  failureCount: number;
  /** True until a ping gets exactly HTTP 200; while true, every save of an active webhook pings again. */
  pendingDelivery: boolean;
  dateCreated: Date;
  dateModified: Date;
}

/** Editable fields of a webhook (`PUT /webhooks/{id}`). */
export interface WebhookChanges {
  name?: string;
  topic?: string;
  deliveryUrl?: string;
  secret?: string;
  status?: WebhookState['status'];
}

const PASSWORD_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|';

/** `wp_generate_password(50, true, true)`: 50 characters including special ones. */
export function generateSecret(length = 50): string {
  let secret = '';
  for (let i = 0; i < length; i++) secret += PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)];
  return secret;
}

/** The store's webhooks; saving an active webhook whose URL changed or whose ping is pending pings it again. */
export class WebhookRegistry {
  private readonly webhooks = new Map<number, WebhookState>();

  constructor(
    private readonly ids: IdSequences,
    private readonly now: () => Date,
    private readonly ping: (webhook: WebhookState) => Promise<void>,
  ) {}

  /** Stores a new webhook, always `active`, with a generated secret unless one is given. Does not ping. */
  insert(input: { name: string; topic: string; deliveryUrl: string; secret?: string }): WebhookState {
    const at = wholeSeconds(this.now());
    const webhook: WebhookState = {
      id: this.ids.take('webhook'),
      name: input.name,
      status: 'active',
      topic: input.topic.toLowerCase(),
      deliveryUrl: input.deliveryUrl,
      secret: input.secret !== undefined && input.secret !== '' ? input.secret : generateSecret(),
      apiVersion: 'wp_api_v3',
      failureCount: 0,
      pendingDelivery: true,
      dateCreated: at,
      dateModified: at,
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  /** Applies changes and saves (WHSTORE `update`), pinging when WooCommerce would. */
  async update(id: number, changes: WebhookChanges): Promise<WebhookState> {
    const webhook = this.require(id);
    const urlChanged = changes.deliveryUrl !== undefined && changes.deliveryUrl !== webhook.deliveryUrl;
    if (changes.name !== undefined) webhook.name = changes.name;
    if (changes.topic !== undefined) webhook.topic = changes.topic.toLowerCase();
    if (changes.deliveryUrl !== undefined) webhook.deliveryUrl = changes.deliveryUrl;
    if (changes.secret !== undefined) webhook.secret = changes.secret;
    if (changes.status !== undefined) webhook.status = changes.status;
    await this.save(webhook, urlChanged);
    return webhook;
  }

  /** Saves a webhook: bumps `date_modified`; pings if active and the URL changed or a ping is pending. */
  async save(webhook: WebhookState, urlChanged = false): Promise<void> {
    webhook.dateModified = wholeSeconds(this.now());
    if (webhook.status === 'active' && (urlChanged || webhook.pendingDelivery)) await this.ping(webhook);
  }

  /** A webhook by id. */
  get(id: number): WebhookState | undefined {
    return this.webhooks.get(id);
  }

  /** All webhooks, optionally of one status. */
  list(status: 'all' | WebhookState['status'] = 'all'): WebhookState[] {
    return [...this.webhooks.values()].filter((w) => status === 'all' || w.status === status);
  }

  /** Active webhooks subscribed to a topic (checked when the event is enqueued). */
  activeFor(topic: string): WebhookState[] {
    return this.list('active').filter((w) => w.topic === topic);
  }

  /** Deletes a webhook permanently. */
  delete(id: number): void {
    this.webhooks.delete(id);
  }

  private require(id: number): WebhookState {
    const webhook = this.webhooks.get(id);
    if (webhook === undefined) throw new Error(`no webhook ${id}`);
    return webhook;
  }
}

/** Resource and event of a webhook's topic. */
export function webhookParts(webhook: WebhookState): { resource: string; event: string } {
  return splitTopic(webhook.topic);
}
