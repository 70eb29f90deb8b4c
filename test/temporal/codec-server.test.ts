import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import { createCodecServerApp } from '../../lib/temporal/codec-server';
import { createEncryptionCodec, payloadToJson } from '../../lib/temporal/payload-codec';
import { keyring } from '../../lib/temporal/payload-keys';

describe('the codec server for the Temporal Web UI', () => {
  const codec = createEncryptionCodec(keyring([{ id: 'k1', key: randomBytes(32) }]));
  const token = 'codec_token_0123456789abcdef';
  const app = createCodecServerApp({ codec, uiOrigin: 'http://localhost:8233/', token });
  const auth = { Authorization: `Bearer ${token}`, 'X-Namespace': 'default' };

  it('answers the UI preflight with CORS for the UI origin, credentials and its headers', async () => {
    const res = await request(app)
      .options('/decode')
      .set('Origin', 'http://localhost:8233')
      .set('Access-Control-Request-Headers', 'x-namespace,content-type,authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-headers']).toMatch(/X-Namespace.*Content-Type.*Authorization/);
  });

  it('encodes and decodes payloads in the protocol shape', async () => {
    const plain = payloadToJson(defaultPayloadConverter.toPayload({ email: 'aroha@example.co.nz' }));
    const encoded = await request(app)
      .post('/encode')
      .set(auth)
      .send({ payloads: [plain] });
    expect(encoded.status).toBe(200);
    expect(JSON.stringify(encoded.body)).not.toContain(plain.data);
    const decoded = await request(app).post('/decode').set(auth).send(encoded.body);
    expect(decoded.status).toBe(200);
    expect(decoded.body).toEqual({ payloads: [plain] });
    expect(decoded.headers['access-control-allow-origin']).toBe('http://localhost:8233');
  });

  it('requires the bearer token when one is configured', async () => {
    const res = await request(app).post('/decode').set('Authorization', 'Bearer wrong').send({ payloads: [] });
    expect(res.status).toBe(401);
    expect((await request(app).post('/decode').send({ payloads: [] })).status).toBe(401);
  });

  it('answers 400 to a body without payloads and to undecryptable payloads', async () => {
    expect((await request(app).post('/decode').set(auth).send({})).status).toBe(400);
    const foreign = await createEncryptionCodec(keyring([{ id: 'other', key: randomBytes(32) }])).encode([
      defaultPayloadConverter.toPayload('x'),
    ]);
    const res = await request(app)
      .post('/decode')
      .set(auth)
      .send({ payloads: foreign.map(payloadToJson) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('key "other"');
  });
});
