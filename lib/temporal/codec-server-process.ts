import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config';
import { createCodecServerApp } from './codec-server';
import { loadConfiguredKeyring } from './data-converter';
import { createEncryptionCodec } from './payload-codec';

/** A listening codec server. */
export interface RunningCodecServer {
  /** e.g. http://127.0.0.1:8888, what the Temporal Web UI's "codec endpoint" is set to. */
  url: string;
  close(): Promise<void>;
}

/** Starts the codec server for the Temporal Web UI on 127.0.0.1 with the configured payload keys. */
export async function startCodecServer(
  config: Pick<AppConfig, 'dataDir' | 'temporal' | 'codecServer'>,
): Promise<RunningCodecServer> {
  const codec = createEncryptionCodec(await loadConfiguredKeyring(config));
  const app = createCodecServerApp({ codec, uiOrigin: config.temporal.uiUrl, token: config.codecServer.token });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(config.codecServer.port, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
