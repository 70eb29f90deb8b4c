import express, { type Request, type RequestHandler, type Response } from 'express';

/**
 * Body limits of the JSON routes, each far above what the route needs and far below API_BODY_LIMIT (which is
 * sized for webhook deliveries): a bigger body is refused with 413 before it is parsed.
 */
export const JSON_BODY_LIMITS = {
  /** `POST /api/stores`: a URL and two WooCommerce keys. */
  registration: '8kb',
  /** `POST /api/stores/:id/xero/tenant`: one tenant id. */
  tenantChoice: '4kb',
  /** `POST /oauth/xero/confirm`: a flow id and a decision, as a form or JSON. */
  confirmation: '4kb',
  /** `PUT /api/stores/:id/settings`: a store's mapping settings (a few hundred mapping entries fit). */
  settings: '64kb',
  /** `PUT /api/xero-organisations/:tenantId/limits`: three numbers. */
  callLimits: '4kb',
} as const;

/** Reads a request's body on demand and resolves with `req.body`. */
export type BodyReader = (req: Request, res: Response) => Promise<unknown>;

/** Turns a body-parser middleware into a reader that a route calls when it is ready for the body. */
export function bodyReader(parser: RequestHandler): BodyReader {
  return (req, res) =>
    new Promise((resolve, reject) => {
      parser(req, res, (error?: unknown) => (error ? reject(error) : resolve(req.body)));
    });
}

/**
 * A reader of the request's JSON body under `limit` (undefined when the body is not JSON). Routes call it only
 * once the caller is authenticated, so that nobody unknown makes the server read or parse anything.
 */
export function jsonBodyReader(limit: string): BodyReader {
  return bodyReader(express.json({ limit }));
}
