import type { NextFunction, Request, Response } from 'express';
import type { DeliveryFaults } from './delivery-queue';

/**
 * Answer with an error instead of processing: a WordPress fatal (500 JSON), a proxy/host page (HTML), or a WordPress
 * REST refusal (401/403/404 JSON, as a security plugin or a removed route answers).
 */
export interface StatusFault {
  status: 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504;
  /** Replaces the default body. */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  latencyMs?: number;
}

/** Delay the request, then process it normally. */
export interface LatencyFault {
  latencyMs: number;
}

/** Destroy the connection without answering (the client sees a network error). */
export interface ResetFault {
  kind: 'reset';
}

/** Any REST fault. */
export type RestFault = StatusFault | LatencyFault | ResetFault;

/** A fault and the REST requests it applies to. */
export interface RestFaultRule {
  /** HTTP method (any when absent), case-insensitive. */
  method?: string;
  /** Tested against the URL path (e.g. `/wp-json/wc/v3/orders/12`); any when absent. */
  path?: RegExp | string;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  count?: number;
  fault: RestFault;
}

const WORDPRESS_FATAL = JSON.stringify({
  code: 'internal_server_error',
  message:
    '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
  additional_errors: [],
});

/** WordPress REST API refusals (`WP_Error` as JSON) for the client-error statuses a fault can answer with. */
const WORDPRESS_REFUSALS: Record<number, { code: string; message: string }> = {
  401: { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.' },
  403: { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.' },
  404: { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' },
};

const REASONS: Record<number, string> = {
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Fault injection for the REST API (queued rules) and for webhook deliveries (reorder, duplicate, drop). */
export class WooFaults {
  private rules: Array<{ method?: string; path?: RegExp; remaining: number; fault: RestFault }> = [];

  constructor(private readonly delivery: DeliveryFaults) {}

  /** Queues a REST fault rule; rules are consumed in the order added. */
  add(rule: RestFaultRule): this {
    const path = typeof rule.path === 'string' ? new RegExp(rule.path) : rule.path;
    this.rules.push({ method: rule.method?.toUpperCase(), path, remaining: rule.count ?? 1, fault: rule.fault });
    return this;
  }

  /** Changes webhook delivery behaviour: reverse each batch, duplicate or silently drop the next N deliveries. */
  webhooks(opts: { reorder?: boolean; duplicateNext?: number; dropNext?: number }): this {
    if (opts.reorder !== undefined) this.delivery.reorder = opts.reorder;
    if (opts.duplicateNext !== undefined) this.delivery.duplicateNext = opts.duplicateNext;
    if (opts.dropNext !== undefined) this.delivery.dropNext = opts.dropNext;
    return this;
  }

  /** Removes every REST rule and resets delivery faults. */
  clear(): void {
    this.rules = [];
    Object.assign(this.delivery, { reorder: false, duplicateNext: 0, dropNext: 0 });
  }

  /** Number of REST rules with uses left. */
  pending(): number {
    return this.rules.length;
  }

  /** Express middleware applying the first matching rule. */
  middleware() {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const rule = this.rules.find(
        (r) => (r.method === undefined || r.method === req.method) && (r.path === undefined || r.path.test(req.path)),
      );
      if (rule === undefined) return next();
      rule.remaining--;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      const { fault } = rule;
      if ('kind' in fault) {
        req.socket.destroy();
        return;
      }
      if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      if (!('status' in fault)) return next();
      const refusal = WORDPRESS_REFUSALS[fault.status];
      if (refusal) {
        res
          .status(fault.status)
          .set(fault.headers ?? {})
          .type(fault.contentType ?? 'application/json; charset=UTF-8')
          .send(fault.body ?? JSON.stringify({ ...refusal, data: { status: fault.status } }));
        return;
      }
      const isFatal = fault.status === 500;
      const reason = REASONS[fault.status] ?? 'Error';
      res
        .status(fault.status)
        .set(fault.headers ?? {})
        .type(fault.contentType ?? (isFatal ? 'application/json; charset=UTF-8' : 'text/html'))
        .send(
          fault.body ??
            (isFatal
              ? WORDPRESS_FATAL
              : `<html><head><title>${fault.status} ${reason}</title></head><body><h1>${fault.status} ${reason}</h1></body></html>`),
        );
    };
  }
}
