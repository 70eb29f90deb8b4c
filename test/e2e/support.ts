import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { LedgerEntry } from '../../lib/db';
import { silentLogger } from '../../api/logger';
import { createApiServer } from '../../api/main';
import type { AppConfig } from '../../lib/config';
import { openServices } from '../../lib/runtime/services';
import type { WooSandbox } from '../../sandbox/woocommerce';
import { onboardStore, type OnboardedStore } from '../../scripts/support/onboard-store';
import { orderSyncWorkflowId } from '../../workflows/definitions';
import { STACK_OPERATOR_TOKEN, type TestStack } from '../support/stack';
import { eventually } from '../support/ports';

/** Waits until the order's ledger entry reaches a final state (synced, skipped or failed) and returns it. */
export function waitForLedger(stack: TestStack, orderId: number, timeoutMs = 60_000): Promise<LedgerEntry> {
  return eventually(
    async () => {
      const entry = await stack.services.repos.ledger.get(stack.store.storeId, orderId);
      return entry && entry.state !== 'pending' ? entry : undefined;
    },
    timeoutMs,
    `order ${orderId} to finish syncing`,
  );
}

/** Waits for the order's workflow run to complete (the order note is its last step) and returns the ledger entry. */
export async function waitForSyncToFinish(stack: TestStack, orderId: number): Promise<LedgerEntry> {
  const entry = await waitForLedger(stack, orderId);
  if (entry.workflowId) await stack.temporal.workflow.getHandle(entry.workflowId).result();
  return (await stack.services.repos.ledger.get(stack.store.storeId, orderId)) ?? entry;
}

/** Re-sends recorded WooCommerce deliveries of one order (same signed bytes and headers), all at once. */
export async function replayDeliveries(stack: TestStack, orderId: number, times: number): Promise<number[]> {
  const recorded = stack.woo.deliveries.deliveries().filter((d) => d.resourceId === orderId);
  const sends = Array.from({ length: times }, (_, i) => recorded[i % recorded.length]).map((d) =>
    fetch(d!.url, { method: 'POST', headers: d!.requestHeaders, body: d!.rawBody }).then((r) => r.status),
  );
  return Promise.all(sends);
}

/** The live (not deleted or voided) invoices in the sandbox Xero whose Reference mentions the order number. */
export function invoicesForOrder(stack: TestStack, orderNumber: string): Array<Record<string, unknown>> {
  return stack.xero.state
    .invoices()
    .filter((invoice) => String(invoice.Reference ?? '').endsWith(`#${orderNumber}`))
    .filter((invoice) => !['DELETED', 'VOIDED'].includes(String(invoice.Status)));
}

/** Turns on recording payments (`payments.record`) in the store's settings, as the merchant does in the API. */
export async function turnOnPayments(
  apiUrl: string,
  store: Pick<OnboardedStore, 'storeId' | 'apiToken'>,
): Promise<void> {
  const res = await fetch(`${apiUrl}/api/stores/${store.storeId}/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${store.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ payments: { record: true } }),
  });
  if (res.status !== 200) throw new Error(`the settings were refused (${res.status}): ${await res.text()}`);
}

/** How the latest run of the order's workflow stands: RUNNING, COMPLETED, FAILED, … (NOT_FOUND without one). */
export async function lastRunStatus(client: Client, storeId: string, orderId: number): Promise<string> {
  try {
    return (await client.workflow.getHandle(orderSyncWorkflowId(storeId, orderId)).describe()).status.name;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'NOT_FOUND';
    throw error;
  }
}

/** Waits until the latest run of every one of these orders' workflows has ended (none still running). */
export async function waitForRunsToEnd(
  client: Client,
  storeId: string,
  orderIds: readonly number[],
  timeoutMs = 120_000,
): Promise<void> {
  let open = [...orderIds];
  await eventually(
    async () => {
      const statuses = await Promise.all(open.map((id) => lastRunStatus(client, storeId, id)));
      open = open.filter((_, i) => statuses[i] === 'RUNNING');
      return open.length === 0 ? true : undefined;
    },
    timeoutMs,
    `the runs of ${orderIds.length} orders to end`,
  );
}

/**
 * Onboards the store through an API in this process, lets `prepare` set it up through that API, then closes the API
 * and its database, so that worker processes can have the database (embedded PGlite serves one process at a time).
 */
export async function onboardWithoutStaying(
  config: AppConfig,
  woo: Pick<WooSandbox, 'url' | 'consumerKey' | 'consumerSecret'>,
  prepare: (apiUrl: string, store: OnboardedStore) => Promise<void>,
): Promise<OnboardedStore> {
  const services = await openServices(config);
  const api = await createApiServer(config, { services, logger: silentLogger });
  try {
    const apiUrl = await api.listen();
    const { url, consumerKey, consumerSecret } = woo;
    const store = await onboardStore(apiUrl, STACK_OPERATOR_TOKEN, { url, consumerKey, consumerSecret });
    await prepare(apiUrl, store);
    return store;
  } finally {
    await api.close();
    await services.close();
  }
}
