import type { WebhookInboxRepository } from '../lib/db';
import type { OrderChange } from './order-sync-starter';

/** Where the webhook endpoint puts a verified order delivery: durably recorded before the 202 goes out. */
export interface WebhookIntake {
  /** Records the change in the inbox; resolves once it is stored (the relay hands it to Temporal later). */
  record(change: OrderChange): Promise<void>;
}

/** Creates the intake over the inbox; `recorded` is told after each write (the in-process relay wakes up). */
export function createWebhookIntake(
  inbox: Pick<WebhookInboxRepository, 'record'>,
  recorded: () => void = () => undefined,
): WebhookIntake {
  return {
    async record(change) {
      await inbox.record(change);
      recorded();
    },
  };
}
