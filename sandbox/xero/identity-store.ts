import { randomBytes } from 'node:crypto';
import type { SandboxClock } from './clock';
import { newId } from './ids';
import { signJwt } from './jwt';

/** Access tokens live 30 minutes. */
export const ACCESS_TOKEN_TTL_MS = 30 * 60 * 1000;
/** A rotated refresh token stays usable for 30 minutes. */
export const REFRESH_GRACE_MS = 30 * 60 * 1000;
/** Unused refresh tokens expire after 60 days. */
export const REFRESH_TOKEN_TTL_MS = 60 * 24 * 60 * 60 * 1000;
/** Authorization codes are single use and live 5 minutes. */
export const AUTH_CODE_TTL_MS = 5 * 60 * 1000;
/** id_tokens live 5 minutes. */
const ID_TOKEN_TTL_MS = 5 * 60 * 1000;

/** One consent: what a code, and every token descended from it, is allowed to do. */
export interface Grant {
  grantId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  authEventId: string;
  revoked: boolean;
}

/** A pending authorization code. */
export interface AuthCode {
  code: string;
  grant: Grant;
  redirectUri: string;
  createdAt: number;
  used: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

/** An issued access token. */
export interface AccessToken {
  token: string;
  grant: Grant;
  expiresAt: number;
  revoked: boolean;
}

/** An issued refresh token; rotatedAt is set the first time it is exchanged. */
export interface RefreshToken {
  token: string;
  grant: Grant;
  issuedAt: number;
  rotatedAt?: number;
}

/** A tenant connection of (client, user). */
export interface Connection {
  id: string;
  clientId: string;
  userId: string;
  tenantId: string;
  tenantName: string;
  tenantType: 'ORGANISATION';
  authEventId: string;
  createdAt: number;
  updatedAt: number;
  active: boolean;
}

/** The token set returned by /connect/token (xero-identity.yaml AccessToken plus scope). */
export interface TokenResponse {
  id_token?: string;
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

/** Holds codes, tokens and connections of the fake identity service, on the sandbox clock. */
export class IdentityStore {
  readonly codes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly connections: Connection[] = [];
  private readonly secret = randomBytes(32).toString('hex');
  /** The single user who consents to everything. */
  readonly userId = newId();

  constructor(
    private readonly clock: SandboxClock,
    private readonly issuer: () => string,
  ) {}

  /** Records a consent and (re)connects the tenants, returning the new authorization code. */
  authorize(
    clientId: string,
    redirectUri: string,
    scopes: string[],
    tenants: Array<{ tenantId: string; name: string }>,
    pkce: { codeChallenge?: string; codeChallengeMethod?: string },
  ): AuthCode {
    const now = this.clock.now();
    const grant: Grant = {
      grantId: newId(),
      clientId,
      userId: this.userId,
      scopes,
      authEventId: newId(),
      revoked: false,
    };
    for (const tenant of tenants) {
      const existing = this.connections.find(
        (c) => c.clientId === clientId && c.userId === grant.userId && c.tenantId === tenant.tenantId,
      );
      if (existing) {
        Object.assign(existing, { authEventId: grant.authEventId, updatedAt: now, active: true });
      } else {
        this.connections.push({
          id: newId(),
          clientId,
          userId: grant.userId,
          tenantId: tenant.tenantId,
          tenantName: tenant.name,
          tenantType: 'ORGANISATION',
          authEventId: grant.authEventId,
          createdAt: now,
          updatedAt: now,
          active: true,
        });
      }
    }
    const code: AuthCode = {
      code: randomBytes(24).toString('base64url'),
      grant,
      redirectUri,
      createdAt: now,
      used: false,
      ...pkce,
    };
    this.codes.set(code.code, code);
    return code;
  }

  /** Issues an access token (and, with offline_access, a refresh token) for a grant. */
  issueTokens(grant: Grant): TokenResponse {
    const now = this.clock.now();
    const nowSec = Math.floor(now / 1000);
    const access = signJwt(
      {
        nbf: nowSec,
        exp: nowSec + ACCESS_TOKEN_TTL_MS / 1000,
        iss: this.issuer(),
        aud: `${this.issuer()}/resources`,
        client_id: grant.clientId,
        sub: grant.userId,
        auth_time: nowSec,
        xero_userid: grant.userId,
        global_session_id: grant.grantId,
        jti: newId(),
        authentication_event_id: grant.authEventId,
        scope: grant.scopes,
      },
      this.secret,
    );
    this.accessTokens.set(access, { token: access, grant, expiresAt: now + ACCESS_TOKEN_TTL_MS, revoked: false });
    const response: TokenResponse = {
      access_token: access,
      expires_in: ACCESS_TOKEN_TTL_MS / 1000,
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
    };
    if (grant.scopes.includes('openid')) {
      response.id_token = signJwt(
        {
          nbf: nowSec,
          exp: nowSec + ID_TOKEN_TTL_MS / 1000,
          iss: this.issuer(),
          aud: grant.clientId,
          iat: nowSec,
          sub: grant.userId,
          xero_userid: grant.userId,
          global_session_id: grant.grantId,
          email: 'sandbox.user@example.com',
          given_name: 'Sandbox',
          family_name: 'User',
        },
        this.secret,
      );
    }
    if (grant.scopes.includes('offline_access')) {
      const refresh = randomBytes(32).toString('hex');
      this.refreshTokens.set(refresh, { token: refresh, grant, issuedAt: now });
      response.refresh_token = refresh;
    }
    return response;
  }

  /** Whether a refresh token can still be exchanged now (60-day life, 30-minute grace after rotation). */
  refreshUsable(token: RefreshToken): boolean {
    const now = this.clock.now();
    if (token.grant.revoked) return false;
    if (token.rotatedAt !== undefined) return now - token.rotatedAt <= REFRESH_GRACE_MS;
    return now - token.issuedAt <= REFRESH_TOKEN_TTL_MS;
  }

  /** The live access token for a bearer string, or undefined when unknown, revoked or expired. */
  validAccessToken(bearer: string): AccessToken | undefined {
    const token = this.accessTokens.get(bearer);
    if (!token || token.revoked || token.grant.revoked || this.clock.now() >= token.expiresAt) return undefined;
    return token;
  }

  /** Expires every access token issued so far. */
  expireAllAccessTokens(): void {
    const now = this.clock.now();
    for (const token of this.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /** Active connections of a (client, user). */
  activeConnections(clientId: string, userId: string): Connection[] {
    return this.connections.filter((c) => c.active && c.clientId === clientId && c.userId === userId);
  }

  /** Revokes every grant issued so far, as when the user removes the app in Xero's connected apps. */
  revokeAllGrants(): void {
    const grants = new Set([...this.accessTokens.values(), ...this.refreshTokens.values()].map((token) => token.grant));
    for (const grant of grants) this.revokeGrant(grant);
  }

  /** Revokes a grant: its tokens stop working and the user's connections for that client are removed. */
  revokeGrant(grant: Grant): void {
    grant.revoked = true;
    for (const c of this.activeConnections(grant.clientId, grant.userId)) c.active = false;
  }
}
