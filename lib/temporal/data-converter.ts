import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '../config';
import { createEncryptionCodec } from './payload-codec';
import { loadPayloadKeyring, type PayloadKeyring } from './payload-keys';

/** A data converter whose payloads are encrypted by the service's codec under the keyring. */
export function encryptingDataConverter(keys: PayloadKeyring): DataConverter {
  return { payloadCodecs: [createEncryptionCodec(keys)] };
}

/** The data converter every Temporal client and worker of the service uses, with the configured keys. */
export async function loadDataConverter(config: Pick<AppConfig, 'dataDir' | 'temporal'>): Promise<DataConverter> {
  return encryptingDataConverter(await loadConfiguredKeyring(config));
}

/** The configured payload keyring (`TEMPORAL_PAYLOAD_KEYS`, else the key generated into the data folder). */
export function loadConfiguredKeyring(config: Pick<AppConfig, 'dataDir' | 'temporal'>): Promise<PayloadKeyring> {
  return loadPayloadKeyring({ payloadKeys: config.temporal.payloadKeys, dataDir: config.dataDir });
}
