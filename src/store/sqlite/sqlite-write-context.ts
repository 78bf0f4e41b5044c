import type { NewFeedEvent } from '../../domain/feed/feed-event.js';

/** The feed append the SQLite table modules (lists, ratings, disputes) share with the store, in the caller's transaction. */
export interface SqliteWriteContext {
  appendFeed(event: NewFeedEvent): void;
}
