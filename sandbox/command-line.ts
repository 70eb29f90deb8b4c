/** The two sandboxes as `npm run sandbox` starts them from the environment (ports, host, credentials). */
import { startWooSandbox, type WooSandbox } from './woocommerce';
import { startXeroSandbox, type XeroSandbox } from './xero';

/** The running sandboxes and the Xero app credentials the Xero one accepts. */
export interface CommandLineSandboxes {
  woo: WooSandbox;
  xero: XeroSandbox;
  xeroClient: { id: string; secret: string };
  close(): Promise<void>;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got ${raw}`);
  return value;
}

/**
 * Starts the fake WooCommerce store (WOO_SANDBOX_PORT, default 8081) and the fake Xero (XERO_SANDBOX_PORT, default
 * 8082) on SANDBOX_HOST. The Xero clock follows real time, so rate-limit windows, tokens and idempotency keys age.
 */
export async function startCommandLineSandboxes(env: NodeJS.ProcessEnv): Promise<CommandLineSandboxes> {
  const host = env.SANDBOX_HOST ?? '127.0.0.1';
  const xeroClient = {
    id: env.XERO_CLIENT_ID ?? 'sandbox-client-id',
    secret: env.XERO_CLIENT_SECRET ?? 'sandbox-client-secret',
  };
  const [woo, xero] = await Promise.all([
    startWooSandbox({
      host,
      port: port(env, 'WOO_SANDBOX_PORT', 8081),
      consumerKey: env.WOO_CONSUMER_KEY,
      consumerSecret: env.WOO_CONSUMER_SECRET,
    }),
    startXeroSandbox({
      host,
      port: port(env, 'XERO_SANDBOX_PORT', 8082),
      clientId: xeroClient.id,
      clientSecret: xeroClient.secret,
      realTime: true,
    }),
  ]);
  return { woo, xero, xeroClient, close: async () => void (await Promise.all([woo.close(), xero.close()])) };
}
