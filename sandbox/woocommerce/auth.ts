import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { ApiKey, ApiKeyStore } from './api-keys';
import { RestError } from './rest-errors';
import { canManageWooCommerce, type StoreUser, type UserStore } from './users';

/** The caller of a request: the key it authenticated with and that key's user, or null when unauthenticated. */
export type Caller = { key: ApiKey; user: StoreUser } | null;

/** The permission a route checks (decides the code and message of the 401/403). */
export type Capability = 'list' | 'view' | 'create' | 'edit' | 'delete';

const PERMISSION_ERRORS: Record<Capability, [string, string]> = {
  list: ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'],
  view: ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'],
  create: ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'],
  edit: ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'],
  delete: ['woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.'],
};

/**
 * `WC_REST_Authentication` for Basic and query-string credentials (`consumer_key`/`consumer_secret` first).
 * Unknown keys are silently unauthenticated; a known key with the wrong secret or without the permission
 * for the method is an authentication error. OAuth 1.0a is not implemented; Basic is accepted over HTTP too.
 */
export function authenticate(req: Request, keys: ApiKeyStore, users: UserStore): Caller {
  const credentials = credentialsOf(req);
  if (credentials === undefined) return null;
  const key = keys.find(credentials.key);
  const user = key && users.get(key.userId);
  if (key === undefined || user === undefined) return null;
  if (!sameText(key.consumerSecret, credentials.secret)) {
    throw new RestError(
      401,
      'woocommerce_rest_authentication_error',
      'Consumer secret is invalid.',
      {},
      {
        'WWW-Authenticate':
          'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."',
      },
    );
  }
  const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method);
  const reads = ['GET', 'HEAD'].includes(req.method);
  if (writes && key.permissions === 'read') {
    throw new RestError(
      401,
      'woocommerce_rest_authentication_error',
      'The API key provided does not have write permissions.',
    );
  }
  if (reads && key.permissions === 'write') {
    throw new RestError(
      401,
      'woocommerce_rest_authentication_error',
      'The API key provided does not have read permissions.',
    );
  }
  return { key, user };
}

/**
 * The permission callback of a route (`wc_rest_check_*_permissions`): an unauthenticated caller gets 401, a key whose
 * user lacks WooCommerce's shop capabilities (a customer) gets 403 (`rest_authorization_required_code()`), both with
 * WooCommerce's code and message for the capability.
 */
export function requireCaller(caller: Caller, capability: Capability, message?: string): void {
  if (caller !== null && canManageWooCommerce(caller.user.role)) return;
  const [code, defaultMessage] = PERMISSION_ERRORS[capability];
  throw new RestError(caller === null ? 401 : 403, code, message ?? defaultMessage);
}

function credentialsOf(req: Request): { key: string; secret: string } | undefined {
  const { consumer_key: queryKey, consumer_secret: querySecret } = req.query;
  if (typeof queryKey === 'string' && typeof querySecret === 'string' && queryKey !== '' && querySecret !== '') {
    return { key: queryKey, secret: querySecret };
  }
  const header = req.get('authorization') ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const secret = decoded.slice(colon + 1);
  return secret === '' ? undefined : { key: decoded.slice(0, colon), secret };
}

/** Compares two secrets in constant time. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
