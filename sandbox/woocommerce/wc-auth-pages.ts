import type { ApiKey } from './api-keys';
import type { StoreUser } from './users';

/** `esc_html()` / `esc_attr()`: `& < > " '` as entities. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/** What `auth/form-grant-access.php` shows: the app, the scope and its permissions, Approve and Deny links. */
export interface GrantAccessPage {
  appName: string;
  scope: ApiKey['permissions'];
  /** `access_granted` URL carrying the `wc_auth_nonce`. */
  grantedUrl: string;
  /** The app's return URL with `success=0`. */
  deniedUrl: string;
  logoutUrl: string;
  user: StoreUser;
}

const SCOPE_LABELS: Record<ApiKey['permissions'], string> = { read: 'Read', write: 'Write', read_write: 'Read/Write' };

/** `get_permissions_in_scope()` (without filters). */
const SCOPE_PERMISSIONS: Record<ApiKey['permissions'], string[]> = {
  read: ['View coupons', 'View customers', 'View orders and sales reports', 'View products'],
  write: ['Create webhooks', 'Create coupons', 'Create customers', 'Create orders', 'Create products'],
  read_write: [
    'Create webhooks',
    'View and manage coupons',
    'View and manage customers',
    'View and manage orders and sales reports',
    'View and manage products',
  ],
};

/** The approval page of `/wc-auth/v1/authorize` for the logged-in shop manager. */
export function grantAccessHtml(page: GrantAccessPage): string {
  const app = escapeHtml(page.appName);
  const permissions = SCOPE_PERMISSIONS[page.scope].map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>Application authentication request</title></head>
<body class="wc-auth wp-core-ui"><div class="wc-auth-content">
<p>${app} would like to connect to your store. This will give &quot;${app}&quot; <strong>${escapeHtml(SCOPE_LABELS[page.scope])}</strong> access which will allow it to:</p>
<ul class="wc-auth-permissions">${permissions}</ul>
<div class="wc-auth-logged-in-as"><p>Logged in as ${escapeHtml(page.user.login)} <a href="${escapeHtml(page.logoutUrl)}" class="wc-auth-logout">Logout</a></p></div>
<p class="wc-auth-actions">
<a href="${escapeHtml(page.grantedUrl)}" class="button button-primary wc-auth-approve">Approve</a>
<a href="${escapeHtml(page.deniedUrl)}" class="button wc-auth-deny">Deny</a>
</p></div></body></html>`;
}

/** `wp_die( 'Error: %s.', 'Access denied' )`: WordPress's error page. */
export function accessDeniedHtml(message: string): string {
  return `<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>Access denied</title></head>
<body id="error-page"><div class="wp-die-message">Error: ${escapeHtml(message)}.</div></body></html>`;
}
