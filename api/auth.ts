import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { generateToken, hashApiToken } from '../lib/secrets';
import type { StoreRepository } from './dependencies';
import { ApiError } from './errors';

/** Who a request acts as once its bearer token is accepted. */
export type Principal = { kind: 'operator' } | { kind: 'store'; storeId: string };

/** Checks bearer tokens: the operator's token for everything, a store's own token for that store only. */
export interface Authenticator {
  /** Accepts only the operator token: 401 for an unknown token, 403 for a store's token. */
  requireOperator(req: Request): Promise<Principal>;
  /** Accepts the operator token or `storeId`'s own token: 401 for an unknown token, 403 for another store's. */
  requireStoreAccess(req: Request, storeId: string): Promise<Principal>;
}

/** A new store API token: `<storeId>.<secret>`; only the secret's hash is stored, the id says whose it is. */
export function issueStoreToken(): { secretHash: string; tokenFor(storeId: string): string } {
  const secret = generateToken('wxs');
  return { secretHash: hashApiToken(secret), tokenFor: (storeId) => `${storeId}.${secret}` };
}

const STORE_TOKEN = /^([A-Za-z0-9_-]{1,64})\.(wxs_[a-z2-7]{32})$/;

const unauthorizedHeaders = { 'WWW-Authenticate': 'Bearer' };

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'unauthorized', message, undefined, unauthorizedHeaders);
}

/** Reads `Authorization: Bearer <token>`; 401 when it is missing or malformed. */
export function bearerToken(req: Request): string {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(req.get('authorization') ?? '');
  if (!match?.[1]) throw unauthorized('Send an API token as "Authorization: Bearer <token>".');
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
  // Both sides are hashed, so the comparison takes the same time whatever the presented token's length.
  const operatorDigest = operatorToken ? hashApiToken(operatorToken) : undefined;

  /** Who the request's token belongs to; 401 when it is missing, malformed or matches nobody. */
  async function identify(req: Request): Promise<Principal> {
    const token = bearerToken(req);
    if (operatorDigest !== undefined && digestsEqual(hashApiToken(token), operatorDigest)) return { kind: 'operator' };
    const [, storeId, secret] = STORE_TOKEN.exec(token) ?? [];
    if (storeId && secret) {
      const storedHash = await stores.getApiTokenHash(storeId);
      if (storedHash !== null && digestsEqual(hashApiToken(secret), storedHash)) return { kind: 'store', storeId };
    }
    throw unauthorized('The API token is not valid.');
  }

  return {
    async requireOperator(req) {
      const principal = await identify(req);
      if (principal.kind === 'operator') return principal;
      throw new ApiError(403, 'forbidden', 'This action needs the operator token.');
    },

    async requireStoreAccess(req, storeId) {
      const principal = await identify(req);
      if (principal.kind === 'operator' || principal.storeId === storeId) return principal;
      throw new ApiError(403, 'forbidden', 'This token belongs to another store.');
    },
  };
}
