import type { Repositories } from '../lib/db/repositories';
import type { AppliedEffect, RemappedOrder } from '../lib/lifecycle/order-changes';
import { MappingError } from '../lib/mapping';
import type { RebookingChange } from '../lib/sync/apply-rebooking';
import { documentToCreate, planOrder, type PlanOrderInput } from '../lib/sync/plan-order';
import { orderContentDigest } from '../lib/lifecycle/order-digest';
import type { OrgContextCache } from '../lib/xero/org-context-cache';

/**
 * The order mapped again under the store's current settings, for an edit, a restore or a quote's invoice: the
 * document without its contact, or why it cannot be mapped; undefined when the settings no longer sync the order.
 */
export async function remapOrder(
  input: Omit<PlanOrderInput, 'orgContext'> & { orgContext: OrgContextCache },
): Promise<RemappedOrder | undefined> {
  const digest = orderContentDigest(input.order);
  try {
    const planned = await planOrder(input);
    if ('skipReason' in planned) return undefined;
    const { contact: _contact, ...document } = documentToCreate(planned);
    return { document, digest };
  } catch (err) {
    if (err instanceof MappingError) return { error: err.message, digest };
    throw err;
  }
}

/**
 * Points the ledger at the document the order has now, with what it bills: an update keeps the document, a
 * reissue or a quote's invoice replaces it (the one replaced stays listed among the effects, so both are linked).
 */
export async function recordRebooked(
  repos: Repositories,
  order: { storeId: string; orderId: number },
  change: RebookingChange,
  applied: AppliedEffect,
): Promise<void> {
  await repos.ledger.upsert({
    ...order,
    orderDigest: change.digest,
    orderTotal: change.document.expectedTotal,
    xeroTotal: applied.amount,
    ...(change.kind === 'update'
      ? {}
      : { documentKind: 'invoice', xeroDocumentId: applied.xeroId, xeroDocumentNumber: applied.xeroNumber }),
  });
}
