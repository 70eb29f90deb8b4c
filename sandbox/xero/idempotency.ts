import { createHash } from 'node:crypto';
import type { SandboxClock } from './clock';
import { requestValidationError } from './errors';
import { jsonResponse, type SandboxRequest, type SandboxResponse } from './http-types';
import { messages } from './messages';

/** Xero keeps a key for 6 minutes from the first call. */
export const IDEMPOTENCY_WINDOW_MS = 6 * 60 * 1000;
/** Longest key Xero accepts. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;
const IDEMPOTENT_METHODS = new Set(['PUT', 'POST', 'PATCH']);

interface Entry {
  fingerprint: string;
  firstSeen: number;
  /** Settles with the stored response; pending while the first request is still being processed. */
  response: Promise<SandboxResponse>;
  /** False while the first request is still being processed. */
  settled: boolean;
}

/** Method, full URL and a hash of the exact body bytes: what must match for a replay. */
function fingerprint(req: SandboxRequest): string {
  const bodyHash = createHash('sha256').update(req.rawBody).digest('hex');
  return `${req.method} ${req.path}?${req.query.toString()} ${bodyHash}`;
}

/** 409 for a key whose first request has not been answered yet (problem-details shape, like Xero's 401/403). */
function keyInFlight(key: string): SandboxResponse {
  return jsonResponse(409, {
    Type: null,
    Title: 'Conflict',
    Status: 409,
    Detail: messages.idempotencyKeyInFlight(key),
  });
}

/** Idempotency-Key store per (client app, key), on the sandbox clock. */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: SandboxClock) {}

  /**
   * Runs process() at most once per (client, key) inside the window: an identical request replays the stored
   * response, a different request gets 400, and requests without a key or with GET/DELETE are processed
   * directly. A request arriving while the first with its key is still being processed gets 409 and is not
   * processed (Xero documents nothing here; this is the strictest plausible behaviour, see sandbox-xero.md).
   */
  async run(
    clientId: string,
    req: SandboxRequest,
    process: () => Promise<SandboxResponse>,
  ): Promise<{ response: SandboxResponse; replayed: boolean }> {
    const key = req.headers['idempotency-key'];
    if (key === undefined || !IDEMPOTENT_METHODS.has(req.method)) return { response: await process(), replayed: false };
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return { response: requestValidationError(messages.idempotencyKeyTooLong(key)), replayed: false };
    }
    const storeKey = `${clientId}\u0000${key}`;
    const now = this.clock.now();
    this.purge(now);
    const existing = this.entries.get(storeKey);
    if (existing && now - existing.firstSeen < IDEMPOTENCY_WINDOW_MS) {
      if (existing.fingerprint !== fingerprint(req)) {
        return { response: requestValidationError(messages.idempotencyMismatch(key)), replayed: false };
      }
      if (!existing.settled) return { response: keyInFlight(key), replayed: false };
      return { response: await existing.response, replayed: true };
    }
    const response = process();
    const entry: Entry = { fingerprint: fingerprint(req), firstSeen: now, response, settled: false };
    this.entries.set(storeKey, entry);
    try {
      const answered = await response;
      entry.settled = true;
      return { response: answered, replayed: false };
    } catch (error) {
      this.entries.delete(storeKey);
      throw error;
    }
  }

  /** Forgets keys whose window has ended, so long benchmark runs do not grow the store without bound. */
  private purge(now: number): void {
    if (this.entries.size < 1000) return;
    for (const [key, entry] of this.entries)
      if (now - entry.firstSeen >= IDEMPOTENCY_WINDOW_MS) this.entries.delete(key);
  }
}
