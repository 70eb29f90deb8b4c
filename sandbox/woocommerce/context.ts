import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyStore } from './api-keys';
import type { Caller } from './auth';
import type { NoteStore } from './note-store';
import type { OrderStore } from './order-store';
import type { ProductStore } from './product-store';
import { sendError } from './respond';
import type { StoreSettings } from './settings';
import type { UserStore } from './users';
import type { WebhookRegistry } from './webhook-registry';
import type { WebhookDispatcher } from './webhook-dispatcher';

/** Everything the REST routes work with. */
export interface StoreContext {
  settings: StoreSettings;
  keys: ApiKeyStore;
  users: UserStore;
  orders: OrderStore;
  products: ProductStore;
  notes: NoteStore;
  webhooks: WebhookRegistry;
  dispatcher: WebhookDispatcher;
}

/** Wraps a route handler: passes the authenticated caller and turns thrown errors into WordPress error responses. */
export function route(handler: (req: Request, res: Response, caller: Caller) => Promise<void> | void) {
  return async (req: Request, res: Response, _next: NextFunction): Promise<void> => {
    try {
      await handler(req, res, (res.locals.caller as Caller | undefined) ?? null);
    } catch (error) {
      sendError(res, error);
    }
  };
}

/** A numeric route id (`(?P<id>[\d]+)` in WordPress), or undefined when the segment is not digits. */
export function routeId(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The request body as a record (JSON or form), never undefined. */
export function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
