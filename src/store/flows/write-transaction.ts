import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import type { EntryChange, OpenedEntry, RemovalRequest, VersionedEntry } from '../../domain/lists/entry-writes.js';
import type { ListEntry } from '../../domain/lists/list-entry.js';
import type { OutboxMessage } from '../../domain/notifications/outbox-message.js';
import type { RecordVersion, StorableSubmission, StoredRecord } from '../../domain/records/record.js';
import type { SubjectKind } from '../../domain/subject-kind.js';
import type { Answer } from './steps.js';

type Identifier = { readonly scheme: string; readonly value: string };

/** A record stored under an (institution, sourceRef) pair, with the hash of the body it was stored with. */
export interface TakenSource {
  readonly id: string;
  readonly bodyHash: string;
}

/** One string for an (institution, sourceRef) pair, to key maps by. */
export const sourceKey = (source: { readonly institution: string; readonly sourceRef: string }): string =>
  `${source.institution}\u0000${source.sourceRef}`;

export interface NewSubject {
  readonly id: string;
  readonly kind: SubjectKind;
  readonly identifier: Identifier;
  /** The name the public lookup shows (publicName: null for a person). */
  readonly publicName: string | null;
}

/** A new record: its first version is the submission, recorded at the batch's time. */
export interface NewRecord {
  readonly id: string;
  readonly subjectId: string;
  readonly item: StorableSubmission;
}

/**
 * The unit of work the write flows (flows/) run in: one open write transaction of one store,
 * giving the rows it reads and taking the rows the flow decided to write. Each adapter only
 * reads and persists; what to write, and in what order, is decided once, by the flows.
 */
export interface WriteTransaction {
  /** Makes concurrent writers take turns from here (PostgreSQL's feed lock; SQLite's write lock is already held). */
  lockFeed(): Answer<void>;
  /** The records stored under these pairs, by sourceKey. */
  takenSources(
    sources: readonly { readonly institution: string; readonly sourceRef: string }[],
  ): Answer<Map<string, TakenSource>>;
  /** The subjects these identifiers name, by identifierKey; unknown identifiers are missing. */
  subjectIdsOf(identifiers: readonly Identifier[]): Answer<Map<string, string>>;
  insertSubjects(subjects: readonly NewSubject[], at: string): Answer<void>;
  insertRecords(records: readonly NewRecord[], recordedAt: string): Answer<void>;
  /** The record with all its versions, locked against concurrent new versions until the end of the transaction. */
  lockedRecord(id: string): Answer<StoredRecord | undefined>;
  insertVersion(record: StoredRecord, version: RecordVersion): Answer<void>;
  insertListEntries(opened: readonly OpenedEntry[]): Answer<void>;
  /** Ends the open entries each request names (see RemovalRequest), recording the removal at `recordedAt`. */
  endListEntries(requests: readonly RemovalRequest[], recordedAt: string): Answer<EntryChange[]>;
  /** The entries a record opened or removed, in id order, locked until the end of the transaction. */
  entriesOfRecord(recordId: string): Answer<ListEntry[]>;
  /** Rewrites entries a new version changed; `removalRecorded` set: the removal's recorded time becomes `at`. */
  updateListEntries(changes: readonly VersionedEntry[], at: string): Answer<void>;
  insertMessages(messages: readonly OutboxMessage[]): Answer<void>;
  /** Appends events with the next sequence numbers (in PostgreSQL, locks the feed until commit). */
  appendFeed(events: readonly NewFeedEvent[]): Answer<void>;
  appendAudit(drafts: readonly AuditDraft[]): Answer<void>;
}
