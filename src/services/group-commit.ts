/**
 * Collects items that arrive while a write is in flight and writes them together,
 * so many callers share one transaction (and one fsync) instead of queueing for one
 * each. Every caller's promise settles only once its item is durable.
 */
export class GroupCommit<T> {
  private queue: { item: T; resolve: (seq: number) => void; reject: (error: unknown) => void }[] = [];
  private tail: Promise<void> = Promise.resolve();

  /** `write` stores a batch in one transaction and resolves with the first item's position. */
  constructor(private readonly write: (items: readonly T[]) => Promise<number>) {}

  /** Resolves with the item's position once it is durable. */
  add(item: T): Promise<number> {
    return this.addAll([item]);
  }

  /** Resolves with the first item's position once all of them are durable; they are written in one group. */
  addAll(items: readonly T[]): Promise<number> {
    if (items.length === 0) return this.tail.then(() => -1);
    return new Promise((resolve, reject) => {
      const wasEmpty = this.queue.length === 0;
      items.forEach((item, i) =>
        this.queue.push({ item, resolve: i === 0 ? resolve : ignore, reject: i === 0 ? reject : ignore }),
      );
      // The first item of a group schedules its flush behind the one in flight, and after the
      // I/O callbacks of this turn of the event loop (setImmediate), so that requests read in
      // the same turn ride along: with a synchronous store the flush blocks the loop, and a
      // flush in a microtask would commit every request on its own.
      if (wasEmpty) this.tail = this.tail.then(nextTurn).then(() => this.flush());
    });
  }

  /** Resolves once everything added so far is written. */
  drain(): Promise<void> {
    return this.tail;
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      const first = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(first + i));
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const ignore = (): void => {};
