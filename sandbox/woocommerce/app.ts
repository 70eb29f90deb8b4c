import express, { type NextFunction, type Request, type Response } from 'express';
import { authenticate } from './auth';
import type { StoreContext } from './context';
import type { WooFaults } from './faults';
import { sendError, sendRest } from './respond';
import { noRoute, RestError } from './rest-errors';
import { noteRoutes } from './routes/notes';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { refundRoutes } from './routes/refunds';
import { settingsRoutes } from './routes/settings';
import { taxRoutes } from './routes/taxes';
import { wcAuthRoutes, type WcAuthOptions } from './routes/wc-auth';
import { webhookRoutes } from './routes/webhooks';

const REST_BASE = '/wp-json/wc/v3';

/** The fake store's HTTP app: faults first, the `/wc-auth/v1` handshake, then REST authentication and `wc/v3`. */
export function createWooApp(ctx: StoreContext, faults: WooFaults, wcAuth: WcAuthOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(plainPermalinkRoute);
  app.use(faults.middleware());
  app.use(express.json({ type: ['application/json', '*/*+json'], limit: '5mb' }));
  app.use(express.urlencoded({ extended: true }));
  app.use(invalidJson);
  app.use(wcAuthRoutes(ctx, wcAuth));
  app.use('/wp-json/wc', (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.caller = authenticate(req, ctx.keys, ctx.users);
      next();
    } catch (error) {
      sendError(res, error);
    }
  });
  app.get(REST_BASE, (_req, res) => sendRest(res, 200, { namespace: 'wc/v3', routes: {} }));
  app.use(
    REST_BASE,
    orderRoutes(ctx),
    noteRoutes(ctx),
    refundRoutes(ctx),
    productRoutes(ctx),
    taxRoutes(ctx),
    settingsRoutes(ctx),
    webhookRoutes(ctx),
  );
  app.use((_req: Request, res: Response) => sendError(res, noRoute()));
  return app;
}

/** `/?rest_route=/wc/v3/orders` is how WordPress serves the REST API without pretty permalinks. */
function plainPermalinkRoute(req: Request, _res: Response, next: NextFunction): void {
  const url = new URL(req.url, 'http://store.invalid');
  const restRoute = url.searchParams.get('rest_route');
  if (url.pathname === '/' && restRoute !== null) {
    url.searchParams.delete('rest_route');
    req.url = `/wp-json${restRoute}${url.search}`;
  }
  next();
}

function invalidJson(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (error instanceof SyntaxError) {
    sendError(
      res,
      new RestError(400, 'rest_invalid_json', 'Invalid JSON body passed.', {
        json_error_code: 4,
        json_error_message: 'Syntax error',
      }),
    );
    return;
  }
  next(error);
}
