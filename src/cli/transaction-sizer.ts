/**
 * How many records the next transaction of a bulk load takes, so that each holds the store
 * about `budgetMs`: measured from the transactions before it, as the store's speed changes
 * (a cold cache, a checkpoint, a server's checks in between).
 */
export class TransactionSizer {
  private next: number;

  constructor(
    private readonly budgetMs: number,
    private readonly limits: { readonly min: number; readonly max: number },
  ) {
    this.next = limits.min;
  }

  /** Records for the next transaction. */
  get size(): number {
    return this.next;
  }

  /** A transaction of `records` took `ms`. */
  took(records: number, ms: number): void {
    const fitting = (this.budgetMs * records) / Math.max(ms, 0.01);
    // Halfway there: one slow commit (an fsync that waited) does not halve the next at once.
    this.next = Math.round(Math.min(this.limits.max, Math.max(this.limits.min, (this.next + fitting) / 2)));
  }
}
