import type { Response } from 'express';
import { ApiError, errorBody } from './errors';
import { escapeHtml } from './html-escape';

/** Longest part of Xero's `error_description` repeated to the merchant. */
const MAX_DESCRIPTION = 300;

/** Our explanation per OAuth error Xero can redirect back with instead of a code. */
const REFUSALS: Record<string, { code: string; message: string }> = {
  access_denied: {
    code: 'xero_access_denied',
    message: 'Access was denied on Xero’s consent screen, so Xero is not connected. Connect again and allow access.',
  },
  invalid_scope: {
    code: 'xero_invalid_scope',
    message:
      'Xero refused the permissions (scopes) this service asked for, so Xero is not connected. Xero apps created on ' +
      'or after 2 March 2026 accept granular scopes only: the operator must set XERO_SCOPES to scopes the Xero app ' +
      'allows.',
  },
};

/** The API error for Xero's `error=` code, with Xero's description (when given) in the details. */
function refusalError(error: string, description: string | undefined): ApiError {
  const details = { xeroError: error, ...(description ? { xeroErrorDescription: description } : {}) };
  const known = REFUSALS[error];
  if (known) return new ApiError(400, known.code, known.message, error === 'access_denied' ? undefined : details);
  return new ApiError(
    400,
    'xero_authorization_failed',
    'Xero did not authorise the connection, so Xero is not connected; start the Xero connection again.',
    details,
  );
}

/**
 * Answers the OAuth callback when Xero sent `error=` (and maybe `error_description=`) instead of a code: 400 with a
 * short HTML page for the merchant's browser, the JSON error for API clients. Nothing is stored.
 */
export function sendConsentRefusal(res: Response, error: string, errorDescription?: string): void {
  const description = errorDescription?.trim().slice(0, MAX_DESCRIPTION) || undefined;
  const refusal = refusalError(error, description);
  const json = () => res.json(errorBody(refusal));
  res.status(refusal.status).set('Cache-Control', 'no-store');
  res.format({
    'application/json': json,
    'text/html': () =>
      res.send(
        '<!doctype html><meta charset="utf-8"><title>Xero not connected</title>' +
          `<p>${escapeHtml(refusal.message)}</p>` +
          (description ? `<p>Xero said: ${escapeHtml(description)}</p>` : ''),
      ),
    default: json,
  });
}
