import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../lib/config';
import { stopOnSignal } from '../lib/runtime/shutdown';
import { createCodecServerApp } from '../lib/temporal/codec-server';
import { createEncryptionCodec } from '../lib/temporal/payload-codec';
import { loadConfiguredKeyring } from '../lib/temporal/data-converter';

/** `npm run codec-server`: serves /encode and /decode for the Temporal Web UI with the configured payload keys. */
async function main(): Promise<void> {
  const config = loadConfig();
  const codec = createEncryptionCodec(await loadConfiguredKeyring(config));
  const app = createCodecServerApp({ codec, uiOrigin: config.temporal.uiUrl, token: config.codecServer.token });
  const server = app.listen(config.codecServer.port, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(`Codec server on http://127.0.0.1:${port} for the Temporal Web UI at ${config.temporal.uiUrl}`);
  });
  stopOnSignal('the codec server', () => new Promise<void>((resolve) => server.close(() => resolve())));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
