import { forbidden, unauthorized } from './errors';
import type { SandboxRequest, SandboxResponse } from './http-types';
import type { AccessToken, IdentityStore } from './identity-store';
import type { TenantData } from './model';

const INVOICING_SCOPES = ['accounting.transactions', 'accounting.invoices'];

/** Broad and granular scopes that grant each accounting resource (first path segment, lower case). */
const RESOURCE_SCOPES: Record<string, string[]> = {
  contacts: ['accounting.contacts'],
  invoices: INVOICING_SCOPES,
  quotes: INVOICING_SCOPES,
  creditnotes: INVOICING_SCOPES,
  items: ['accounting.settings', 'accounting.invoices'],
  payments: ['accounting.transactions', 'accounting.payments'],
};
const SETTINGS_SCOPES = ['accounting.settings'];

/** Whether the token's scopes allow this method on this resource (`.read` variants allow GET). */
export function scopeAllows(scopes: string[], resource: string, method: string): boolean {
  const needed = RESOURCE_SCOPES[resource.toLowerCase()] ?? SETTINGS_SCOPES;
  return needed.some((s) => scopes.includes(s) || (method === 'GET' && scopes.includes(`${s}.read`)));
}

/** An authenticated accounting call: the token and the tenant it addresses. */
export type AuthResult =
  { ok: true; access: AccessToken; tenant: TenantData } | { ok: false; response: SandboxResponse };

/**
 * Checks the bearer token (401 when missing, unknown, revoked or expired on the sandbox clock), then the
 * `xero-tenant-id` header and scope (403 when missing, unknown, not connected for this user and app, or
 * not permitted).
 */
export function authenticate(
  req: SandboxRequest,
  identity: IdentityStore,
  tenants: Map<string, TenantData>,
  resource: string,
): AuthResult {
  const header = req.headers['authorization'] ?? '';
  const access = header.toLowerCase().startsWith('bearer ')
    ? identity.validAccessToken(header.slice(7).trim())
    : undefined;
  if (!access) return { ok: false, response: unauthorized() };
  const tenantId = req.headers['xero-tenant-id']?.trim().toLowerCase() ?? '';
  const tenant = [...tenants.values()].find((t) => t.tenantId.toLowerCase() === tenantId);
  const connected =
    tenant !== undefined &&
    identity.activeConnections(access.grant.clientId, access.grant.userId).some((c) => c.tenantId === tenant.tenantId);
  if (!tenant || !connected || !scopeAllows(access.grant.scopes, resource, req.method)) {
    return { ok: false, response: forbidden() };
  }
  return { ok: true, access, tenant };
}
