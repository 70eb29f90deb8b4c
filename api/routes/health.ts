import { Router } from 'express';
import type { HealthChecks } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';

const CHECK_TIMEOUT_MS = 3000;

/** Resolves 'ok' or 'failed' for one probe, never waiting longer than the timeout. */
async function probe(check: () => Promise<void>): Promise<'ok' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /healthz` (the process is up) and `GET /readyz` (database and Temporal answer). */
export function healthRoutes(health: HealthChecks): Router {
  const router = Router();

  router
    .route('/healthz')
    .get((_req, res) => {
      res.json({ ok: true });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/readyz')
    .get(async (_req, res) => {
      const [database, temporal] = await Promise.all([
        probe(() => health.checkDatabase()),
        probe(() => health.checkTemporal()),
      ]);
      const checks = { database, temporal };
      const failed = Object.entries(checks)
        .filter(([, result]) => result === 'failed')
        .map(([name]) => name);
      if (failed.length > 0) {
        throw new ApiError(503, 'not_ready', `Not ready: ${failed.join(' and ')} unavailable.`, { checks });
      }
      res.json({ ok: true, checks });
    })
    .all(methodNotAllowed('GET'));

  return router;
}
