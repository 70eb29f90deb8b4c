import { SYNC_STATE } from '../../lib/temporal/search-attributes';
import { eventually } from '../support/ports';
import { STACK_OPERATOR_TOKEN, type TestStack } from '../support/stack';
import { invoicesForOrder } from './support';

/** A JSON object as the API and the sandboxes answer it. */
export type Json = Record<string, unknown>;

/** The order's view in the API, as support reads it. */
export async function orderView(stack: TestStack, orderId: number): Promise<Json> {
  const res = await fetch(`${stack.apiUrl}/api/stores/${stack.store.storeId}/orders/${orderId}`, {
    headers: { authorization: `Bearer ${STACK_OPERATOR_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

/** Waits until the order's latest run has ended with the ledger in `state`, and returns the run's SyncState. */
export async function settledIn(stack: TestStack, orderId: number, state: string): Promise<string | undefined> {
  await eventually(
    async () =>
      (await stack.services.repos.ledger.get(stack.store.storeId, orderId))?.state === state ? true : undefined,
    60_000,
    `order ${orderId} to become ${state}`,
  );
  const entry = await stack.services.repos.ledger.get(stack.store.storeId, orderId);
  const handle = stack.temporal.workflow.getHandle(String(entry?.workflowId));
  await handle.result();
  return (await handle.describe()).typedSearchAttributes.get(SYNC_STATE);
}

/** The order's one live invoice in the Xero sandbox. */
export const invoiceOf = (stack: TestStack, number: string): Json => {
  const [invoice] = invoicesForOrder(stack, number);
  if (!invoice) throw new Error(`no live invoice for order ${number}`);
  return invoice;
};
/** The live payments on an invoice in the Xero sandbox. */
export const paymentsOn = (stack: TestStack, invoiceId: unknown): Json[] =>
  stack.xero.state
    .payments()
    .filter((p) => (p.Invoice as Json | undefined)?.InvoiceID === invoiceId && p.Status !== 'DELETED');
/** The credit notes the sync made for an invoice (numbered after it). */
export const creditNotesOf = (stack: TestStack, invoiceNumber: string): Json[] =>
  stack.xero.state.creditNotes().filter((note) => String(note.CreditNoteNumber).startsWith(`${invoiceNumber}-R`));

/** Saves the store's mapping settings through the API (what is left out takes its default). */
export async function saveSettings(stack: TestStack, settings: Json): Promise<void> {
  const res = await fetch(`${stack.apiUrl}/api/stores/${stack.store.storeId}/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.store.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(res.status).toBe(200);
}
