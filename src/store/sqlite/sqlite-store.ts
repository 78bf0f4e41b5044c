import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import { apiKeyIssued, recordAccepted, recordVersioned, subjectCreated } from '../../domain/audit/write-drafts.js';
import type { ListEntry } from '../../domain/lists/list-entry.js';
import type { StoredRecord } from '../../domain/records/record.js';
import type { SubjectKind } from '../../domain/subject-kind.js';
import {
  entryChangeEvents, namedRepresentatives, openedEntries, personKey, removalRequests, transitionEvents, versionedEntries,
  versionedEntryEvents, type EntryChange, type FreshRecord,
} from '../list-writes.js';
import { ratingWrites, type StoredBand } from '../rating-writes.js';
import {
  apiKeyFromRow, feedEventFromRow, feedTypeOf, likePrefix, LIST_ENTRY_COLUMNS, listEntryFromRow, listEntryValues, ratingFromRow, storedRecordFromRows, storedRecordsFromRows, type RecordVersionRow,
} from '../store-rows.js';
import type {
  ApiKey, EntryWithName, FeedEvent, IngestBatch, MaterialisedRating, RatingCursorMove, Store, StoreCounts, StoreOptions, StoredAuditEntry,
  StoredCheckpoint, StoredOutcome, Subject, SubjectListings, SubjectPage, SubjectRecords, VersionDecision,
} from '../store.js';
import { SqliteAuditLog } from './sqlite-audit.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { SCAN_COLUMNS, subjectRecordsFromScan } from './sqlite-subject-scan.js';

type Row = Record<string, unknown>;

const RECORD_VERSIONS =
  'SELECT r.id, r.subject_id, s.kind AS subject_kind, r.institution, r.source_ref, r.type, v.version, v.action, ' +
  'v.effective_at, v.recorded_at, v.payload, v.reason FROM records r JOIN subjects s ON s.id = r.subject_id ' +
  'JOIN record_versions v ON v.subject_id = r.subject_id AND v.record_id = r.id';

/** SQLite keeps payloads as JSON text. */
const versionRows = (rows: Row[]): RecordVersionRow[] =>
  rows.map((row) => ({ ...(row as unknown as RecordVersionRow), payload: JSON.parse(row['payload'] as string) }));

