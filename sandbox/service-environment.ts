/** The OAuth client the sandbox Xero accepts by default. */
export const SANDBOX_XERO_CLIENT = { id: 'sandbox-client-id', secret: 'sandbox-client-secret' };

/** The environment variables that point the service's Xero settings at a sandbox Xero origin. */
export function xeroSandboxEnvironment(xeroUrl: string): Record<string, string> {
  return {
    XERO_CLIENT_ID: SANDBOX_XERO_CLIENT.id,
    XERO_CLIENT_SECRET: SANDBOX_XERO_CLIENT.secret,
    XERO_API_URL: `${xeroUrl}/api.xro/2.0`,
    XERO_CONNECTIONS_URL: `${xeroUrl}/connections`,
    XERO_IDENTITY_URL: xeroUrl,
    XERO_AUTHORIZE_URL: `${xeroUrl}/connect/authorize`,
  };
}

/** The hosts the sandboxes listen on; the service must list them in DEV_STORE_HOSTS to reach the sandbox store. */
export const SANDBOX_STORE_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/** The development allowance that lets the service register and call the sandbox store over http on loopback. */
export function wooSandboxEnvironment(): Record<string, string> {
  return { DEV_STORE_HOSTS: SANDBOX_STORE_HOSTS.join(',') };
}
