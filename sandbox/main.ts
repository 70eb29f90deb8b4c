/** `npm run sandbox`: the fake WooCommerce store and the fake Xero organisation on fixed ports until Ctrl-C. */
import { startCommandLineSandboxes } from './command-line';
import { wooSandboxEnvironment } from './service-environment';

async function main(): Promise<void> {
  const sandboxes = await startCommandLineSandboxes(process.env);
  const { woo, xero, xeroClient } = sandboxes;

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
      `  Client id:       ${xeroClient.id}`,
      `  Client secret:   ${xeroClient.secret}`,
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
    sandboxes.close().then(
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
