import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApiServer } from '../../api/main';
import { silentLogger } from '../../api/logger';
import { createOrderSyncStarter } from '../../api/order-sync-starter';
import { loadConfig } from '../../lib/config';
import { openServices } from '../../lib/runtime/services';
import { startWooSandbox, type WooSandbox } from '../../sandbox/woocommerce';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero';
import { onboardStore } from '../../scripts/support/onboard-store';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/database';
import { eventually, freePort } from '../support/ports';
import { sandboxEnvironment, STACK_OPERATOR_TOKEN } from '../support/stack';
import { startTestTemporal } from '../support/temporal';
import { exited, startWorkerProcess } from '../support/worker-process';

describe('a worker process killed in the middle of a sync', () => {
  let temporal: TestWorkflowEnvironment;
  let woo: WooSandbox;
  let xero: XeroSandbox;
  let database: TestDatabaseLocation;
  let dataDir: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    temporal = await startTestTemporal();
    [woo, xero, dataDir] = await Promise.all([
      startWooSandbox(),
      startXeroSandbox(),
      mkdtemp(path.join(tmpdir(), 'woo-xero-crash-')),
    ]);
    database = await createTestDatabaseLocation(dataDir);
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await Promise.all([woo?.close(), xero?.close()]);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await temporal?.teardown();
  });

  it('is picked up by a restarted worker and still books exactly one invoice', async () => {
    const env = {
      ...sandboxEnvironment({
        xeroUrl: xero.url,
        temporalAddress: temporal.address,
        taskQueue: `crash-${process.pid}`,
        port: await freePort(),
        dataDir,
        encryptionKey: randomBytes(32).toString('base64'),
      }),
      ...database.env,
    };
    const config = loadConfig(env);

    // Onboard the store with the API in this process, then let go of the database for the worker processes
    // (embedded PGlite serves one process at a time).
    const services = await openServices(config);
    const api = await createApiServer(config, { services, logger: silentLogger });
    const apiUrl = await api.listen();
    const store = await onboardStore(apiUrl, STACK_OPERATOR_TOKEN, {
      url: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    await api.close();
    await services.close();

    const order = woo.orders.create({
      status: 'processing',
      billing: { first_name: 'Rangi', last_name: 'Parata', email: 'rangi@example.co.nz' },
      lineItems: [{ name: 'Tukutuku panel print', sku: 'TUKU-A3', quantity: 2, price: 39.5 }],
    });
    // Xero takes its time over the invoice, so the worker is certainly in the middle of creating it when killed.
    xero.faults.add({ method: 'PUT', path: /\/Invoices$/, fault: { latencyMs: 3000 } });
    const invoicePuts = () => xero.state.requests(/\/Invoices$/).filter((r) => r.method === 'PUT');

    const first = startWorkerProcess(env);
    workers.push(first);
    const { workflowId } = await createOrderSyncStarter(temporal.client, config).start({
      storeId: store.storeId,
      orderId: order.id,
      orderNumber: order.number,
      topic: 'order.created',
    });
    await eventually(async () => (invoicePuts().length > 0 ? true : undefined), 90_000, 'the invoice request');
    first.kill('SIGKILL');
    await exited(first);

    const second = startWorkerProcess(env);
    workers.push(second);
    const result = await temporal.client.workflow.getHandle(workflowId).result();
    expect(result).toMatchObject({ state: 'synced' });
    second.kill('SIGTERM');
    await exited(second);

    const live = xero.state
      .invoices()
      .filter((invoice) => String(invoice.Reference).endsWith(`#${order.number}`) && invoice.Status !== 'DELETED');
    expect(live).toHaveLength(1);
    const reopened = await openServices(config);
    try {
      const entry = await reopened.repos.ledger.get(store.storeId, order.id);
      expect(entry).toMatchObject({ state: 'synced', xeroDocumentNumber: live[0]?.InvoiceNumber });
    } finally {
      await reopened.close();
    }
  }, 240_000);
});
