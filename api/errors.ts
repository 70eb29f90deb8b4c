import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';

/** One error as the API reports it: `{ error: { code, message, details? } }` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The JSON body of an error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Builds the JSON body for an ApiError, leaving `details` out when there are none. */
export function errorBody(error: ApiError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}

/** Codes for the body-parser failures a client can cause, keyed by the parser's `type`. */
const bodyParserErrors: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  'entity.too.large': { code: 'payload_too_large', message: 'The request body is larger than the server accepts.' },
  'encoding.unsupported': { code: 'unsupported_encoding', message: 'The request body encoding is not supported.' },
  'charset.unsupported': { code: 'unsupported_charset', message: 'The request body charset is not supported.' },
  'request.aborted': { code: 'request_aborted', message: 'The client aborted the request.' },
  'request.size.invalid': { code: 'invalid_request', message: 'The request body size did not match Content-Length.' },
};

/** Turns anything thrown into an ApiError; unknown failures become a 500 with a generic message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const { type, status } = error as { type?: unknown; status?: unknown };
    const known = typeof type === 'string' ? bodyParserErrors[type] : undefined;
    if (known && typeof status === 'number') return new ApiError(status, known.code, known.message);
  }
  return new ApiError(500, 'internal_error', 'Something went wrong on our side; the failure has been logged.');
}

/** Final error handler: answers with the JSON error shape and logs unexpected failures (never to the client). */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError = toApiError(error);
    if (apiError.status >= 500 && !(error instanceof ApiError)) {
      // Unexpected: the stack goes to the log, never to the client.
      logger.error('request failed', {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    res.set(apiError.headers).status(apiError.status).json(errorBody(apiError));
  };
}

/** Answers any request no route matched with 404 `not_found`. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `No route for ${req.method} ${req.path}.`));
};

/** For a known path: 405 `method_not_allowed` with an Allow header listing the methods it does accept. */
export function methodNotAllowed(...allowed: string[]): RequestHandler {
  const allow = (allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed).join(', ');
  return (req, res, next) => {
    if (req.method === 'OPTIONS') {
      res.set('Allow', `${allow}, OPTIONS`).status(204).end();
      return;
    }
    next(
      new ApiError(
        405,
        'method_not_allowed',
        `${req.method} is not allowed here; use ${allowed.join(' or ')}.`,
        undefined,
        {
          Allow: allow,
        },
      ),
    );
  };
}
