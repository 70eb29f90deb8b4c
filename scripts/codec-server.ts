import { ConfigError, loadConfig } from '../lib/config';
import { stopOnSignal } from '../lib/runtime/shutdown';
import { startCodecServer } from '../lib/temporal/codec-server-process';

/** `npm run codec-server`: serves /encode and /decode for the Temporal Web UI with the configured payload keys. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startCodecServer(config);
  console.log(`Codec server on ${server.url} for the Temporal Web UI at ${config.temporal.uiUrl}`);
  stopOnSignal('the codec server', () => server.close());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
