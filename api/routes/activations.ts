import { Router } from 'express';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import { generateToken } from '../../lib/secrets';
import { webhookUrlFor } from '../../lib/stores/webhook-url';
import { checkStoreUrl, resolveHost, type ResolveHost } from '../../lib/woocommerce/store-url-policy';
import { issueStoreToken } from '../auth';
import type { ApiRepositories } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import { addLogFields } from '../request-log';
import { baseUrlSchema, requiredText, storeParamsSchema } from '../schemas';
import type { SourceRateLimit } from '../source-rate-limit';
import type { StoreEventStarter } from '../store-event-starter';
import { parseInput } from '../validation';
import type { WcAuthLinks } from '../wc-auth-link';

/** What the plugin sends on activation: exactly what its privacy notice lists, with the admin's consent. */
const activationSchema = z.object({
  storeUrl: baseUrlSchema,
  adminEmail: z.email('must be an e-mail address').max(254, 'must be at most 254 characters'),
  username: requiredText(60),
  userId: z.number({ error: 'must be a WordPress user id' }).int().positive(),
  consent: z.literal(true, { error: 'must be true: the admin agreed to the privacy notice' }),
  /** Where WooCommerce sends the merchant after approving the keys (the plugin's page); the store's admin by default. */
  returnUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** The keys WooCommerce's authorization endpoint posts back (WC_Auth::post_consumer_data). */
const postedKeysSchema = z.object({
  key_id: z.number().int().positive(),
  user_id: z.union([z.string(), z.number()]).transform(String),
  consumer_key: z.string().regex(/^ck_[0-9a-f]{40}$/, 'must be a WooCommerce consumer key'),
  consumer_secret: z.string().regex(/^cs_[0-9a-f]{40}$/, 'must be a WooCommerce consumer secret'),
  key_permissions: z.enum(['read', 'write', 'read_write']),
});

/** Dependencies of the activation routes. */
export interface ActivationRouteDeps {
  config: Pick<AppConfig, 'publicUrl' | 'woo'>;
  repos: Pick<ApiRepositories, 'stores'>;
  storeEvents: StoreEventStarter;
  wcAuth: WcAuthLinks;
  activationLimit: SourceRateLimit;
  resolveHost?: ResolveHost;
}

/**
 * `POST /api/activations` (public, limited per source): the plugin registers a store with its admin's consent and
 * gets the store token once; `POST /api/wc-auth/:storeId/keys`: WooCommerce posts the keys the merchant approved.
 */
export function activationRoutes(deps: ActivationRouteDeps): Router {
  const { config, repos } = deps;
  const router = Router();
  const readBody = jsonBodyReader(JSON_BODY_LIMITS.registration);

  router
    .route('/api/activations')
    .post(async (req, res) => {
      deps.activationLimit.take(req);
      const input = parseInput(activationSchema, await readBody(req, res), 'body');
      const urlProblem = await checkStoreUrl(
        new URL(input.storeUrl),
        config.woo.devHosts,
        deps.resolveHost ?? resolveHost,
      );
      if (urlProblem) {
        throw new ApiError(400, 'validation_failed', 'The request body is invalid.', {
          fields: [{ in: 'body', field: 'storeUrl', message: urlProblem }],
        });
      }
      if ((await repos.stores.liveStoresAt(input.storeUrl)).length > 0) {
        throw new ApiError(
          409,
          'store_already_active',
          'This store is already registered: send "reactivated" with its store token, or uninstall it first.',
        );
      }
      const token = issueStoreToken();
      const store = await repos.stores.createActivated({
        url: input.storeUrl,
        webhookSecret: generateToken('whsec'),
        apiTokenHash: token.secretHash,
        admin: { email: input.adminEmail, username: input.username, wpUserId: input.userId },
        consentedAt: new Date(),
      });
      addLogFields(res, { storeId: store.id });
      res
        .status(201)
        .location(`/api/stores/${encodeURIComponent(store.id)}`)
        .json({
          id: store.id,
          status: store.status,
          apiToken: token.tokenFor(store.id),
          webhookUrl: webhookUrlFor(config.publicUrl, store.id),
          authorizeKeysUrl: deps.wcAuth.authorizeUrl(store, input.returnUrl ?? `${store.url}/wp-admin/`),
          lifecycleUrl: `/api/stores/${encodeURIComponent(store.id)}/lifecycle`,
        });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/api/wc-auth/:storeId/keys')
    .post(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      const keys = parseInput(postedKeysSchema, await readBody(req, res), 'body');
      // The signed user_id proves this service asked for these keys for this store, moments ago.
      if (deps.wcAuth.storeOf(keys.user_id) !== storeId) {
        throw new ApiError(403, 'forbidden', 'These keys were not requested for this store.');
      }
      if (keys.key_permissions !== 'read_write') {
        throw new ApiError(400, 'validation_failed', 'The request body is invalid.', {
          fields: [{ in: 'body', field: 'key_permissions', message: 'must be read_write' }],
        });
      }
      const store = await repos.stores.get(storeId);
      if (!store || store.status === 'uninstalled') throw new ApiError(404, 'not_found', 'No store with this id.');
      const { event } = await deps.storeEvents.record(storeId, 'credentials', {
        consumerKey: keys.consumer_key,
        consumerSecret: keys.consumer_secret,
      });
      addLogFields(res, { storeId });
      // WooCommerce requires 200 from the callback, or it deletes the keys.
      res.status(200).json({ received: true, eventId: event.id });
    })
    .all(methodNotAllowed('POST'));

  return router;
}
