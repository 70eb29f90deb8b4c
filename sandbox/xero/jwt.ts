import { createHmac } from 'node:crypto';

/** base64url without padding. */
function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Builds a JWT-shaped token (HS256 over a sandbox secret); the sandbox validates tokens by lookup, not signature. */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Decodes the payload of a JWT-shaped token without verifying it (for tests and clients). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
