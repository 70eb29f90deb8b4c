import type {
  AttemptOutcome,
  AttemptStore,
  CreateAttempt,
  XeroConnectionStore,
  XeroConnectionTokens,
} from '../../../lib/xero/ports';
import type { DocumentKind } from '../../../lib/mapping';

/** A stored connection as the tests keep it (a superset of what the token provider reads). */
export interface MemoryConnection extends XeroConnectionTokens {
  storeId: string;
  tenantName: string;
  connectionId: string;
  scopes: string;
  disconnectReason?: string;
}

/** In-memory xeroConnections with a per-store lock that serialises withLock callers like SELECT FOR UPDATE. */
export class MemoryConnectionStore implements XeroConnectionStore<MemoryConnection> {
  readonly rows = new Map<string, MemoryConnection>();
  private readonly locks = new Map<string, Promise<void>>();

  /** Reads a copy of the row. */
  async get(storeId: string): Promise<MemoryConnection | null> {
    const row = this.rows.get(storeId);
    return row ? { ...row } : null;
  }

  /** Writes the row. */
  async save(storeId: string, conn: MemoryConnection): Promise<void> {
    this.rows.set(storeId, { ...conn });
  }

  /** Runs fn after every earlier holder of the store's lock has finished. */
  async withLock<T>(
    storeId: string,
    fn: (current: MemoryConnection | null, save: (conn: MemoryConnection) => Promise<unknown>) => Promise<T>,
  ): Promise<T> {
    const previous = this.locks.get(storeId) ?? Promise.resolve();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.locks.set(
      storeId,
      previous.then(() => held),
    );
    await previous;
    try {
      return await fn(await this.get(storeId), (conn) => this.save(storeId, conn));
    } finally {
      release();
    }
  }

  /** Marks the row disconnected with a reason. */
  async markDisconnected(storeId: string, reason: string): Promise<void> {
    const row = this.rows.get(storeId);
    if (row) this.rows.set(storeId, { ...row, status: 'disconnected', disconnectReason: reason });
  }
}

/** In-memory attempts repository. */
export class MemoryAttemptStore implements AttemptStore {
  readonly rows = new Map<string, CreateAttempt>();

  /** Reads a copy of the attempt. */
  async get(storeId: string, orderId: number, kind: DocumentKind): Promise<CreateAttempt | null> {
    const row = this.rows.get(`${storeId}/${orderId}/${kind}`);
    return row ? { ...row } : null;
  }

  /** Records a new attempt as pending. */
  async begin(storeId: string, orderId: number, kind: DocumentKind, attempt: Omit<CreateAttempt, 'lastOutcome'>) {
    this.rows.set(`${storeId}/${orderId}/${kind}`, { ...attempt, lastOutcome: 'pending' });
  }

  /** Updates the outcome of the recorded attempt. */
  async setOutcome(storeId: string, orderId: number, kind: DocumentKind, outcome: AttemptOutcome) {
    const key = `${storeId}/${orderId}/${kind}`;
    const row = this.rows.get(key);
    if (!row) throw new Error(`no attempt recorded for ${key}`);
    this.rows.set(key, { ...row, lastOutcome: outcome });
  }
}
