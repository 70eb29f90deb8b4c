import { createHmac, randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { ApiKey } from '../api-keys';
import { sameText } from '../auth';
import { bodyOf, type StoreContext } from '../context';
import { postRaw, unsafeUrlReason } from '../outbound-http';
import { phpJsonEncode } from '../php-json';
import { STORE_ADMIN } from '../users';
import { accessDeniedHtml, grantAccessHtml } from '../wc-auth-pages';
import {
  returnUrlWith,
  validateWcAuthRequest,
  wcAuthUrl,
  wcClean,
  WcAuthError,
  type WcAuthRequest,
} from '../wc-auth-request';

/** How `/wc-auth/v1` reaches the app's callback. */
export interface WcAuthOptions {
  /** Hosts whose callback_url may be plain http (the sandbox's one deviation from WooCommerce; local tests only). */
  httpCallbackHosts: readonly string[];
  /** Apply WordPress's safe-URL rules to the callback POST (`wp_safe_remote_post`). */
  enforceSafeUrls: boolean;
}

const CALLBACK_TIMEOUT_MS = 60_000;
const NONCE_ACTION = 'wc_auth_grant_access';

/**
 * `WC_Auth`'s `/wc-auth/v1/{login,authorize,access_granted}` for the store's administrator, who is always logged in
 * to the sandbox's wp-admin: authorize shows the approval page; access_granted (with the page's nonce) creates a REST
 * key for the administrator, POSTs it to the callback URL, deletes it unless the callback answers exactly 200, and
 * redirects to the return URL with `success=1`.
 */
export function wcAuthRoutes(ctx: StoreContext, opts: WcAuthOptions): Router {
  const router = Router();
  const nonceSalt = randomBytes(16);
  const nonceFor = (userId: number) =>
    createHmac('sha256', nonceSalt).update(`${NONCE_ACTION}|${userId}`).digest('hex').slice(-12, -2);

  const handle = async (req: Request, res: Response): Promise<void> => {
    let created: ApiKey | undefined = undefined;
    try {
      const route = wcClean(String(req.params.route)).toLowerCase();
      const request = validateWcAuthRequest({ ...req.query, ...bodyOf(req) }, opts.httpCallbackHosts);
      const user = STORE_ADMIN;
      if (route === 'login') {
        res.redirect(302, wcAuthUrl(ctx.settings.url, request, 'authorize').toString());
      } else if (route === 'authorize') {
        const granted = wcAuthUrl(ctx.settings.url, request, 'access_granted');
        granted.searchParams.set('wc_auth_nonce', nonceFor(user.id));
        const logout = new URL(`${ctx.settings.url}/wp-login.php?action=logout`);
        logout.searchParams.set('redirect_to', wcAuthUrl(ctx.settings.url, request, 'login').toString());
        res
          .status(200)
          .type('text/html; charset=UTF-8')
          .send(
            grantAccessHtml({
              appName: wcClean(request.appName),
              scope: request.scope,
              grantedUrl: granted.toString(),
              deniedUrl: returnUrlWith(request, 0),
              logoutUrl: logout.toString(),
              user,
            }),
          );
      } else if (route === 'access_granted') {
        const nonce = req.query.wc_auth_nonce;
        if (typeof nonce !== 'string' || !sameText(nonce, nonceFor(user.id))) {
          throw new WcAuthError('Invalid nonce verification');
        }
        created = createKey(request, user.id);
        await postConsumerData(request, created);
        res.redirect(302, returnUrlWith(request, 1));
      } else {
        throw new WcAuthError('You do not have permission to access this page');
      }
    } catch (error) {
      if (created !== undefined) ctx.keys.delete(created.keyId);
      const message = error instanceof WcAuthError ? error.message : 'An unexpected error occurred';
      res.status(401).type('text/html; charset=UTF-8').send(accessDeniedHtml(message));
    }
  };

  /** `create_keys()`: a key for the logged-in user, described "{app} - API ({UTC date})". */
  function createKey(request: WcAuthRequest, userId: number): ApiKey {
    const appName = wcClean(request.appName);
    const trimmed = appName.length > 170 ? `${appName.slice(0, 167)}...` : appName;
    const date = ctx.settings.now().toISOString().slice(0, 19).replace('T', ' ');
    return ctx.keys.create({ userId, permissions: request.scope, description: `${trimmed} - API (${date})` });
  }

  /** `post_consumer_data()`: JSON POST to the callback; a transport error or any status but 200 fails. */
  async function postConsumerData(request: WcAuthRequest, key: ApiKey): Promise<void> {
    if (opts.enforceSafeUrls) {
      const reason = await unsafeUrlReason(request.callbackUrl, ctx.settings.url);
      if (reason !== undefined) throw new WcAuthError(reason);
    }
    const body = {
      key_id: key.keyId,
      user_id: request.userId,
      consumer_key: key.consumerKey,
      consumer_secret: key.consumerSecret,
      key_permissions: key.permissions,
    };
    const headers = {
      'Content-Type': 'application/json;charset=UTF-8',
      'User-Agent': `WordPress/${ctx.settings.wpVersion}; ${ctx.settings.url}`,
    };
    const result = await postRaw(
      request.callbackUrl,
      headers,
      Buffer.from(phpJsonEncode(body), 'utf8'),
      CALLBACK_TIMEOUT_MS,
    );
    if (result.status === 0) throw new WcAuthError((result.error ?? '').replace(/^http_request_failed: /, ''));
    if (result.status !== 200) {
      throw new WcAuthError('An error occurred in the request and at the time were unable to send the consumer data');
    }
  }

  router.get('/wc-auth/v1/:route', handle);
  router.post('/wc-auth/v1/:route', handle);
  router.get('/wc-auth/v1/:route/', handle);
  router.post('/wc-auth/v1/:route/', handle);
  return router;
}
