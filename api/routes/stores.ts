import { Router } from 'express';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import { generateToken } from '../../lib/secrets';
import { webhookUrlFor } from '../../lib/stores/webhook-url';
import { checkStoreUrl, resolveHost, type ResolveHost } from '../../lib/woocommerce/store-url-policy';
import { issueStoreToken, type Authenticator } from '../auth';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import { addLogFields } from '../request-log';
import { baseUrlSchema, requiredText, storeParamsSchema } from '../schemas';
import { parseInput } from '../validation';

const registerStoreSchema = z.object({
  url: baseUrlSchema,
  consumerKey: requiredText(200),
  consumerSecret: requiredText(200),
});

/** Dependencies of the store routes. */
export interface StoreRouteDeps {
  config: Pick<AppConfig, 'publicUrl' | 'woo'>;
  repos: Pick<ApiRepositories, 'stores' | 'xeroConnections' | 'subscriptions'>;
  auth: Authenticator;
  resolveHost?: ResolveHost;
}

/** `POST /api/stores` (operator) registers a store; `GET /api/stores/:storeId` shows it without secrets. */
export function storeRoutes({ config, repos, auth, resolveHost: resolve = resolveHost }: StoreRouteDeps): Router {
  const router = Router();
  const readBody = jsonBodyReader(JSON_BODY_LIMITS.registration);

  router
    .route('/api/stores')
    .post(async (req, res) => {
      await auth.requireOperator(req);
      const input = parseInput(registerStoreSchema, await readBody(req, res), 'body');
      // The worker will send the store's keys to this URL: https and public addresses only (DEV_STORE_HOSTS aside).
      const urlProblem = await checkStoreUrl(new URL(input.url), config.woo.devHosts, resolve);
      if (urlProblem) {
        throw new ApiError(400, 'validation_failed', 'The request body is invalid.', {
          fields: [{ in: 'body', field: 'url', message: urlProblem }],
        });
      }
      const token = issueStoreToken();
      const webhookSecret = generateToken('whsec');
      const store = await repos.stores.create({ ...input, webhookSecret, apiTokenHash: token.secretHash });
      await repos.subscriptions.startTrial(store.id, new Date());
      const apiToken = token.tokenFor(store.id);
      addLogFields(res, { storeId: store.id });
      res
        .status(201)
        .location(`/api/stores/${encodeURIComponent(store.id)}`)
        .json({ id: store.id, apiToken, webhookUrl: webhookUrlFor(config.publicUrl, store.id), webhookSecret });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/api/stores/:storeId')
    .get(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      const store = await repos.stores.get(storeId);
      if (!store) throw new ApiError(404, 'not_found', 'No store with this id.');
      const connection = await repos.xeroConnections.get(storeId);
      res.json({
        id: store.id,
        url: store.url,
        status: store.status,
        createdAt: store.createdAt,
        webhookUrl: webhookUrlFor(config.publicUrl, store.id),
        xero: connection
          ? {
              connected: connection.status === 'connected',
              status: connection.status,
              tenantId: connection.tenantId,
              tenantName: connection.tenantName,
              lastError: connection.lastError,
              updatedAt: connection.updatedAt,
            }
          : { connected: false },
      });
    })
    .all(methodNotAllowed('GET'));

  return router;
}
