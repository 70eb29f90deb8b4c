import { Router } from 'express';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import type { Authenticator } from '../auth';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import { parseInput } from '../validation';

/** Xero's own limits per organisation: an operator may lower the governor's view of them, never exceed them. */
const XERO_CEILINGS = { callsPerMinute: 60, callsPerDay: 5_000, concurrentCalls: 5 } as const;

const tenantParamsSchema = z.object({
  tenantId: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a Xero tenant id (a UUID)'),
});

/** A limit: a whole number from 1 to Xero's ceiling, or null for the service's default. */
function limitField(ceiling: number) {
  return z
    .number({ error: 'must be a whole number or null' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(ceiling, `must be at most ${ceiling} (Xero's own limit)`)
    .nullable()
    .optional();
}

const callLimitsSchema = z
  .object({
    callsPerMinute: limitField(XERO_CEILINGS.callsPerMinute),
    callsPerDay: limitField(XERO_CEILINGS.callsPerDay),
    concurrentCalls: limitField(XERO_CEILINGS.concurrentCalls),
  })
  .strict();

/** Dependencies of the Xero budget routes. */
export interface XeroBudgetRouteDeps {
  config: { xero: Pick<AppConfig['xero'], 'limits'> };
  repos: Pick<ApiRepositories, 'xeroCallBudgets' | 'xeroConnections'>;
  auth: Authenticator;
  now?: () => number;
}

/**
 * `GET /api/xero-organisations/:tenantId/budget` (operator) shows how much of an organisation's Xero quota the
 * governor sees used; `PUT …/limits` replaces the organisation's own limits (null or absent: the default).
 */
export function xeroBudgetRoutes({ config, repos, auth, now = Date.now }: XeroBudgetRouteDeps): Router {
  const router = Router();
  const readBody = jsonBodyReader(JSON_BODY_LIMITS.callLimits);

  const knownTenant = async (params: unknown): Promise<string> => {
    const { tenantId } = parseInput(tenantParamsSchema, params, 'params');
    const stores = await repos.xeroConnections.storesSharingTenant(tenantId, '');
    if (stores.length === 0) throw new ApiError(404, 'not_found', 'No store is connected to this Xero organisation.');
    return tenantId;
  };
  const budgetOf = async (tenantId: string) => {
    const status = await repos.xeroCallBudgets.status(tenantId, config.xero.limits, now());
    return { tenantId, ...status, blockedUntil: status.blockedUntil?.toISOString() ?? null };
  };

  router
    .route('/api/xero-organisations/:tenantId/budget')
    .get(async (req, res) => {
      await auth.requireOperator(req);
      res.json(await budgetOf(await knownTenant(req.params)));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/api/xero-organisations/:tenantId/limits')
    .put(async (req, res) => {
      await auth.requireOperator(req);
      const tenantId = await knownTenant(req.params);
      const limits = parseInput(callLimitsSchema, await readBody(req, res), 'body');
      await repos.xeroCallBudgets.setLimits(tenantId, limits);
      res.json(await budgetOf(tenantId));
    })
    .all(methodNotAllowed('PUT'));

  return router;
}
