/** Id sequences of the fake store: posts (products, orders, refunds) share one, like WordPress's posts table. */
export class IdSequences {
  private readonly next: Record<'post' | 'orderItem' | 'comment' | 'meta' | 'webhook' | 'term', number> = {
    post: 100,
    orderItem: 1,
    comment: 1,
    meta: 1000,
    webhook: 1,
    // Term 15 is the default "Uncategorized" product category.
    term: 16,
  };

  /** Takes the next id of a sequence. */
  take(kind: keyof IdSequences['next']): number {
    return this.next[kind]++;
  }
}
