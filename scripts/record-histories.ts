import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureTemporalCli } from '../lib/temporal/cli';
import type { WorkerActivities } from '../activities';
import { createOrderSyncStarter } from '../api/order-sync-starter';
import { orderChangedSignal, orderSyncWorkflowId } from '../workflows/definitions';
import { startTestStack, type TestStack } from '../test/support/stack';
import { startTestTemporal } from '../test/support/temporal';
import { eventually } from '../test/support/ports';

/** Where the committed histories live; one folder per workflow code version that produced them. */
export const HISTORIES_DIR = path.resolve(__dirname, '../test/workflows/histories');

const customer = {
  first_name: 'Hemi',
  last_name: 'Walker',
  email: 'hemi.walker@example.co.nz',
  address_1: '12 Cuba Street',
  city: 'Wellington',
  postcode: '6011',
  country: 'NZ',
};
const basket = [{ name: 'Flax basket', sku: 'FLAX-1', quantity: 1, price: 35 }];

/** Orders whose first pass gets a change signal in the middle of it (at the ledger look-up). */
const changeDuringPass = new Set<number>();

/** The representative runs: each creates its order and says how to bring its run to an end. */
const SCENARIOS: Record<string, (stack: TestStack) => Promise<number>> = {
  'plain-sync': async (stack) =>
    stack.woo.orders.create({ status: 'processing', billing: customer, shipping: customer, lineItems: basket }).id,
  'coalesced-burst': async (stack) => {
    const order = stack.woo.orders.create({ status: 'processing', billing: customer, lineItems: basket });
    // Repeated deliveries within the settle delay, sent the way the webhook endpoint sends them.
    const starter = createOrderSyncStarter(stack.temporal, stack.config);
    const change = {
      storeId: stack.store.storeId,
      orderId: order.id,
      orderNumber: order.number,
      topic: 'order.updated',
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => starter.start({ ...change, deliveryId: `burst-${i}` })));
    return order.id;
  },
  'skipped-status': async (stack) =>
    stack.woo.orders.create({ status: 'pending', billing: customer, lineItems: basket }).id,
  'failure-xero-rejects': async (stack) => {
    await putSettings(stack, { accounts: { fees: '999' } });
    return stack.woo.orders.create({
      status: 'processing',
      billing: customer,
      lineItems: basket,
      feeLines: [{ name: 'Gift wrapping', total: 5 }],
    }).id;
  },
  'paid-at-checkout': async (stack) =>
    stack.woo.orders.checkout({ paymentMethod: 'sandbox_card', billing: customer, lineItems: basket }).id,
  'unpaid-bank-transfer': async (stack) =>
    stack.woo.orders.checkout({ paymentMethod: 'bacs', billing: customer, lineItems: basket }).id,
  'change-during-pass': async (stack) => {
    const order = stack.woo.orders.create({ status: 'processing', billing: customer, lineItems: basket });
    changeDuringPass.add(order.id);
    return order.id;
  },
};

async function putSettings(stack: TestStack, settings: object): Promise<void> {
  const res = await fetch(`${stack.apiUrl}/api/stores/${stack.store.storeId}/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.store.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (res.status !== 200) throw new Error(`Saving settings failed: ${res.status} ${await res.text()}`);
}

/** Sends one change signal to the order's run from inside its first ledger look-up: a change during a pass. */
function signalDuringFirstPass(stack: () => TestStack): (activities: WorkerActivities) => WorkerActivities {
  return (activities) => ({
    ...activities,
    async getLedgerEntry(ref) {
      if (changeDuringPass.delete(ref.orderId)) {
        const handle = stack().temporal.workflow.getHandle(orderSyncWorkflowId(ref.storeId, ref.orderId));
        await handle.signal(orderChangedSignal, { topic: 'order.updated' });
      }
      return activities.getLedgerEntry(ref);
    },
  });
}

/** The run's history as `temporal workflow show --output json` prints it (payloads as stored: encrypted). */
async function showHistory(address: string, workflowId: string): Promise<string> {
  const args = ['workflow', 'show', '--address', address, '--workflow-id', workflowId, '--output', 'json'];
  const { stdout } = await promisify(execFile)(ensureTemporalCli(), args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.endsWith('\n') ? stdout : `${stdout}\n`;
}

/** `npm run histories:record -- <folder>`: runs every scenario on a real stack and writes its history. */
async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder || !/^[a-z0-9.-]+$/.test(folder)) {
    throw new Error(
      'Usage: npm run histories:record -- <folder>, e.g. v3-<what changed> (see docs/workflow-versioning.md)',
    );
  }
  const out = path.join(HISTORIES_DIR, folder);
  const temporal = await startTestTemporal();
  let stack: TestStack | undefined;
  try {
    stack = await startTestStack(temporal, { wrapActivities: signalDuringFirstPass(() => stack!) });
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      const orderId = await scenario(stack);
      const handle = stack.temporal.workflow.getHandle(orderSyncWorkflowId(stack.store.storeId, orderId));
      await eventually(
        () =>
          handle
            .describe()
            .then(() => true)
            .catch(() => undefined),
        60_000,
        `${name} to start`,
      );
      await handle.result().catch(() => undefined);
      const history = await showHistory(temporal.address, handle.workflowId);
      await writeFile(path.join(out, `${name}.json`), history);
      console.log(`recorded ${name}`);
    }
  } finally {
    await stack?.close();
    await temporal.teardown();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
