import { randomBytes } from 'node:crypto';
import { createRepositories, type Db, type Repositories } from '../../lib/db';
import { createSecretCipher, hashApiToken } from '../../lib/secrets';
import { XeroTransientError } from '../../lib/xero/errors';
import { createDocumentExactlyOnce } from '../../lib/xero/exactly-once';
import { createXeroIdentityClient } from '../../lib/xero/identity-client';
import { REVOKED_REASON } from '../../lib/xero/token-provider';
import { createXeroDoor } from '../../lib/xero/xero-door';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { openTestDatabase } from '../support/database';
import { authorizeCode, sandboxConfig } from './support/sandbox-harness';

const MINUTE = 60_000;

let db: Db;
let repos: Repositories;
let sandbox: XeroSandbox;
let storeId: string;

beforeEach(async () => {
  db = await openTestDatabase();
  repos = createRepositories(db, createSecretCipher(randomBytes(32)));
  sandbox = await startXeroSandbox();
  const store = await repos.stores.create({
    url: 'https://shop.example',
    consumerKey: 'ck_x',
    consumerSecret: 'cs_x',
    webhookSecret: 'whsec',
    apiTokenHash: hashApiToken('test-api-token'),
  });
  storeId = store.id;
  const identity = createXeroIdentityClient(sandboxConfig(sandbox.url));
  const tokens = await identity.exchangeCode((await authorizeCode(identity, 's')).code);
  const [tenant] = await identity.listConnections(tokens.accessToken);
  await repos.xeroConnections.save(storeId, {
    tenantId: tenant.tenantId,
    tenantName: tenant.tenantName,
    connectionId: tenant.id,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenExpiresAt: new Date(sandbox.clock.now() + tokens.expiresInSeconds * 1000),
    scopes: tokens.scope,
  });
});
afterEach(async () => {
  await sandbox.close();
  await db.close();
});

/** A fresh door over the real repositories, as one worker process would build it. */
function door() {
  const now = () => new Date(sandbox.clock.now());
  const { tokens, accounting } = createXeroDoor({
    config: sandboxConfig(sandbox.url),
    connections: repos.xeroConnections,
    now,
  });
  return { now, tokens, client: accounting };
}

describe('the Xero door over the real lib/db repositories', () => {
  it('two providers (two workers) refresh an expired token once, and the rotated refresh token is stored encrypted', async () => {
    const before = await repos.xeroConnections.get(storeId);
    sandbox.clock.advance(31 * MINUTE);
    sandbox.state.clearRequests();
    const [a, b] = await Promise.all([door().tokens.getAccess(storeId), door().tokens.getAccess(storeId)]);
    expect(a).toEqual(b);
    expect(sandbox.state.requests(/^\/connect\/token$/)).toHaveLength(1);
    const after = await repos.xeroConnections.get(storeId);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).toBe(a.accessToken);
    const raw = await db.query('SELECT refresh_token_encrypted FROM xero_connections WHERE store_id = $1', [storeId]);
    expect(JSON.stringify(raw)).not.toContain(after?.refreshToken ?? '');
  });

  it('records the disconnect reason when the refresh token is refused', async () => {
    const stored = await repos.xeroConnections.get(storeId);
    await createXeroIdentityClient(sandboxConfig(sandbox.url)).refreshTokens(stored?.refreshToken ?? '');
    sandbox.clock.advance(31 * MINUTE);
    await expect(door().tokens.getAccess(storeId)).rejects.toThrow('reconnect Xero');
    expect(await repos.xeroConnections.get(storeId)).toMatchObject({
      status: 'disconnected',
      lastError: REVOKED_REASON,
    });
  });

  it('creates an invoice exactly once across a lost response with the attempts repository', async () => {
    const { client, now } = door();
    const contact = await client.createContact(storeId, { Name: 'Jane Buyer' });
    const body = {
      Type: 'ACCREC',
      Contact: { ContactID: contact.ContactID },
      InvoiceNumber: 'WC-501',
      Reference: 'order:501',
      Date: '2024-01-31',
      DueDate: '2024-02-29',
      Status: 'AUTHORISED',
      LineItems: [{ Description: 'Widget', Quantity: 2, UnitAmount: 10, AccountCode: '200', TaxType: 'OUTPUT2' }],
    };
    const input = {
      storeId,
      orderId: 501,
      kind: 'invoice' as const,
      body,
      identity: { invoiceNumber: 'WC-501', reference: 'order:501' },
      client,
      attempts: repos.attempts,
      now,
    };
    sandbox.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { kind: 'commit-then-drop' } });
    await expect(createDocumentExactlyOnce(input)).rejects.toBeInstanceOf(XeroTransientError);
    expect(await repos.attempts.get(storeId, 501, 'invoice')).toMatchObject({
      idempotencyKey: `invoice:${storeId}:501:g1`,
      lastOutcome: 'uncertain',
    });
    const retried = await createDocumentExactlyOnce(input); // the replayed key answers with the committed invoice
    expect(retried).toMatchObject({ number: 'WC-501', total: '23' });
    expect(await repos.attempts.get(storeId, 501, 'invoice')).toMatchObject({
      idempotencyKey: `invoice:${storeId}:501:g1`,
      lastOutcome: 'succeeded',
    });
    expect(sandbox.state.invoices().filter((invoice) => invoice.Reference === 'order:501')).toHaveLength(1);
  });
});
