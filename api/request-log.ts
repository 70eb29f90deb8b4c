import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { LogFields, Logger } from './logger';

/** Adds non-secret fields (topic, workflow id, …) to the request's single log line. */
export function addLogFields(res: Response, fields: LogFields): void {
  res.locals.logFields = { ...(res.locals.logFields as LogFields | undefined), ...fields };
}

/**
 * Writes one line per request when the response finishes: method, path (never the query string, which can carry
 * OAuth codes), status, duration and any fields handlers added. Headers and bodies are never logged.
 */
export function requestLogger(logger: Logger): RequestHandler {
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
