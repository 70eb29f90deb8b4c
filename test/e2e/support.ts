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

/** The live (not deleted or voided) invoices in the sandbox Xero whose Reference mentions the order number. */
export function invoicesForOrder(stack: TestStack, orderNumber: string): Array<Record<string, unknown>> {
  return stack.xero.state
    .invoices()
    .filter((invoice) => String(invoice.Reference ?? '').endsWith(`#${orderNumber}`))
    .filter((invoice) => !['DELETED', 'VOIDED'].includes(String(invoice.Status)));
}
