import { Router } from 'express';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import type { LedgerEntry } from '../../lib/db/repositories';
import { orderDocuments } from '../../lib/lifecycle/order-documents';
import { orderSyncWorkflowId } from '../../workflows/definitions';
import type { Authenticator } from '../auth';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { orderIdSchema, storeIdSchema } from '../schemas';
import { parseInput } from '../validation';

const orderParamsSchema = z.object({ storeId: storeIdSchema, orderId: orderIdSchema });

/** The Temporal Web UI page of a workflow. */
export function temporalWorkflowUrl(temporal: AppConfig['temporal'], workflowId: string): string {
  return `${temporal.uiUrl}/namespaces/${encodeURIComponent(temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** A pending sync that waits for its organisation's Xero capacity, as the order view says it; null otherwise. */
function capacityWaitOf(entry: LedgerEntry): { message: string; expectedAt: string } | null {
  if (entry.state !== 'pending' || !entry.xeroWaitUntil) return null;
  return { message: 'waiting for Xero capacity', expectedAt: entry.xeroWaitUntil.toISOString() };
}

/** Dependencies of the order status route. */
export interface OrderRouteDeps {
  config: Pick<AppConfig, 'temporal'>;
  ledger: ApiRepositories['ledger'];
  effects: ApiRepositories['ledgerEffects'];
  auth: Authenticator;
}

/**
 * `GET /api/stores/:storeId/orders/:orderId`: where one order's sync stands, every Xero document it has had, every
 * payment, credit note, allocation, refund, void, update and reissue applied for it in Xero, what still differs,
 * and a link to its Temporal run.
 */
export function orderRoutes({ config, ledger, effects, auth }: OrderRouteDeps): Router {
  const router = Router();

  router
    .route('/api/stores/:storeId/orders/:orderId')
    .get(async (req, res) => {
      const { storeId, orderId } = parseInput(orderParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      const entry = await ledger.get(storeId, orderId);
      if (!entry) throw new ApiError(404, 'not_found', 'This order has not been seen by the sync yet.');
      const workflowId = entry.workflowId ?? orderSyncWorkflowId(storeId, orderId);
      const applied = await effects.list(storeId, orderId);
      const current = {
        kind: entry.documentKind,
        xeroId: entry.xeroDocumentId,
        number: entry.xeroDocumentNumber,
        total: entry.xeroTotal,
        state: entry.state,
      };
      res.json({
        orderId,
        state: entry.state,
        documentKind: entry.documentKind,
        documentId: entry.xeroDocumentId,
        documentNumber: entry.xeroDocumentNumber,
        orderTotal: entry.orderTotal,
        xeroTotal: entry.xeroTotal,
        currency: entry.currency,
        lastError: entry.lastError,
        warning: entry.warning,
        difference: entry.difference,
        documents: orderDocuments(current, applied),
        effects: applied.map((effect) => ({
          effectId: effect.effectId,
          kind: effect.kind,
          xeroId: effect.xeroId,
          xeroNumber: effect.xeroNumber,
          amount: effect.amount,
          currency: effect.currency,
          appliedAt: effect.appliedAt,
        })),
        xeroCapacityWait: capacityWaitOf(entry),
        updatedAt: entry.updatedAt,
        workflowId,
        temporalUrl: temporalWorkflowUrl(config.temporal, workflowId),
      });
    })
    .all(methodNotAllowed('GET'));

  return router;
}
