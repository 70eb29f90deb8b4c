import { Router } from 'express';
import { z } from 'zod';
import type { StoreEvent, StoreEventKind } from '../../lib/db/repositories/store-lifecycle';
import type { Authenticator } from '../auth';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import { requiredText, storeParamsSchema } from '../schemas';
import type { StoreEventStarter } from '../store-event-starter';
import { parseInput } from '../validation';

/** The plugin's lifecycle calls; "activated" after a deactivation is a reactivation. */
const lifecycleSchema = z.discriminatedUnion(
  'event',
  [
    z.object({ event: z.literal('credentials'), consumerKey: requiredText(200), consumerSecret: requiredText(200) }),
    z.object({ event: z.literal('deactivated') }),
    z.object({ event: z.enum(['activated', 'reactivated']) }),
    z.object({ event: z.literal('uninstalled') }),
  ],
  { error: 'must be one of credentials, deactivated, activated, reactivated, uninstalled' },
);

/** An event as the API shows it. */
function eventView(event: StoreEvent) {
  return {
    id: event.id,
    kind: event.kind,
    state: event.state,
    outcome: event.outcome,
    receivedAt: event.receivedAt,
    appliedAt: event.appliedAt,
  };
}

/** Dependencies of the lifecycle routes. */
export interface StoreLifecycleRouteDeps {
  repos: Pick<ApiRepositories, 'stores' | 'storeLifecycle' | 'xeroConnections'>;
  storeEvents: StoreEventStarter;
  auth: Authenticator;
}

/**
 * `POST /api/stores/:storeId/lifecycle` (store token): the plugin reports keys, deactivation, reactivation or
 * uninstall; each is applied in order by the store's lifecycle workflow. `GET` lists the events, what each did and
 * the pause windows; `GET /api/stores/:storeId/xero` says whether Xero is usable and what to do if not.
 */
export function storeLifecycleRoutes({ repos, storeEvents, auth }: StoreLifecycleRouteDeps): Router {
  const router = Router();
  const readBody = jsonBodyReader(JSON_BODY_LIMITS.registration);

  const storeOf = async (storeId: string) => {
    const store = await repos.stores.get(storeId);
    if (!store) throw new ApiError(404, 'not_found', 'No store with this id.');
    return store;
  };

  router
    .route('/api/stores/:storeId/lifecycle')
    .post(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      const input = parseInput(lifecycleSchema, await readBody(req, res), 'body');
      const store = await storeOf(storeId);
      // Uninstalling twice is harmless; anything else after an uninstall is refused.
      if (store.status === 'uninstalled' && input.event !== 'uninstalled') {
        throw new ApiError(409, 'store_uninstalled', 'The store was uninstalled: activate the plugin again.');
      }
      const kind: StoreEventKind = input.event === 'activated' ? 'reactivated' : input.event;
      // Keys travel with their event: they replace the store's keys only once WooCommerce accepts them.
      const keys =
        input.event === 'credentials'
          ? { consumerKey: input.consumerKey, consumerSecret: input.consumerSecret }
          : undefined;
      const { event, workflowId } = await storeEvents.record(storeId, kind, keys);
      res.status(202).json({ event: eventView(event), workflowId });
    })
    .get(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      const store = await storeOf(storeId);
      const [events, pauses] = await Promise.all([
        repos.storeLifecycle.list(storeId),
        repos.storeLifecycle.pauses(storeId),
      ]);
      res.json({ status: store.status, pauses, events: events.map(eventView) });
    })
    .all(methodNotAllowed('GET', 'POST'));

  router
    .route('/api/stores/:storeId/xero')
    .get(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      await storeOf(storeId);
      const connection = await repos.xeroConnections.get(storeId);
      const connectUrl = `/api/stores/${encodeURIComponent(storeId)}/xero/connect`;
      if (!connection) {
        res.json({ state: 'not-connected', action: 'Connect Xero to start booking orders.', connectUrl });
        return;
      }
      if (connection.status !== 'connected') {
        res.json({
          state: 'needs-reconnect',
          problem: connection.lastError,
          action: 'Reconnect Xero: orders wait and are booked as soon as it is connected again.',
          connectUrl,
          tenantName: connection.tenantName,
          since: connection.updatedAt,
        });
        return;
      }
      res.json({
        state: 'connected',
        tenantId: connection.tenantId,
        tenantName: connection.tenantName,
        scopes: connection.scopes.split(' ').filter(Boolean),
        accessTokenExpiresAt: connection.accessTokenExpiresAt,
        updatedAt: connection.updatedAt,
      });
    })
    .all(methodNotAllowed('GET'));

  return router;
}
