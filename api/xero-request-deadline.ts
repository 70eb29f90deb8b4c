import type { RequestHandler } from 'express';
import { withRequestDeadline } from '../lib/xero/request-deadline';

/**
 * How long the Xero calls of one API request may take, waits for the organisation's capacity included: a preview
 * during a backlog answers 503 with Retry-After instead of hanging for minutes.
 */
export const API_XERO_DEADLINE_MS = 20_000;

/** Middleware: the Xero calls made while answering a request end (and wait for capacity) within `deadlineMs`. */
export function xeroRequestDeadline(deadlineMs = API_XERO_DEADLINE_MS): RequestHandler {
  return (_req, _res, next) => {
    void withRequestDeadline(Date.now() + deadlineMs, async () => next());
  };
}
