/** Delivery faults a test can turn on: reorder each batch, duplicate or silently drop the next N jobs. */
export interface DeliveryFaults {
  reorder: boolean;
  duplicateNext: number;
  dropNext: number;
}

interface Job {
  key: string;
  webhookId: number;
  arg: number;
  due: number;
}

/**
 * Action Scheduler as WooCommerce uses it for webhooks: one async job per (webhook, resource id); a job that is
 * still pending absorbs later events for the same pair (PR #22088). Jobs run after `delayMs`, with no retries.
 */
export class DeliveryQueue {
  private readonly pending = new Map<string, Job>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly delayMs: number,
    private readonly run: (webhookId: number, arg: number) => Promise<void>,
    readonly faults: DeliveryFaults = { reorder: false, duplicateNext: 0, dropNext: 0 },
  ) {}

  /** Queues a delivery unless one for the same webhook and resource is already pending. */
  enqueue(webhookId: number, arg: number): void {
    if (this.closed) return;
    const key = `${webhookId}:${arg}`;
    if (this.pending.has(key)) return;
    this.pending.set(key, { key, webhookId, arg, due: Date.now() + this.delayMs });
    this.schedule();
  }

  /** Number of jobs waiting to run. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves when no job is pending or running. */
  waitForIdle(timeoutMs: number): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        reject(new Error(`webhook queue still busy after ${timeoutMs} ms (${this.pending.size} pending)`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timeout);
        resolve();
      };
      this.idleWaiters.push(done);
    });
  }

  /** Stops the queue; pending jobs are dropped. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return this.pending.size === 0 && !this.running;
  }

  private schedule(): void {
    if (this.running || this.timer || this.pending.size === 0 || this.closed) return;
    const next = Math.min(...[...this.pending.values()].map((job) => job.due));
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.runDue();
      },
      Math.max(0, next - Date.now()),
    );
  }

  private async runDue(): Promise<void> {
    this.running = true;
    const now = Date.now();
    const batch = [...this.pending.values()].filter((job) => job.due <= now);
    for (const job of batch) this.pending.delete(job.key);
    if (this.faults.reorder) batch.reverse();
    for (const job of batch) {
      if (this.closed) break;
      if (this.faults.dropNext > 0) {
        this.faults.dropNext--;
        continue;
      }
      const times = this.faults.duplicateNext > 0 ? 2 : 1;
      if (times === 2) this.faults.duplicateNext--;
      for (let i = 0; i < times; i++) {
        try {
          await this.run(job.webhookId, job.arg);
        } catch (error) {
          console.error('woo sandbox: webhook job failed', error);
        }
      }
    }
    this.running = false;
    this.schedule();
    this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (!this.isIdle() && !this.closed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
