import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { createEncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../lib/temporal/payload-codec';
import { keyring, parsePayloadKeys } from '../../lib/temporal/payload-keys';

const key = (id: string) => ({ id, key: randomBytes(32) });
const utf8 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('the payload encryption codec', () => {
  const customer = { email: 'aroha@example.co.nz', name: 'Aroha Ngata' };

  it('encrypts the whole payload and names the key in clear metadata', async () => {
    const codec = createEncryptionCodec(keyring([key('k1')]));
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(customer)]);
    expect(utf8(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(utf8(encoded!.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('aroha');
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(customer);
  });

  it('decrypts payloads of a retired key after rotation, and encrypts with the new first key', async () => {
    const old = key('2024');
    const [written] = await createEncryptionCodec(keyring([old])).encode([defaultPayloadConverter.toPayload(customer)]);
    const rotated = createEncryptionCodec(keyring([key('2025'), old]));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([written!]))[0]!)).toEqual(customer);
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(customer)]);
    expect(utf8(fresh!.metadata![KEY_ID_METADATA])).toBe('2025');
  });

  it('refuses an unknown key and a tampered payload without echoing content', async () => {
    const [written] = await createEncryptionCodec(keyring([key('a')])).encode([
      defaultPayloadConverter.toPayload(customer),
    ]);
    await expect(createEncryptionCodec(keyring([key('b')])).decode([written!])).rejects.toThrow('key "a" is not in');
    const tampered = { ...written!, data: Buffer.from(written!.data!).fill(1, 40, 41) };
    await expect(createEncryptionCodec(keyring([key('a')])).decode([tampered])).rejects.toThrow(
      'authentication failed',
    );
  });

  it('passes payloads written before the codec through unchanged', async () => {
    const plain = defaultPayloadConverter.toPayload({ orderId: 7 });
    expect(await createEncryptionCodec(keyring([key('a')])).decode([plain])).toEqual([plain]);
  });

  it('parses TEMPORAL_PAYLOAD_KEYS and names bad entries without their keys', () => {
    const good = randomBytes(32).toString('base64');
    expect(parsePayloadKeys(`new:${good}, old:${good}`).keys.map((k) => k.id)).toEqual(['new', 'old']);
    const { problems } = parsePayloadKeys(`x:c2hvcnQ=,x:${good},x:${good},:${good}`);
    expect(problems).toEqual([
      'key x: must be 32 bytes, base64-encoded',
      'key x: listed twice',
      expect.stringMatching(/^key 4:/),
    ]);
    expect(problems.join()).not.toContain(good);
  });
});
