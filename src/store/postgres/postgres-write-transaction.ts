import type pg from 'pg';
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
import { storedRecordFromRows, type RecordVersionRow } from '../store-rows.js';
import { copyRows } from './copy-rows.js';
import { RECORD_VERSIONS_OF_RECORD } from './record-versions-sql.js';
import { appendAudit } from './postgres-audit.js';
import { appendFeed, lockFeed } from './postgres-feed.js';
import { endListEntries, entriesOfRecord, insertListEntries, updateListEntries } from './postgres-lists.js';
import { insertMessages } from './postgres-outbox.js';

type Identifier = { readonly scheme: string; readonly value: string };

/**
 * The write flows' unit of work on PostgreSQL: one pooled connection inside BEGIN … COMMIT.
 * Rows go in set-wise (COPY, unnest) so that a batch costs a few round trips, not one per row.
 */
export class PostgresWriteTransaction implements WriteTransaction {
  constructor(private readonly client: pg.PoolClient) {}

  lockFeed(): Promise<void> {
    return lockFeed(this.client);
  }

  async takenSources(
    sources: readonly { institution: string; sourceRef: string }[],
  ): Promise<Map<string, TakenSource>> {
    // The references are unique in record_sources (records is partitioned by id, so it cannot
    // hold that key); each one found leads to its record's partition by (subject_id, id).
    const { rows } = await this.client.query<{
      institution: string;
      source_ref: string;
      id: string;
      body_hash: string;
    }>(
      'SELECT s.institution, s.source_ref, r.id, r.body_hash FROM record_sources s ' +
        'JOIN unnest($1::text[], $2::text[]) AS w(institution, source_ref) ' +
        'ON w.institution = s.institution AND w.source_ref = s.source_ref ' +
        'JOIN records r ON r.subject_id = s.subject_id AND r.id = s.record_id',
      [sources.map((s) => s.institution), sources.map((s) => s.sourceRef)],
    );
    return new Map(
      rows.map((row) => [
        sourceKey({ institution: row.institution, sourceRef: row.source_ref }),
        { id: row.id, bodyHash: row.body_hash },
      ]),
    );
  }

  async subjectIdsOf(identifiers: readonly Identifier[]): Promise<Map<string, string>> {
    const { rows } = await this.client.query<{ scheme: string; value: string; subject_id: string }>(
      'SELECT i.scheme, i.value, i.subject_id FROM subject_identifiers i ' +
        'JOIN unnest($1::text[], $2::text[]) AS w(scheme, value) ON w.scheme = i.scheme AND w.value = i.value',
      [identifiers.map((i) => i.scheme), identifiers.map((i) => i.value)],
    );
    return new Map(rows.map((row) => [identifierKey(row), row.subject_id]));
  }

  async insertSubjects(subjects: readonly NewSubject[], at: string): Promise<void> {
    await copyRows(
      this.client,
      'subjects',
      ['id', 'kind', 'created_at', 'public_name'],
      subjects.map((s) => [s.id, s.kind, at, s.publicName]),
    );
    await copyRows(
      this.client,
      'subject_identifiers',
      ['scheme', 'value', 'subject_id', 'created_at'],
      subjects.map((s) => [s.identifier.scheme, s.identifier.value, s.id, at]),
    );
  }

  async insertRecords(records: readonly NewRecord[], recordedAt: string): Promise<void> {
    const { client } = this;
    await copyRows(
      client,
      'record_sources',
      ['institution', 'source_ref', 'subject_id', 'record_id'],
      records.map(({ item, id, subjectId }) => [item.institution, item.sourceRef, subjectId, id]),
    );
    await copyRows(
      client,
      'records',
      ['subject_id', 'id', 'institution', 'source_ref', 'type', 'body_hash', 'recorded_at'],
      records.map(({ item, id, subjectId }) => [
        subjectId,
        id,
        item.institution,
        item.sourceRef,
        item.type,
        item.bodyHash,
        recordedAt,
      ]),
    );
    await copyRows(
      client,
      'record_versions',
      ['subject_id', 'record_id', 'version', 'action', 'effective_at', 'recorded_at', 'payload', 'subject_name'],
      records.map(({ item, id, subjectId }) => [
        subjectId,
        id,
        1,
        'submitted',
        item.effectiveAt,
        recordedAt,
        item.payloadJson,
        item.subject.name ?? null,
      ]),
    );
  }

  async lockedRecord(id: string): Promise<StoredRecord | undefined> {
    const locked = await this.client.query('SELECT 1 FROM records WHERE id = $1 FOR UPDATE', [id]);
    if (locked.rowCount === 0) return undefined;
    return storedRecordFromRows((await this.client.query<RecordVersionRow>(RECORD_VERSIONS_OF_RECORD, [id])).rows);
  }

  async insertVersion(record: StoredRecord, version: RecordVersion): Promise<void> {
    await this.client.query(
      'INSERT INTO record_versions ' +
        '(subject_id, record_id, version, action, effective_at, recorded_at, payload, reason) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        record.subjectId,
        record.id,
        version.version,
        version.action,
        version.effectiveAt,
        version.recordedAt,
        JSON.stringify(version.payload),
        version.reason ?? null,
      ],
    );
  }

  insertListEntries(opened: readonly OpenedEntry[]): Promise<void> {
    return insertListEntries(this.client, opened);
  }

  endListEntries(requests: readonly RemovalRequest[], recordedAt: string): Promise<EntryChange[]> {
    return endListEntries(this.client, requests, recordedAt);
  }

  entriesOfRecord(recordId: string): Promise<ListEntry[]> {
    return entriesOfRecord(this.client, recordId);
  }

  updateListEntries(changes: readonly VersionedEntry[], at: string): Promise<void> {
    return updateListEntries(this.client, changes, at);
  }

  insertMessages(messages: readonly OutboxMessage[]): Promise<void> {
    return insertMessages(this.client, messages);
  }

  appendFeed(events: readonly NewFeedEvent[]): Promise<void> {
    return appendFeed(this.client, events);
  }

  async appendAudit(drafts: readonly AuditDraft[]): Promise<void> {
    await appendAudit(this.client, drafts);
  }
}
