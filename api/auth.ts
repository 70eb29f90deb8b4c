import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { hashApiToken } from '../lib/secrets';
import type { StoreRepository } from './dependencies';
import { ApiError } from './errors';

/** Who a request acts as once its bearer token is accepted. */
export type Principal = { kind: 'operator' } | { kind: 'store'; storeId: string };

/** Checks bearer tokens: the operator's token for everything, a store's own token for that store only. */
export interface Authenticator {
  /** Accepts only the operator token. */
  requireOperator(req: Request): Principal;
  /** Accepts the operator token or the token issued to `storeId`. */
  requireStoreAccess(req: Request, storeId: string): Promise<Principal>;
}

const unauthorizedHeaders = { 'WWW-Authenticate': 'Bearer' };

/** Reads `Authorization: Bearer <token>`; 401 when it is missing or malformed. */
export function bearerToken(req: Request): string {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(req.get('authorization') ?? '');
  if (!match?.[1]) {
    throw new ApiError(
      401,
      'unauthorized',
      'Send an API token as "Authorization: Bearer <token>".',
      undefined,
      unauthorizedHeaders,
    );
  }
  return match[1];
}

/** Compares two hex digests of equal length without leaking where they differ. */
function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** Creates the authenticator; without an operator token configured, only store tokens are accepted. */
export function createAuthenticator(operatorToken: string | undefined, stores: StoreRepository): Authenticator {
  // Hash both sides so the comparison is constant-time regardless of the presented token's length.
  const operatorDigest = operatorToken ? hashApiToken(operatorToken) : undefined;
  const isOperator = (token: string) =>
    operatorDigest !== undefined && digestsEqual(hashApiToken(token), operatorDigest);

  return {
    requireOperator(req) {
      if (isOperator(bearerToken(req))) return { kind: 'operator' };
      throw new ApiError(403, 'forbidden', 'This action needs the operator token.');
    },

    async requireStoreAccess(req, storeId) {
      const token = bearerToken(req);
      if (isOperator(token)) return { kind: 'operator' };
      const storedHash = await stores.getApiTokenHash(storeId);
      if (storedHash !== null && digestsEqual(hashApiToken(token), storedHash)) return { kind: 'store', storeId };
      throw new ApiError(403, 'forbidden', 'This token does not grant access to this store.');
    },
  };
}