/** The embedded store: one SQLite file in WAL mode, written through prepared statements. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private statements: ReturnType<SqliteStore['prepare']> | undefined;
  private auditLog: SqliteAuditLog | undefined;

  /** `path` is a file path, or `:memory:` for a throw-away store. */
  constructor(path: string, private readonly options: StoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged record survives power loss, not just a crash (principle 2).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    // 32 MiB page cache: bulk ingest touches index pages all over the file.
    this.db.pragma('cache_size = -32768');
    this.db.pragma('foreign_keys = ON');
    // Checkpoint the WAL every ~40 MB, not every 4 MB: pages written by many batches (index
    // pages, the audit log's tail) are copied into the database once instead of again and again.
    this.db.pragma('wal_autocheckpoint = 10000');
    // Read the file through a memory map (up to SQLite's 2 GB default cap): a point look-up
    // in a store of 10M subjects takes 8.6 µs instead of 10.5 without the read() calls.
    this.db.pragma('mmap_size = 2147418112');
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    for (const migration of SQLITE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      })();
    }
    this.statements = this.prepare();
    this.auditLog = new SqliteAuditLog(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private prepare() {
    const db = this.db;
    return {
      sourceRef: db.prepare('SELECT id, body_hash FROM records WHERE institution = ? AND source_ref = ?'),
      identifier: db.prepare('SELECT s.id, s.kind FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id WHERE i.scheme = ? AND i.value = ?'),
      // Ingest and screening need only the id: one b-tree instead of two.
      subjectIdOf: db.prepare('SELECT subject_id FROM subject_identifiers WHERE scheme = ? AND value = ?').pluck(),
      insertSubject: db.prepare('INSERT INTO subjects (id, kind, created_at) VALUES (?, ?, ?)'),
      insertIdentifier: db.prepare('INSERT INTO subject_identifiers (scheme, value, subject_id, created_at) VALUES (?, ?, ?, ?)'),
      insertRecord: db.prepare(
        'INSERT INTO records (subject_id, id, institution, source_ref, type, body_hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertVersion: db.prepare(
        'INSERT INTO record_versions (subject_id, record_id, version, action, effective_at, recorded_at, payload, reason, subject_name) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertFeed: db.prepare('INSERT INTO change_feed (type, subject_id, record_id, recorded_at) VALUES (?, ?, ?, ?)'),
      recordVersions: db.prepare(`${RECORD_VERSIONS} WHERE r.id = ? ORDER BY v.version`),
      subjectRecordVersions: db.prepare(`${RECORD_VERSIONS} WHERE r.subject_id = ? ORDER BY r.id, v.version`),
      insertFeedDetail: db.prepare('INSERT INTO change_feed (type, subject_id, record_id, recorded_at, detail) VALUES (?, ?, ?, ?, ?)'),
      feed: db.prepare('SELECT seq, type, subject_id, record_id, recorded_at, detail FROM change_feed WHERE seq > ? ORDER BY seq LIMIT ?'),
      subjectsAfter: db.prepare('SELECT id, kind FROM subjects WHERE id > ? ORDER BY id LIMIT ?'),
      subjectsOfKindAfter: db.prepare('SELECT id, kind FROM subjects WHERE id > ? AND kind = ? ORDER BY id LIMIT ?'),
      // Raw rows, no subjects join (the page query has each kind): the full-recompute scan reads every row through here.
      versionsOfSubjects: db
        .prepare(
          `SELECT ${SCAN_COLUMNS} FROM records r JOIN record_versions v ON v.subject_id = r.subject_id AND v.record_id = r.id ` +
            'WHERE r.subject_id BETWEEN ? AND ? ORDER BY r.subject_id, r.id, v.version',
        )
        .raw(true),
      rating: db.prepare('SELECT subject_id, rulebook_id, score, band, assessed_at, feed_seq FROM ratings WHERE subject_id = ?'),
      upsertRating: db.prepare(
        'INSERT INTO ratings (subject_id, rulebook_id, score, band, assessed_at, feed_seq) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (subject_id) DO UPDATE SET rulebook_id = excluded.rulebook_id, score = excluded.score, band = excluded.band, ' +
          'assessed_at = excluded.assessed_at, feed_seq = excluded.feed_seq',
      ),
      ratingCursor: db.prepare('SELECT feed_seq FROM rating_cursor'),
      insertListEntry: db.prepare(`INSERT INTO list_entries (${LIST_ENTRY_COLUMNS.join(', ')}) VALUES (${LIST_ENTRY_COLUMNS.map(() => '?').join(', ')})`),
      // Open entries listed by the time the removing record took effect, with its match key (IS: null matches null).
      removeListEntries: db.prepare(
        'UPDATE list_entries SET removed_at = ?, removed_by = ?, removal_recorded_at = ? ' +
          'WHERE subject_id = ? AND list_code = ? AND removed_at IS NULL AND match_key IS ? AND listed_at <= ? RETURNING *',
      ),
      listEntries: db.prepare('SELECT * FROM list_entries WHERE subject_id = ? ORDER BY listed_at, id'),
      // Entries of the representatives named by this subject's listings (another subject, the same basis records).
      removeRepresentativeEntries: db.prepare(
        'UPDATE list_entries SET removed_at = ?, removed_by = ?, removal_recorded_at = ? ' +
          'WHERE basis_record_id IN (SELECT id FROM records WHERE subject_id = ?) AND subject_id != ? AND list_code = ? ' +
          'AND removed_at IS NULL AND match_key IS ? AND listed_at <= ? RETURNING *',
      ),
      openListingSubjects: db.prepare(
        'SELECT DISTINCT subject_id FROM list_entries WHERE subject_id > ? AND removed_at IS NULL AND until > ? ORDER BY subject_id LIMIT ?',
      ).pluck(),
      // Subject ids as a JSON array: one statement for a page of any size.
      identifiersOfMany: db.prepare(
        'SELECT subject_id, scheme, value FROM subject_identifiers WHERE subject_id IN (SELECT value FROM json_each(?)) ORDER BY scheme, value',
      ),
      entriesOfMany: db.prepare('SELECT * FROM list_entries WHERE subject_id IN (SELECT value FROM json_each(?)) ORDER BY listed_at, id'),
      openEntriesOfMany: db.prepare(
        'SELECT * FROM list_entries WHERE subject_id IN (SELECT value FROM json_each(?)) AND removed_at IS NULL AND until > ? ORDER BY listed_at, id',
      ),
      subjectEntriesInForce: db.prepare(
        'SELECT * FROM list_entries WHERE subject_id = ? AND list_code = ? AND removed_at IS NULL AND active_from <= ? AND until > ? ' +
          'ORDER BY active_from LIMIT ?',
      ),
      namedEntriesInForce: db.prepare(
        "SELECT * FROM list_entries WHERE list_code = ? AND subject_name LIKE ? ESCAPE '\\' AND removed_at IS NULL " +
          'AND active_from <= ? AND until > ? ORDER BY subject_name, active_from LIMIT ?',
      ),
      unannouncedActivations: db.prepare(
        'SELECT * FROM list_entries WHERE removed_at IS NULL AND activation_announced_at IS NULL AND active_from > listed_at ' +
          'AND active_from <= ? ORDER BY active_from LIMIT ?',
      ),
      unannouncedExpiries: db.prepare(
        'SELECT * FROM list_entries WHERE removed_at IS NULL AND expiry_announced_at IS NULL AND until <= ? ORDER BY until LIMIT ?',
      ),
      announceActivation: db.prepare('UPDATE list_entries SET activation_announced_at = ? WHERE subject_id = ? AND id = ?'),
      announceExpiry: db.prepare('UPDATE list_entries SET expiry_announced_at = ? WHERE subject_id = ? AND id = ?'),
      entriesOpenedBy: db.prepare('SELECT * FROM list_entries WHERE basis_record_id = ?'),
      entriesRemovedBy: db.prepare('SELECT * FROM list_entries WHERE removed_by = ?'),
      updateListEntry: db.prepare(
        'UPDATE list_entries SET listed_at = ?, active_from = ?, until = ?, match_key = ?, removed_at = ?, removed_by = ?, ' +
          'removal_recorded_at = CASE WHEN ? THEN ? ELSE removal_recorded_at END WHERE subject_id = ? AND id = ?',
      ),
      moveRatingCursor: db.prepare('UPDATE rating_cursor SET feed_seq = ?'),
      insertApiKey: db.prepare('INSERT INTO api_keys (id, secret_hash, role, principal, created_at) VALUES (?, ?, ?, ?, ?)'),
      apiKey: db.prepare('SELECT id, secret_hash, role, principal, created_at FROM api_keys WHERE secret_hash = ?'),
      counts: db.prepare(
        'SELECT (SELECT count(*) FROM subjects) AS subjects, (SELECT count(*) FROM records) AS records, ' +
          '(SELECT coalesce(max(seq), 0) FROM change_feed) AS feed_seq',
      ),
    };
  }

  private get sql() {
    if (!this.statements) throw new Error('SqliteStore used before migrate()');
    return this.statements;
  }

  private get audit(): SqliteAuditLog {
    if (!this.auditLog) throw new Error('SqliteStore used before migrate()');
    return this.auditLog;
  }

  async ingest(batch: IngestBatch): Promise<StoredOutcome[]> {
    const sql = this.sql;
    const { recordedAt, newId } = batch;
    return this.db.transaction((): StoredOutcome[] => {
      const drafts: AuditDraft[] = [];
      const fresh: FreshRecord[] = [];
      const outcomes = batch.items.map((item): StoredOutcome => {
        const existing = sql.sourceRef.get(item.institution, item.sourceRef) as { id: string; body_hash: string } | undefined;
        if (existing) return { status: 'exists', id: existing.id, bodyHash: existing.body_hash };
        const knownId = sql.subjectIdOf.get(item.subject.scheme, item.subject.value) as string | undefined;
        let subject = knownId === undefined ? undefined : { id: knownId };
        if (!subject) {
          subject = { id: newId() };
          sql.insertSubject.run(subject.id, item.subject.kind, recordedAt);
          sql.insertIdentifier.run(item.subject.scheme, item.subject.value, subject.id, recordedAt);
          sql.insertFeed.run('subject.created', subject.id, null, recordedAt);
          drafts.push(subjectCreated({ id: subject.id, kind: item.subject.kind }, item.institution, recordedAt));
        }
        const id = newId();
        sql.insertRecord.run(subject.id, id, item.institution, item.sourceRef, item.type, item.bodyHash, recordedAt);
        sql.insertVersion.run(
          subject.id, id, 1, 'submitted', item.effectiveAt, recordedAt, item.payloadJson, null,
          item.subject.name ?? null,
        );
        sql.insertFeed.run('record.accepted', subject.id, id, recordedAt);
        drafts.push(recordAccepted(item, { id, subjectId: subject.id }, recordedAt));
        if (item.listEffects) fresh.push({ item, id, subjectId: subject.id });
        return { status: 'inserted', id };
      });
      drafts.push(...this.applyListEffects(fresh, recordedAt, newId));
      if (!this.options.benchmarkWithoutAuditLog) this.audit.append(drafts);
      return outcomes;
    }).immediate();
  }

  /**
   * Opens the entries the new records list and then removes the open entries their
   * removing records end (so a listing and its removal in one batch both apply); inside
   * the caller's transaction. Appends the feed events; returns the audit drafts.
   */
  private applyListEffects(fresh: readonly FreshRecord[], recordedAt: string, newId: () => string): AuditDraft[] {
    if (fresh.length === 0) return [];
    const sql = this.sql;
    const drafts: AuditDraft[] = [];
    // Representatives the listings name become subjects of their own on first sight, like any subject.
    const representatives = new Map<string, string>();
    for (const { person, institution } of namedRepresentatives(fresh)) {
      let id = sql.subjectIdOf.get(person.scheme, person.value) as string | undefined;
      if (id === undefined) {
        id = newId();
        sql.insertSubject.run(id, 'person', recordedAt);
        sql.insertIdentifier.run(person.scheme, person.value, id, recordedAt);
        sql.insertFeed.run('subject.created', id, null, recordedAt);
        drafts.push(subjectCreated({ id, kind: 'person' }, institution, recordedAt));
      }
      representatives.set(personKey(person), id);
    }
    const opened = openedEntries(fresh, recordedAt, newId, representatives);
    for (const { entry, subjectName } of opened) sql.insertListEntry.run(...listEntryValues(entry, subjectName));
    const removed: EntryChange[] = removalRequests(fresh).flatMap((r) => {
      const rows = sql.removeListEntries.all(r.removedAt, r.removedBy, recordedAt, r.subjectId, r.listCode, r.matchKey, r.removedAt) as Row[];
      if (r.representatives) {
        rows.push(...(sql.removeRepresentativeEntries.all(r.removedAt, r.removedBy, recordedAt, r.subjectId, r.subjectId, r.listCode, r.matchKey, r.removedAt) as Row[]));
      }
      return rows.map((row) => ({ entry: listEntryFromRow(row), recordId: r.removedBy, institution: r.institution }));
    });
    const listed = entryChangeEvents('list_entry.listed', opened, recordedAt);
    const ended = entryChangeEvents('list_entry.removed', removed, recordedAt);
    for (const e of [...listed.events, ...ended.events]) sql.insertFeedDetail.run(e.type, e.subjectId, e.recordId, e.recordedAt, JSON.stringify(e.detail));
    return [...drafts, ...listed.drafts, ...ended.drafts];
  }

  async record(id: string): Promise<StoredRecord | undefined> {
    return this.readRecord(id);
  }

  private readRecord(id: string): StoredRecord | undefined {
    return storedRecordFromRows(versionRows(this.sql.recordVersions.all(id) as Row[]));
  }

  async subjectRecords(subjectId: string): Promise<StoredRecord[]> {
    return storedRecordsFromRows(versionRows(this.sql.subjectRecordVersions.all(subjectId) as Row[]));
  }

  async appendVersion(id: string, decide: (current: StoredRecord) => VersionDecision): Promise<StoredRecord | undefined> {
    const sql = this.sql;
    // IMMEDIATE takes the write lock before reading, so no other version can slip in between.
    return this.db.transaction((): StoredRecord | undefined => {
      const current = this.readRecord(id);
      if (!current) return undefined;
      const decision = decide(current);
      if (!decision.ok) throw decision.error;
      const next = decision.version;
      const version = current.versions.length + 1;
      sql.insertVersion.run(
        current.subjectId, id, version, next.action, next.effectiveAt, next.recordedAt, JSON.stringify(next.payload),
        next.reason ?? null, null,
      );
      sql.insertFeed.run(feedTypeOf(next.action), current.subjectId, id, next.recordedAt);
      const opened = (sql.entriesOpenedBy.all(id) as Row[]).map(listEntryFromRow);
      const removed = (sql.entriesRemovedBy.all(id) as Row[]).map(listEntryFromRow);
      const changes = versionedEntries(current, next, decision.listEffects, opened, removed);
      for (const { entry: e, removalRecorded } of changes) {
        sql.updateListEntry.run(
          e.listedAt, e.activeFrom, e.until, e.matchKey, e.removedAt, e.removedBy,
          removalRecorded === undefined ? 0 : 1, removalRecorded ? next.recordedAt : null, e.subjectId, e.id,
        );
      }
      const lists = versionedEntryEvents(changes, current, next.recordedAt);
      for (const e of lists.events) sql.insertFeedDetail.run(e.type, e.subjectId, e.recordId, e.recordedAt, JSON.stringify(e.detail));
      this.audit.append([recordVersioned(current, { ...next, version }), ...lists.drafts]);
      return { ...current, versions: [...current.versions, { ...next, version }] };
    }).immediate();
  }

  async subjectByIdentifier(scheme: string, value: string): Promise<Subject | undefined> {
    const row = this.sql.identifier.get(scheme, value) as { id: string; kind: string } | undefined;
    return row && { id: row.id, kind: row.kind as SubjectKind };
  }

  async subjectIdsOf(identifiers: readonly { scheme: string; value: string }[]): Promise<(string | undefined)[]> {
    return identifiers.map(({ scheme, value }) => this.sql.subjectIdOf.get(scheme, value) as string | undefined);
  }

  async subjectsWithRecords(page: SubjectPage): Promise<SubjectRecords[]> {
    const sql = this.sql;
    const after = page.after ?? '';
    const rows = (page.kind === undefined ? sql.subjectsAfter.all(after, page.limit) : sql.subjectsOfKindAfter.all(after, page.kind, page.limit)) as Subject[];
    if (rows.length === 0) return [];
    return subjectRecordsFromScan(rows, sql.versionsOfSubjects.all(rows[0]!.id, rows.at(-1)!.id));
  }

  async saveRatings(ratings: readonly MaterialisedRating[], move?: RatingCursorMove): Promise<number | undefined> {
    const sql = this.sql;
    return this.db.transaction((): number | undefined => {
      if (move && (sql.ratingCursor.get() as { feed_seq: number }).feed_seq !== move.from) return undefined;
      const stored = new Map<string, StoredBand>();
      for (const rating of ratings) {
        const row = sql.rating.get(rating.subjectId) as Row | undefined;
        if (row) stored.set(rating.subjectId, ratingFromRow(row));
      }
      const { upserts, events } = ratingWrites(stored, ratings);
      for (const r of upserts) sql.upsertRating.run(r.subjectId, r.rulebookId, r.score, r.band, r.assessedAt, r.feedSeq);
      for (const e of events) sql.insertFeedDetail.run('rating.band_changed', e.subjectId, null, e.recordedAt, JSON.stringify(e.detail));
      if (move) sql.moveRatingCursor.run(move.to);
      return events.length;
    }).immediate();
  }

  async ratingCursor(): Promise<number> {
    return (this.sql.ratingCursor.get() as { feed_seq: number }).feed_seq;
  }

  async rating(subjectId: string): Promise<MaterialisedRating | undefined> {
    const row = this.sql.rating.get(subjectId) as Row | undefined;
    return row && ratingFromRow(row);
  }

  async listEntries(subjectId: string): Promise<ListEntry[]> {
    return (this.sql.listEntries.all(subjectId) as Row[]).map(listEntryFromRow);
  }

  async openListingsPage(page: { after?: string | undefined; at: string; limit: number }): Promise<SubjectListings[]> {
    return this.listingsOf(this.sql.openListingSubjects.all(page.after ?? '', page.at, page.limit) as string[], page.at);
  }

  async entriesInForce(listCode: string, search: { subjectId: string } | { namePrefix: string }, at: string, limit: number): Promise<EntryWithName[]> {
    const sql = this.sql;
    const rows = ('subjectId' in search
      ? sql.subjectEntriesInForce.all(search.subjectId, listCode, at, at, limit)
      : sql.namedEntriesInForce.all(listCode, likePrefix(search.namePrefix), at, at, limit)) as Row[];
    return rows.map((row) => ({ entry: listEntryFromRow(row), subjectName: (row['subject_name'] as string | null) ?? null }));
  }

  async announceListTransitions(at: string, limit: number): Promise<number> {
    const sql = this.sql;
    return this.db.transaction((): number => {
      const activated = (sql.unannouncedActivations.all(at, limit) as Row[]).map(listEntryFromRow);
      const expired = (sql.unannouncedExpiries.all(at, limit) as Row[]).map(listEntryFromRow);
      for (const e of activated) sql.announceActivation.run(at, e.subjectId, e.id);
      for (const e of expired) sql.announceExpiry.run(at, e.subjectId, e.id);
      const { events, drafts } = transitionEvents(activated, expired, at);
      for (const e of events) sql.insertFeedDetail.run(e.type, e.subjectId, e.recordId, e.recordedAt, JSON.stringify(e.detail));
      this.audit.append(drafts);
      return events.length;
    }).immediate();
  }

  async listingsOf(subjectIds: readonly string[], openAt?: string): Promise<SubjectListings[]> {
    const sql = this.sql;
    // Two set-wise queries for the whole page (the index loads a million subjects this way).
    const ids = JSON.stringify(subjectIds);
    const bySubject = new Map(subjectIds.map((id) => [id, { subjectId: id, identifiers: [] as { scheme: string; value: string }[], entries: [] as ListEntry[] }]));
    for (const row of sql.identifiersOfMany.all(ids) as { subject_id: string; scheme: string; value: string }[]) {
      bySubject.get(row.subject_id)?.identifiers.push({ scheme: row.scheme, value: row.value });
    }
    const entries = (openAt === undefined ? sql.entriesOfMany.all(ids) : sql.openEntriesOfMany.all(ids, openAt)) as Row[];
    for (const row of entries) bySubject.get(row['subject_id'] as string)?.entries.push(listEntryFromRow(row));
    return [...bySubject.values()];
  }

  async feed(after: number, limit: number): Promise<FeedEvent[]> {
    return (this.sql.feed.all(after, limit) as Row[]).map(feedEventFromRow);
  }

  async appendAudit(drafts: readonly AuditDraft[]): Promise<number> {
    return this.db.transaction(() => this.audit.append(drafts)).immediate();
  }

  async publish(series: string, draft: AuditDraft): Promise<boolean> {
    return this.db.transaction(() => this.audit.publish(series, draft)).immediate();
  }

  async auditSize(): Promise<number> {
    return this.audit.size();
  }

  async auditEntries(start: number, end: number): Promise<StoredAuditEntry[]> {
    return this.audit.entries(start, end);
  }

  async auditEntriesAbout(subjectId: string, from: number, limit: number): Promise<StoredAuditEntry[]> {
    return this.audit.entriesAbout(subjectId, from, limit);
  }

  async auditNodes(ids: readonly number[]): Promise<Map<number, Uint8Array>> {
    return this.audit.nodes(ids);
  }

  async saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    this.audit.saveCheckpoint(checkpoint);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return this.audit.latestCheckpoint();
  }

  async checkpoints(limit: number): Promise<StoredCheckpoint[]> {
    return this.audit.checkpoints(limit);
  }

  async saveApiKey(key: ApiKey): Promise<void> {
    this.db.transaction(() => {
      this.sql.insertApiKey.run(key.id, key.secretHash, key.role, key.principal, key.createdAt);
      this.audit.append([apiKeyIssued(key)]);
    }).immediate();
  }

  async apiKeyBySecretHash(secretHash: string): Promise<ApiKey | undefined> {
    const row = this.sql.apiKey.get(secretHash) as Row | undefined;
    return row && apiKeyFromRow(row);
  }

  async counts(): Promise<StoreCounts> {
    const row = this.sql.counts.get() as { subjects: number; records: number; feed_seq: number };
    return { subjects: row.subjects, records: row.records, feedSeq: row.feed_seq };
  }
}
