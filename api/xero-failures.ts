import { XeroAuthRevokedError, XeroClientCredentialsError, XeroUnauthorizedError } from '../lib/xero/errors';
import { ApiError } from './errors';

/** Maps a failed Xero identity call during OAuth to an API error a merchant or operator can act on. */
export function xeroOAuthFailure(error: unknown): ApiError {
  if (error instanceof XeroAuthRevokedError) {
    return new ApiError(
      400,
      'xero_code_rejected',
      'Xero refused the authorization code (used or expired); connect again.',
    );
  }
  if (error instanceof XeroUnauthorizedError) {
    return new ApiError(409, 'xero_reconnect_needed', 'The Xero access token has expired; connect Xero again.');
  }
  if (error instanceof XeroClientCredentialsError) {
    return new ApiError(
      502,
      'xero_misconfigured',
      "Xero refused this service's client credentials; the operator must check the Xero app settings.",
    );
  }
  return new ApiError(
    502,
    'xero_unavailable',
    'Xero could not be reached or answered unexpectedly; try again shortly.',
  );
}
