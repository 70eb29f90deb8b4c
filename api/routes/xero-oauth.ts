import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import type { Authenticator } from '../auth';
import type { ApiRepositories, XeroIdentity } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { describeError, type Logger } from '../logger';
import { hashConnectSecret, readConnectSecret } from '../connect-browser';
import { JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import { OAUTH_STATE_TTL_MS, type OAuthStateSigner } from '../oauth-state';
import { addLogFields } from '../request-log';
import { requiredText, storeParamsSchema } from '../schemas';
import { parseInput } from '../validation';
import { announceSyncMayResume, type StoreEventStarter } from '../store-event-starter';
import { sendConsentRefusal } from '../xero-consent-refusal';
import { xeroOAuthFailure } from '../xero-failures';
import { sendConnected, sendReplaceQuestion } from '../xero-connect-pages';
import { refuseSharedIdentities } from '../shared-organisation-guard';
import { CONFIRM_PATH, connectStartUrl, type PendingConnection } from './xero-connect-flow';

const optionalText = z.string({ error: 'must be given once' }).max(2048).optional();
const callbackQuerySchema = z.object({
  code: optionalText,
  state: optionalText,
  error: optionalText,
  error_description: optionalText,
});
const grantedQuerySchema = z.object({ code: requiredText(2048), state: requiredText(2048) });
const chooseTenantSchema = z.object({ tenantId: requiredText(100) });

const stateProblems = {
  malformed: 'The OAuth state is not one this service issued; start the Xero connection again.',
  bad_signature: 'The OAuth state is not one this service issued; start the Xero connection again.',
  expired: 'The Xero connection link has expired; start the Xero connection again.',
} as const;

const flowRefusals = {
  unknown: ['expired_oauth_state', 'The Xero connection link has expired; start the Xero connection again.'],
  other_browser: [
    'oauth_browser_mismatch',
    'This Xero connection was started in another browser; start it again from your store, in this browser.',
  ],
  used: ['oauth_state_used', 'This Xero connection link was already used; start the Xero connection again.'],
} as const;

/** Dependencies of the Xero connection routes. */
export interface XeroOAuthRouteDeps {
  config: Pick<AppConfig, 'xero' | 'publicUrl'>;
  repos: Pick<ApiRepositories, 'stores' | 'xeroConnections' | 'xeroConnectFlows' | 'settings'>;
  xeroIdentity: XeroIdentity;
  oauthState: OAuthStateSigner;
  /** Wakes the store's orders waiting for a reconnect once Xero is connected. */
  storeEvents?: StoreEventStarter;
  auth: Authenticator;
  logger: Logger;
}

/** The `authentication_event_id` claim of a Xero access token (a JWT), to list only this consent's tenants. */
function authEventIdOf(accessToken: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    const id = (claims as { authentication_event_id?: unknown }).authentication_event_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Xero connection: link (`/api/stores/:storeId/xero/connect`), callback (`/oauth/xero/callback`), tenant choice. */
export function xeroOAuthRoutes({
  config,
  repos,
  xeroIdentity,
  oauthState,
  auth,
  logger,
  storeEvents,
}: XeroOAuthRouteDeps): Router {
  const router = Router();
  const readTenantChoice = jsonBodyReader(JSON_BODY_LIMITS.tenantChoice);

  router
    .route('/api/stores/:storeId/xero/connect')
    .get(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      if (!config.xero.clientId || !config.xero.clientSecret) {
        throw new ApiError(503, 'xero_not_configured', 'Xero is not configured on this service (XERO_CLIENT_ID).');
      }
      if (!(await repos.stores.get(storeId))) throw new ApiError(404, 'not_found', 'No store with this id.');
      // The merchant's browser opens this one-time start URL, which binds the flow to it with a cookie.
      const nonce = randomBytes(32).toString('base64url');
      await repos.xeroConnectFlows.create(nonce, storeId, new Date(Date.now() + OAUTH_STATE_TTL_MS));
      res.set('Cache-Control', 'no-store').redirect(302, connectStartUrl(config.publicUrl, nonce));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/oauth/xero/callback')
    .get(async (req, res) => {
      const query = parseInput(callbackQuerySchema, req.query, 'query');
      if (query.error !== undefined) return sendConsentRefusal(res, query.error, query.error_description);
      const { code, state } = parseInput(grantedQuerySchema, query, 'query');
      const verified = oauthState.verify(state);
      if (!verified.ok) {
        const codeName = verified.problem === 'expired' ? 'expired_oauth_state' : 'invalid_oauth_state';
        throw new ApiError(400, codeName, stateProblems[verified.problem]);
      }
      const { storeId, nonce } = verified.payload;
      addLogFields(res, { storeId });
      const secret = readConnectSecret(req);
      const taken = secret
        ? await repos.xeroConnectFlows.consume(nonce, storeId, hashConnectSecret(secret))
        : ({ ok: false, refusal: 'other_browser' } as const);
      if (!taken.ok) {
        const [code, message] = flowRefusals[taken.refusal];
        throw new ApiError(400, code, message);
      }
      const store = await repos.stores.get(storeId);
      if (!store) throw new ApiError(404, 'not_found', 'The store no longer exists.');

      let tokens, tenants;
      try {
        tokens = await xeroIdentity.exchangeCode(code);
        tenants = await xeroIdentity.listConnections(tokens.accessToken, authEventIdOf(tokens.accessToken));
      } catch (error) {
        logger.warn('xero connect failed', { storeId, error: describeError(error) });
        throw xeroOAuthFailure(error);
      }
      const chosen = tenants.find((t) => t.tenantType === 'ORGANISATION') ?? tenants[0];
      if (!chosen) {
        throw new ApiError(
          400,
          'xero_no_organisation',
          'No Xero organisation was authorised; connect again and pick one.',
        );
      }
      const connection = {
        tenantId: chosen.tenantId,
        tenantName: chosen.tenantName,
        connectionId: chosen.id,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        accessTokenExpiresAt: new Date(Date.now() + tokens.expiresInSeconds * 1000),
        scopes: tokens.scope,
      };
      addLogFields(res, { tenantId: chosen.tenantId });
      await refuseSharedIdentities(repos, store, chosen.tenantId);
      const current = await repos.xeroConnections.get(storeId);
      if (current && current.tenantId !== chosen.tenantId) {
        // Another organisation would replace the one the store books into: ask the merchant first.
        const pending: PendingConnection = { connection, tenants };
        await repos.xeroConnectFlows.holdPending(
          nonce,
          JSON.stringify(pending),
          new Date(Date.now() + OAUTH_STATE_TTL_MS),
        );
        sendReplaceQuestion(res, {
          store,
          currentTenantName: current.tenantName,
          tenantName: chosen.tenantName,
          flow: nonce,
          confirmPath: CONFIRM_PATH,
        });
        return;
      }
      await repos.xeroConnections.save(storeId, connection);
      await announceSyncMayResume(storeEvents, storeId);
      sendConnected(res, { store, tenantName: chosen.tenantName, tenants });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/api/stores/:storeId/xero/tenant')
    .post(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      const { tenantId } = parseInput(chooseTenantSchema, await readTenantChoice(req, res), 'body');
      // Before the connection lock (a transaction): only this store's numbering and the tenant's other stores matter.
      const store = await repos.stores.get(storeId);
      if (store) await refuseSharedIdentities(repos, store, tenantId);
      // Under the connection lock, so a concurrent token refresh is never overwritten with stale tokens.
      const chosen = await repos.xeroConnections.withLock(storeId, async (current, save) => {
        if (!current || current.status !== 'connected') {
          throw new ApiError(409, 'xero_not_connected', 'Connect Xero before choosing an organisation.');
        }
        let tenants;
        try {
          tenants = await xeroIdentity.listConnections(current.accessToken);
        } catch (error) {
          throw xeroOAuthFailure(error);
        }
        const tenant = tenants.find((t) => t.tenantId === tenantId);
        if (!tenant) {
          throw new ApiError(400, 'unknown_tenant', 'This Xero organisation was not authorised for the connection.', {
            tenants: tenants.map((t) => ({ tenantId: t.tenantId, tenantName: t.tenantName })),
          });
        }
        await save({ ...current, tenantId: tenant.tenantId, tenantName: tenant.tenantName, connectionId: tenant.id });
        return tenant;
      });
      res.json({ connected: true, tenantId: chosen.tenantId, tenantName: chosen.tenantName });
    })
    .all(methodNotAllowed('POST'));

  return router;
}
