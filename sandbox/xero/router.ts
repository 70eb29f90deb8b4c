import type { SandboxRequest, SandboxResponse } from './http-types';

/** A route handler: a request (with params filled in) and a context in, a response out. */
export type Handler<C> = (req: SandboxRequest, ctx: C) => SandboxResponse | Promise<SandboxResponse>;

interface Route<C> {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler<C>;
}

/** Result of matching: the handler and captured params, 'method' when only the method is wrong, or undefined. */
export type RouteMatch<C> = { handler: Handler<C>; params: Record<string, string> } | 'method' | undefined;

/** Minimal case-insensitive router for paths like `/Invoices/:id` (Xero paths ignore case). */
export class Router<C> {
  private readonly routes: Array<Route<C>> = [];

  /** Registers a handler for a method and path template. */
  on(method: string, template: string, handler: Handler<C>): this {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`, 'i'), names, handler });
    return this;
  }

  /** Finds the route for a method and path. */
  match(method: string, path: string): RouteMatch<C> {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}
