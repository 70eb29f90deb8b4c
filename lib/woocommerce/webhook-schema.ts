import { z } from 'zod';

/** A webhook as `GET /webhooks` returns it (the secret is never part of a response). */
export const wooWebhookSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['active', 'paused', 'disabled']),
  topic: z.string(),
  delivery_url: z.string(),
});

/** A store's webhook, as the service works with it. */
export interface WooWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  deliveryUrl: string;
}

/** The service's view of a webhook read over REST. */
export function toWooWebhook(rest: z.infer<typeof wooWebhookSchema>): WooWebhook {
  return { id: rest.id, name: rest.name, status: rest.status, topic: rest.topic, deliveryUrl: rest.delivery_url };
}
