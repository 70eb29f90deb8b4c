import type { DataConverter } from '@temporalio/common';
import { encryptingDataConverter } from '../../lib/temporal/data-converter';
import { loadPayloadKeyring, parsePayloadKeys, type PayloadKeyring } from '../../lib/temporal/payload-keys';

/**
 * `TEMPORAL_PAYLOAD_KEYS` of every test stack and of the committed histories in test/workflows/histories: a key
 * for test data only (sandbox customers), committed so that the recorded histories can be replayed.
 */
export const TEST_PAYLOAD_KEYS = 'test-histories-1:FR04/WbluiZoFtCnmvO5BxSmxJY2un77MwqAUITJrQY=';

/** The keyring of TEST_PAYLOAD_KEYS. */
export function testKeyring(): Promise<PayloadKeyring> {
  return loadPayloadKeyring({ payloadKeys: parsePayloadKeys(TEST_PAYLOAD_KEYS).keys, dataDir: '' });
}

/** The data converter of the test clients and workers: the service's codec with the test key. */
export async function testDataConverter(): Promise<DataConverter> {
  return encryptingDataConverter(await testKeyring());
}
