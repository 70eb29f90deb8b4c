/** Id sequences of the fake store: posts (products, orders, refunds) share one, like WordPress's posts table. */
export class IdSequences {
  private readonly next: Record<'post' | 'orderItem' | 'comment' | 'meta' | 'webhook', number> = {
    post: 100,
    orderItem: 1,
    comment: 1,
    meta: 1000,
    webhook: 1,
  };

  /** Takes the next id of a sequence. */
  take(kind: keyof IdSequences['next']): number {
    return this.next[kind]++;
  }
}
