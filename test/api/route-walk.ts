import type express from 'express';

/** A route the app declares: its full path (mount prefixes included) and the methods it has handlers for. */
export interface DeclaredRoute {
  path: string;
  /** Upper-case methods with their own handler; `['*']` for a route that only has an `.all()` handler. */
  methods: string[];
}

/** A layer that is neither a route nor a router: middleware every request under `mountPath` passes through. */
export interface DeclaredMiddleware {
  mountPath: string;
  name: string;
}

/** Everything an Express 5 app's router stack holds, flattened. */
export interface RouteListing {
  routes: DeclaredRoute[];
  middleware: DeclaredMiddleware[];
}

/** The parts of Express 5's (router 2.x) Layer and Route that the walk reads; @types/express predates them. */
interface LayerShape {
  name?: string;
  rawPath?: unknown;
  slash?: boolean;
  route?: { path?: unknown; methods?: Record<string, boolean> };
  handle?: { stack?: LayerShape[] };
}

/** The mount prefix of a `use()` layer ('' for `/`); throws for a RegExp or array mount the walk cannot fill. */
function mountPrefixOf(layer: LayerShape, where: string): string {
  if (layer.slash === true) return '';
  if (typeof layer.rawPath !== 'string') {
    throw new Error(`${where}: a router or middleware mounted at ${String(layer.rawPath)} (not a plain path)`);
  }
  return layer.rawPath.replace(/\/+$/, '');
}

/** Reads `stack` (of the app's router or a nested one) under `prefix` into `into`. */
function walkStack(stack: LayerShape[], prefix: string, into: RouteListing): void {
  for (const layer of stack) {
    const where = `${prefix || '/'} layer ${layer.name ?? '<anonymous>'}`;
    if (layer.route) {
      const { path, methods = {} } = layer.route;
      if (typeof path !== 'string') throw new Error(`${where}: a route on ${String(path)} (not a plain path)`);
      const own = Object.keys(methods)
        .filter((method) => method !== '_all' && methods[method])
        .map((method) => method.toUpperCase());
      into.routes.push({ path: `${prefix}${path}`, methods: own.length > 0 ? own : methods._all ? ['*'] : [] });
    } else if (Array.isArray(layer.handle?.stack)) {
      walkStack(layer.handle.stack, `${prefix}${mountPrefixOf(layer, where)}`, into);
    } else if (layer.name === 'mounted_app') {
      // Express wraps a sub-app (`app.use(path, express())`) without exposing its router: its routes are hidden.
      throw new Error(`${where}: a sub-app, whose routes cannot be listed; mount an express.Router() instead`);
    } else {
      into.middleware.push({ mountPath: `${prefix}${mountPrefixOf(layer, where)}` || '/', name: layer.name ?? '' });
    }
  }
}

/** Lists every route and middleware of an Express 5 app by walking `app.router.stack` and nested routers' stacks. */
export function listAppRoutes(app: express.Express): RouteListing {
  const { router } = app as unknown as { router?: { stack?: LayerShape[] } };
  if (!Array.isArray(router?.stack)) throw new Error('app.router.stack is missing: not an Express 5 app?');
  const listing: RouteListing = { routes: [], middleware: [] };
  walkStack(router.stack, '', listing);
  return listing;
}

/** The names of a path's parameters (`:storeId`, `*rest`), in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/[:*]([A-Za-z_$][\w$]*)/g)].map((match) => match[1] ?? '');
}

/** The path with each parameter replaced by `valueOf(name)` (URL-encoded) and optional `{…}` groups kept. */
export function fillPath(path: string, valueOf: (param: string) => string): string {
  return path
    .replace(/[{}]/g, '')
    .replace(/[:*]([A-Za-z_$][\w$]*)/g, (_, name: string) => encodeURIComponent(valueOf(name)));
}
