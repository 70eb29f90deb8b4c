/** `npm run sandbox`: the fake WooCommerce store and the fake Xero organisation on fixed ports until Ctrl-C. */
import { startWooSandbox } from './woocommerce';
import { wooSandboxEnvironment } from './service-environment';
import { startXeroSandbox } from './xero';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got ${raw}`);
  return value;
}

async function main(): Promise<void> {
  const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
  const clientId = process.env.XERO_CLIENT_ID ?? 'sandbox-client-id';
  const clientSecret = process.env.XERO_CLIENT_SECRET ?? 'sandbox-client-secret';
  const [woo, xero] = await Promise.all([
    startWooSandbox({
      host,
      port: port('WOO_SANDBOX_PORT', 8081),
      consumerKey: process.env.WOO_CONSUMER_KEY,
      consumerSecret: process.env.WOO_CONSUMER_SECRET,
    }),
    startXeroSandbox({ host, port: port('XERO_SANDBOX_PORT', 8082), clientId, clientSecret }),
  ]);

  console.log(
    [
      'Sandbox WooCommerce store',
      `  URL:             ${woo.url}`,
      `  REST base:       ${woo.url}/wp-json/wc/v3`,
      `  Consumer key:    ${woo.consumerKey}`,
      `  Consumer secret: ${woo.consumerSecret}`,
      '',
      'Sandbox Xero (identity + accounting)',
      `  URL:             ${xero.url}`,
      `  API base:        ${xero.url}/api.xro/2.0`,
      `  Client id:       ${clientId}`,
      `  Client secret:   ${clientSecret}`,
      `  Tenant ids:      ${xero.tenantIds.join(', ')}`,
      '',
      'The service reaches this store only with the development setting',
      ...Object.entries(wooSandboxEnvironment()).map(([name, value]) => `  ${name}=${value}`),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandboxes…`);
    Promise.all([woo.close(), xero.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
