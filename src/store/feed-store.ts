import type { FeedEvent } from '../domain/feed/feed-event.js';

/** The ordered, gap-free change feed. Each method is one transaction. */
export interface FeedStore {
  /** Feed events with seq > after, in order. */
  feed(after: number, limit: number): Promise<FeedEvent[]>;
  /** The seq of the last event (0 before the first): one row read, however large the store. */
  feedHead(): Promise<number>;
}
