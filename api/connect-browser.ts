import { randomBytes } from 'node:crypto';
import { hashApiToken } from '../lib/secrets';
import type { Request, Response } from 'express';

/** The cookie that binds a Xero connect flow to the browser that opened its start URL. */
export const CONNECT_COOKIE = 'wxs_xero_connect';

const COOKIE_PATH = '/oauth/xero';
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The connect cookie's secret as this request carries it, or undefined. */
export function readConnectSecret(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    const secret = value.join('=');
    if (name === CONNECT_COOKIE && SECRET_PATTERN.test(secret)) return secret;
  }
  return undefined;
}

/** SHA-256 hex of a connect secret: only the hash is stored, so a database reader cannot pose as the browser. */
export function hashConnectSecret(secret: string): string {
  // The same digest as every other bearer secret the service keeps only as a hash.
  return hashApiToken(secret);
}

/**
 * Gives the browser its connect secret (keeping one it already has, so two flows in one browser both work) as an
 * HttpOnly, SameSite=Lax cookie scoped to the OAuth routes, and returns the secret's hash.
 */
export function bindConnectBrowser(req: Request, res: Response, opts: { secure: boolean; maxAgeMs: number }): string {
  const secret = readConnectSecret(req) ?? randomBytes(32).toString('base64url');
  res.cookie(CONNECT_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: COOKIE_PATH,
    maxAge: opts.maxAgeMs,
  });
  return hashConnectSecret(secret);
}
