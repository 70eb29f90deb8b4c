import type { Request } from 'express';
import { ApiError } from './errors';

/** Limits how often one source address may call a public route: a fixed window per address, in this process. */
export interface SourceRateLimit {
  /** Counts the request against its source; 429 `rate_limited` (with Retry-After) once the window is used up. */
  take(req: Request): void;
}

/** Creates a limiter allowing `limit` requests per source per `windowMs`. */
export function createSourceRateLimit(limit: number, windowMs: number, now: () => number = Date.now): SourceRateLimit {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    take(req) {
      const at = now();
      // Forget finished windows now and then, so the map stays as small as the set of recent sources.
      if (windows.size > 10_000) for (const [key, w] of windows) if (at - w.startedAt >= windowMs) windows.delete(key);
      const source = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const current = windows.get(source);
      const window = current && at - current.startedAt < windowMs ? current : { startedAt: at, count: 0 };
      window.count += 1;
      windows.set(source, window);
      if (window.count > limit) {
        const retryAfter = Math.ceil((window.startedAt + windowMs - at) / 1000);
        throw new ApiError(429, 'rate_limited', 'Too many activations from this address; try again later.', undefined, {
          'Retry-After': String(retryAfter),
        });
      }
    },
  };
}
