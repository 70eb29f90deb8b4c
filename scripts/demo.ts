import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createConsoleLogger, type Logger } from '../api/logger';
import { loadConfig } from '../lib/config';
import type { LedgerEntry } from '../lib/db';
import { wooSandboxEnvironment, xeroSandboxEnvironment } from '../sandbox/service-environment';
import { startWooSandbox, type CreateOrderInput } from '../sandbox/woocommerce';
import { startXeroSandbox } from '../sandbox/xero';
import { startDevStack } from './start-dev-stack';
import { onboardStore } from './support/onboard-store';

const consoleLogger = createConsoleLogger({ component: 'api' });
/** The API's warnings and errors only; request lines would drown the demo's table. */
const quietApiLogger: Logger = { info: () => undefined, warn: consoleLogger.warn, error: consoleLogger.error };

const OPERATOR_TOKEN = `op_demo_${randomBytes(12).toString('hex')}`;

/** A handful of varied orders: several lines, a coupon, a fee, a guest, unicode names, a foreign currency. */
const DEMO_ORDERS: CreateOrderInput[] = [
  {
    status: 'processing',
    billing: {
      first_name: 'Aroha',
      last_name: 'Ngata',
      email: 'aroha@example.co.nz',
      city: 'Wellington',
      country: 'NZ',
    },
    lineItems: [
      { name: 'Kawakawa balm', sku: 'KAWA-BALM-50', quantity: 2, price: 18.5 },
      { name: 'Mānuka honey & lemon soap', sku: 'SOAP-MANUKA', quantity: 3, price: 7.99 },
    ],
    shippingLines: [{ methodTitle: 'Flat rate', total: 6.5 }],
  },
  {
    status: 'completed',
    billing: { first_name: 'Ben', last_name: 'Carter', company: 'Carter & Sons Ltd', email: 'accounts@carter.example' },
    lineItems: [{ name: 'Gift box', sku: 'GIFT-BOX', quantity: 5, price: 24.95 }],
    coupons: [{ code: 'save10', discountType: 'percent', amount: 10 }],
    feeLines: [{ name: 'Gift wrapping', total: 4, taxable: true }],
  },
  {
    status: 'processing',
    billing: { first_name: 'Zoë', last_name: 'Müller', email: 'zoe@example.de' },
    lineItems: [{ name: 'Harakeke kete (large)', sku: 'KETE-LARGE', quantity: 1, price: 89 }],
  },
  {
    status: 'on-hold',
    billing: { first_name: '', last_name: '', email: 'guest-buyer@example.com' },
    lineItems: [{ name: 'Sample pack', quantity: 1, price: 0.99 }],
    shippingLines: [{ methodTitle: 'Courier', total: 9 }],
  },
];

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

async function waitForLedger(read: () => Promise<LedgerEntry | null>, timeoutMs = 120_000): Promise<LedgerEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = await read();
    if (entry && entry.state !== 'pending') return entry;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the order to sync');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** `npm run demo [-- --exit]`: the whole flow against the sandboxes, then a table of what reached Xero. */
async function main(): Promise<void> {
  const exitAfterTable = process.argv.includes('--exit');
  const [woo, xero] = await Promise.all([startWooSandbox(), startXeroSandbox({ realTime: true })]);
  const config = loadConfig({
    ...process.env,
    DATA_DIR: process.env.DATA_DIR ?? path.join('data', 'demo'),
    OPERATOR_TOKEN,
    ...xeroSandboxEnvironment(xero.url),
    ...wooSandboxEnvironment(),
    SYNC_SETTLE_DELAY: process.env.SYNC_SETTLE_DELAY ?? '1s',
  });
  console.log(`Sandbox WooCommerce store: ${woo.url}\nSandbox Xero:              ${xero.url}\nStarting the service…`);
  // Keep the demo's output to its own story: warnings and errors only from the worker and the API.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const stack = await startDevStack(config, { apiLogger: quietApiLogger });
  const stopAll = async (): Promise<void> => {
    await stack.stop();
    await Promise.all([woo.close(), xero.close()]);
  };
  try {
    console.log(`API ${stack.apiUrl}; registering the store and connecting Xero through the OAuth redirect flow…`);
    const store = await onboardStore(stack.apiUrl, OPERATOR_TOKEN, {
      url: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    console.log(`Store ${store.storeId} registered; placing ${DEMO_ORDERS.length} orders…`);
    const orders = DEMO_ORDERS.map((input) => woo.orders.create(input));
    const entries = await Promise.all(
      orders.map((order) => waitForLedger(() => stack.services.repos.ledger.get(store.storeId, order.id))),
    );
    const rows = orders.map((order, i) => {
      const entry = entries[i];
      return [
        `#${order.number}`,
        order.status,
        entry?.xeroDocumentNumber ?? `(${entry?.state}${entry?.lastError ? `: ${entry.lastError}` : ''})`,
        `${order.total} ${order.currency}`,
        entry?.xeroTotal ? `${entry.xeroTotal} ${entry.currency}` : '-',
      ];
    });
    const header = ['Order', 'Status', 'Xero invoice', 'Order total', 'Xero total'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)));
    for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows]) {
      console.log(row.map((cell, c) => pad(cell, widths[c] ?? 0)).join('  '));
    }
    console.log(
      `\nEvery run is in the Temporal Web UI: ${stack.temporalUiUrl}/namespaces/${config.temporal.namespace}/workflows`,
    );
  } catch (err) {
    await stopAll();
    throw err;
  }
  if (exitAfterTable) {
    await stopAll();
    return;
  }
  console.log('The demo keeps running (Ctrl-C to stop).');
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await stopAll();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
