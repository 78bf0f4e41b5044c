import type Database from 'better-sqlite3';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import { identifierKey } from '../../domain/identifiers/identifier-key.js';
import type { EntryChange, OpenedEntry, RemovalRequest, VersionedEntry } from '../../domain/lists/entry-writes.js';
import type { ListEntry } from '../../domain/lists/list-entry.js';
import type { OutboxMessage } from '../../domain/notifications/outbox-message.js';
import type { RecordVersion, StoredRecord } from '../../domain/records/record.js';
import {
  sourceKey,
  type NewRecord,
  type NewSubject,
  type TakenSource,
  type WriteTransaction,
} from '../flows/write-transaction.js';
import type { SqliteAuditLog } from './sqlite-audit.js';
import type { SqliteLists } from './sqlite-lists.js';
import type { SqliteOutbox } from './sqlite-outbox.js';
import type { SqliteWriteContext } from './sqlite-write-context.js';

type Identifier = { readonly scheme: string; readonly value: string };

/** The parts of the SQLite store a write flow's transaction reads and writes. */
export interface SqliteTables {
  readonly lists: SqliteLists;
  readonly outbox: SqliteOutbox;
  readonly audit: SqliteAuditLog;
  readonly context: SqliteWriteContext;
  readonly readRecord: (id: string) => StoredRecord | undefined;
}

/**
 * The write flows' unit of work on SQLite: prepared statements, run inside the store's write
 * transaction (BEGIN IMMEDIATE holds the database's one write lock, so nothing here locks).
 * Every answer is a value: the flows run to their end without yielding (flows/steps.ts).
 */
export class SqliteWriteTransaction implements WriteTransaction {
  private readonly sql;

  constructor(
    db: Database.Database,
    private readonly tables: SqliteTables,
  ) {
    this.sql = {
      sourceRef: db.prepare('SELECT id, body_hash FROM records WHERE institution = ? AND source_ref = ?'),
      subjectIdOf: db.prepare('SELECT subject_id FROM subject_identifiers WHERE scheme = ? AND value = ?').pluck(),
      insertSubject: db.prepare('INSERT INTO subjects (id, kind, created_at, public_name) VALUES (?, ?, ?, ?)'),
      insertIdentifier: db.prepare(
        'INSERT INTO subject_identifiers (scheme, value, subject_id, created_at) VALUES (?, ?, ?, ?)',
      ),
      insertRecord: db.prepare(
        'INSERT INTO records (subject_id, id, institution, source_ref, type, body_hash, recorded_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertVersion: db.prepare(
        'INSERT INTO record_versions ' +
          '(subject_id, record_id, version, action, effective_at, recorded_at, payload, reason, subject_name) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  lockFeed(): void {}

  takenSources(sources: readonly { institution: string; sourceRef: string }[]): Map<string, TakenSource> {
    const taken = new Map<string, TakenSource>();
    for (const source of sources) {
      const row = this.sql.sourceRef.get(source.institution, source.sourceRef) as
        { id: string; body_hash: string } | undefined;
      if (row) taken.set(sourceKey(source), { id: row.id, bodyHash: row.body_hash });
    }
    return taken;
  }

  subjectIdsOf(identifiers: readonly Identifier[]): Map<string, string> {
    const ids = new Map<string, string>();
    for (const identifier of identifiers) {
      const id = this.sql.subjectIdOf.get(identifier.scheme, identifier.value) as string | undefined;
      if (id !== undefined) ids.set(identifierKey(identifier), id);
    }
    return ids;
  }

  insertSubjects(subjects: readonly NewSubject[], at: string): void {
    for (const { id, kind, identifier, publicName } of subjects) {
      this.sql.insertSubject.run(id, kind, at, publicName);
      this.sql.insertIdentifier.run(identifier.scheme, identifier.value, id, at);
    }
  }

  insertRecords(records: readonly NewRecord[], recordedAt: string): void {
    const { insertRecord, insertVersion } = this.sql;
    for (const { id, subjectId, item } of records) {
      insertRecord.run(subjectId, id, item.institution, item.sourceRef, item.type, item.bodyHash, recordedAt);
      insertVersion.run(
        subjectId,
        id,
        1,
        'submitted',
        item.effectiveAt,
        recordedAt,
        item.payloadJson,
        null,
        item.subject.name ?? null,
      );
    }
  }

  lockedRecord(id: string): StoredRecord | undefined {
    return this.tables.readRecord(id);
  }

  insertVersion(record: StoredRecord, version: RecordVersion): void {
    this.sql.insertVersion.run(
      record.subjectId,
      record.id,
      version.version,
      version.action,
      version.effectiveAt,
      version.recordedAt,
      JSON.stringify(version.payload),
      version.reason ?? null,
      null,
    );
  }

  insertListEntries(opened: readonly OpenedEntry[]): void {
    this.tables.lists.insertEntries(opened);
  }

  endListEntries(requests: readonly RemovalRequest[], recordedAt: string): EntryChange[] {
    return this.tables.lists.endEntries(requests, recordedAt);
  }

  entriesOfRecord(recordId: string): ListEntry[] {
    return this.tables.lists.entriesOfRecord(recordId);
  }

  updateListEntries(changes: readonly VersionedEntry[], at: string): void {
    this.tables.lists.updateEntries(changes, at);
  }

  insertMessages(messages: readonly OutboxMessage[]): void {
    this.tables.outbox.insert(messages);
  }

  appendFeed(events: readonly NewFeedEvent[]): void {
    for (const event of events) this.tables.context.appendFeed(event);
  }

  appendAudit(drafts: readonly AuditDraft[]): void {
    this.tables.audit.append(drafts);
  }
}
