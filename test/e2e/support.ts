import type { LedgerEntry } from '../../lib/db';
import type { TestStack } from '../support/stack';
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
