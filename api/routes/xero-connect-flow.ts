import express, { Router } from 'express';
import { bodyReader, JSON_BODY_LIMITS, jsonBodyReader } from '../json-body';
import { z } from 'zod';
import type { AppConfig } from '../../lib/config';
import type { NewXeroConnection } from '../../lib/db';
import type { XeroTenantConnection } from '../../lib/xero/identity-client';
import { bindConnectBrowser, hashConnectSecret, readConnectSecret } from '../connect-browser';
import type { ApiRepositories, XeroIdentity } from '../dependencies';
import { ApiError, methodNotAllowed } from '../errors';
import { OAUTH_STATE_TTL_MS, type OAuthStateSigner } from '../oauth-state';
import { addLogFields } from '../request-log';
import { requiredText } from '../schemas';
import { parseInput } from '../validation';
import { announceSyncMayResume, type StoreEventStarter } from '../store-event-starter';
import { sendConnected, sendKept } from '../xero-connect-pages';
import { refuseSharedIdentities } from '../shared-organisation-guard';

// The confirmation comes as the page's form post, or as JSON from an API client; each parser reads only its type.
const readForm = bodyReader(express.urlencoded({ extended: false, limit: JSON_BODY_LIMITS.confirmation }));
const readJson = jsonBodyReader(JSON_BODY_LIMITS.confirmation);

/** Where the merchant's browser starts a Xero connection (the link `GET /api/stores/:id/xero/connect` gives). */
export const START_PATH = '/oauth/xero/start';
/** Where the merchant answers whether to replace a connection to another organisation. */
export const CONFIRM_PATH = '/oauth/xero/confirm';

/** What a flow holds while the merchant decides whether to replace the store's organisation. */
export interface PendingConnection {
  connection: NewXeroConnection;
  tenants: XeroTenantConnection[];
}

/** The one-time start URL of a connect flow. */
export function connectStartUrl(publicUrl: string, nonce: string): string {
  return `${publicUrl}${START_PATH}?flow=${encodeURIComponent(nonce)}`;
}

const startQuerySchema = z.object({ flow: requiredText(100) });
const confirmBodySchema = z.object({ flow: requiredText(100), decision: z.enum(['replace', 'keep']) });

/** Dependencies of the browser-facing connect routes. */
export interface XeroConnectFlowDeps {
  config: Pick<AppConfig, 'xero' | 'publicUrl'>;
  repos: Pick<ApiRepositories, 'stores' | 'xeroConnections' | 'xeroConnectFlows' | 'settings'>;
  xeroIdentity: XeroIdentity;
  oauthState: OAuthStateSigner;
  /** Wakes the store's orders waiting for a reconnect once Xero is connected. */
  storeEvents?: StoreEventStarter;
}

/** `GET /oauth/xero/start` binds the flow to the browser and goes to Xero; `POST /oauth/xero/confirm` decides. */
export function xeroConnectFlowRoutes({
  config,
  repos,
  xeroIdentity,
  oauthState,
  storeEvents,
}: XeroConnectFlowDeps): Router {
  const router = Router();
  const secure = config.publicUrl.startsWith('https:');

  router
    .route(START_PATH)
    .get(async (req, res) => {
      const { flow } = parseInput(startQuerySchema, req.query, 'query');
      const browserHash = bindConnectBrowser(req, res, { secure, maxAgeMs: OAUTH_STATE_TTL_MS });
      const bound = await repos.xeroConnectFlows.bindBrowser(flow, browserHash);
      if (!bound) {
        throw new ApiError(
          400,
          'expired_oauth_state',
          'This Xero connection link has expired or was already opened; start the Xero connection again from your store.',
        );
      }
      addLogFields(res, { storeId: bound.storeId });
      res
        .set('Cache-Control', 'no-store')
        .redirect(302, xeroIdentity.buildAuthorizeUrl(oauthState.sign(bound.storeId, flow)));
    })
    .all(methodNotAllowed('GET'));

  router
    .route(CONFIRM_PATH)
    .post(async (req, res) => {
      const invalid = () =>
        new ApiError(
          400,
          'oauth_confirmation_invalid',
          'Nothing is waiting for confirmation in this browser (expired or already answered); connect Xero again.',
        );
      // The browser's cookie is the caller's identity: without it nothing is read, let alone parsed.
      const secret = readConnectSecret(req);
      if (!secret) throw invalid();
      await readForm(req, res);
      const { flow, decision } = parseInput(confirmBodySchema, await readJson(req, res), 'body');
      const taken = await repos.xeroConnectFlows.takePending(flow, hashConnectSecret(secret));
      if (!taken) throw invalid();
      addLogFields(res, { storeId: taken.storeId });
      const store = await repos.stores.get(taken.storeId);
      if (!store) throw new ApiError(404, 'not_found', 'The store no longer exists.');
      const pending = JSON.parse(taken.pending) as PendingConnection;
      const connection = {
        ...pending.connection,
        accessTokenExpiresAt: new Date(pending.connection.accessTokenExpiresAt),
      };
      if (decision === 'keep') {
        const current = await repos.xeroConnections.get(store.id);
        sendKept(res, { store, tenantName: current?.tenantName ?? '' });
        return;
      }
      await refuseSharedIdentities(repos, store, connection.tenantId);
      await repos.xeroConnections.save(store.id, connection);
      await announceSyncMayResume(storeEvents, store.id);
      addLogFields(res, { tenantId: connection.tenantId });
      sendConnected(res, { store, tenantName: connection.tenantName, tenants: pending.tenants });
    })
    .all(methodNotAllowed('POST'));

  return router;
}
