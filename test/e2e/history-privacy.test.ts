import request from 'supertest';
import { Client } from '@temporalio/client';
import { createCodecServerApp } from '../../lib/temporal/codec-server';
import { createEncryptionCodec, payloadToJson, type JsonPayload } from '../../lib/temporal/payload-codec';
import { testKeyring } from '../support/payload-keys';
import { useTestStack } from '../support/stack';
import { waitForSyncToFinish } from './support';

const customer = {
  first_name: 'Ngaio',
  last_name: 'Marsh-Tuhoe',
  email: 'ngaio.marsh@example.co.nz',
  address_1: '77 Karangahape Road',
  city: 'Auckland',
  postcode: '1010',
  country: 'NZ',
};

/** Every payload in a history (inputs, results, signals, summaries), as the server stores it. */
function payloadsOf(node: unknown, found: JsonPayload[] = []): JsonPayload[] {
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return found;
  const candidate = node as { metadata?: unknown; data?: unknown };
  if (candidate.data instanceof Uint8Array && candidate.metadata && typeof candidate.metadata === 'object') {
    found.push(payloadToJson(candidate as Parameters<typeof payloadToJson>[0]));
    return found;
  }
  for (const value of Object.values(node)) payloadsOf(value, found);
  return found;
}

/** The history's bytes as text, payload data included, for searching in clear. */
function asText(node: unknown): string {
  return JSON.stringify(node, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
  );
}

describe('workflow histories keep personal data out of clear text and the WooCommerce order out of history', () => {
  const ctx = useTestStack();

  it('stores only ciphertext; the codec server shows support the contact, never the whole order', async () => {
    const order = ctx.stack.woo.orders.create({
      status: 'processing',
      billing: customer,
      shipping: customer,
      lineItems: [{ name: 'Pounamu pendant', sku: 'POUNAMU-1', quantity: 1, price: 120 }],
      customerNote: 'Please gift wrap',
      metaData: [{ key: 'gift_message', value: 'Happy birthday from Aunty Hine' }],
    });
    const entry = await waitForSyncToFinish(ctx.stack, order.id);
    expect(entry.state).toBe('synced');

    // A client without the codec sees what Temporal stores.
    const plainClient = new Client({ connection: ctx.temporal.connection });
    const history = await plainClient.workflow.getHandle(entry.workflowId!).fetchHistory();
    const stored = asText(history);
    for (const personal of [customer.email, customer.first_name, customer.last_name, customer.address_1]) {
      expect(stored).not.toContain(personal);
    }

    // Support staff read the history through the codec server, as the Web UI does.
    const app = createCodecServerApp({
      codec: createEncryptionCodec(await testKeyring()),
      uiOrigin: 'http://localhost:8233',
    });
    const payloads = payloadsOf(history);
    const decoded = await request(app).post('/decode').set('X-Namespace', 'default').send({ payloads });
    expect(decoded.status).toBe(200);
    const readable = (decoded.body as { payloads: JsonPayload[] }).payloads
      .map((payload) => Buffer.from(payload.data ?? '', 'base64').toString('utf8'))
      .join('\n');
    expect(readable).toContain(customer.email);
    expect(readable).toContain(`${customer.first_name} ${customer.last_name}`);
    expect(readable).toContain(customer.address_1);
    // The WooCommerce order itself (every field, its meta data, the customer's note) stays inside the activities.
    expect(readable).not.toContain('Aunty Hine');
    expect(readable).not.toContain('Please gift wrap');
    expect(readable).not.toContain('"line_items"');
    expect(readable).not.toContain('"meta_data"');
  });
});
