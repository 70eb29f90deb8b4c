import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { LogFields, Logger } from './logger';

/** Adds non-secret fields (topic, workflow id, …) to the request's single log line. */
export function addLogFields(res: Response, fields: LogFields): void {
  res.locals.logFields = { ...(res.locals.logFields as LogFields | undefined), ...fields };
}

/** Writes one log line per finished request: method, path, status, duration, added fields; no query, headers, body. */
export function requestLogger(logger: Logger): RequestHandler {
  // The query string is left out because it can carry OAuth codes.
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      logger.info('request', {
        requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(res.locals.logFields as LogFields | undefined),
      });
    });
    next();
  };
}
