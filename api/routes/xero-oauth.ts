import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import type { XeroTenantConnection } from '../../lib/xero/identity-client';
import type { Authenticator } from '../auth';
import type { ApiRepositories, XeroIdentity } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { describeError, type Logger } from '../logger';
import { JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import type { OAuthStateSigner } from '../oauth-state';
import { addLogFields } from '../request-log';
import { requiredText, storeParamsSchema } from '../schemas';
import { parseInput } from '../validation';
import { xeroOAuthFailure } from '../xero-failures';

const optionalText = z.string({ error: 'must be given once' }).max(2048).optional();
const callbackQuerySchema = z.object({
  code: optionalText,
  state: optionalText,
  error: optionalText,
});
const grantedQuerySchema = z.object({ code: requiredText(2048), state: requiredText(2048) });
const chooseTenantSchema = z.object({ tenantId: requiredText(100) });

const stateProblems = {
  malformed: 'The OAuth state is not one this service issued; start the Xero connection again.',
  bad_signature: 'The OAuth state is not one this service issued; start the Xero connection again.',
  expired: 'The Xero connection link has expired; start the Xero connection again.',
} as const;

/** Dependencies of the Xero connection routes. */
export interface XeroOAuthRouteDeps {
  config: Pick<AppConfig, 'xero'>;
  repos: Pick<ApiRepositories, 'stores' | 'xeroConnections'>;
  xeroIdentity: XeroIdentity;
  oauthState: OAuthStateSigner;
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Answers the browser with a short HTML page, and API clients with JSON. */
function sendConnected(
  res: Response,
  result: { storeId: string; tenantName: string; tenants: XeroTenantConnection[] },
) {
  const others = result.tenants.length > 1;
  const json = {
    connected: true,
    storeId: result.storeId,
    tenantName: result.tenantName,
    tenants: result.tenants.map(({ tenantId, tenantName }) => ({ tenantId, tenantName })),
    ...(others ? { chooseTenant: `POST /api/stores/${result.storeId}/xero/tenant {"tenantId": "…"}` } : {}),
  };
  res.set('Cache-Control', 'no-store');
  res.format({
    'application/json': () => res.json(json),
    'text/html': () =>
      res.send(
        `<!doctype html><meta charset="utf-8"><title>Xero connected</title>` +
          `<p>Xero organisation <strong>${escapeHtml(result.tenantName)}</strong> is now connected. You can close this page.</p>` +
          (others
            ? '<p>Several organisations were authorised; another can be chosen from the store settings.</p>'
            : ''),
      ),
    default: () => res.json(json),
  });
}

/** Xero connection: start (`/api/stores/:storeId/xero/connect`), callback (`/oauth/xero/callback`), tenant choice. */
export function xeroOAuthRoutes({ config, repos, xeroIdentity, oauthState, auth, logger }: XeroOAuthRouteDeps): Router {
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
      res.set('Cache-Control', 'no-store').redirect(302, xeroIdentity.buildAuthorizeUrl(oauthState.sign(storeId)));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/oauth/xero/callback')
    .get(async (req, res) => {
      const query = parseInput(callbackQuerySchema, req.query, 'query');
      if (query.error === 'access_denied') {
        throw new ApiError(
          400,
          'xero_access_denied',
          'Access was denied on Xero’s consent screen, so Xero is not connected.',
        );
      }
      if (query.error !== undefined) {
        throw new ApiError(400, 'xero_authorization_failed', 'Xero did not authorise the connection.', {
          xeroError: query.error,
        });
      }
      const { code, state } = parseInput(grantedQuerySchema, query, 'query');
      const verified = oauthState.verify(state);
      if (!verified.ok) {
        const codeName = verified.problem === 'expired' ? 'expired_oauth_state' : 'invalid_oauth_state';
        throw new ApiError(400, codeName, stateProblems[verified.problem]);
      }
      const { storeId } = verified.payload;
      addLogFields(res, { storeId });
      if (!(await repos.stores.get(storeId))) throw new ApiError(404, 'not_found', 'The store no longer exists.');

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
      await repos.xeroConnections.save(storeId, {
        tenantId: chosen.tenantId,
        tenantName: chosen.tenantName,
        connectionId: chosen.id,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        accessTokenExpiresAt: new Date(Date.now() + tokens.expiresInSeconds * 1000),
        scopes: tokens.scope,
      });
      addLogFields(res, { tenantId: chosen.tenantId });
      sendConnected(res, { storeId, tenantName: chosen.tenantName, tenants });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/api/stores/:storeId/xero/tenant')
    .post(async (req, res) => {
      const { storeId } = parseInput(storeParamsSchema, req.params, 'params');
      await auth.requireStoreAccess(req, storeId);
      const { tenantId } = parseInput(chooseTenantSchema, await readTenantChoice(req, res), 'body');
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
