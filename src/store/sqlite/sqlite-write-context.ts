import type { SubjectKind } from '../../domain/subject-kind.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';

/**
 * Subject and feed writes the SQLite table modules (lists, ratings) share with the store, inside
 * the caller's transaction.
 */
export interface SqliteWriteContext {
  subjectIdOf(scheme: string, value: string): string | undefined;
  /** Inserts a subject with its identifier and its subject.created feed event. */
  createSubject(
    id: string,
    kind: SubjectKind,
    identifier: { readonly scheme: string; readonly value: string; readonly name?: string | null | undefined },
    at: string,
  ): void;
  appendFeed(event: NewFeedEvent): void;
}
