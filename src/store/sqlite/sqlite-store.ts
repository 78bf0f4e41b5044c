import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { makePrivateDir, makePrivateFile, narrowToOwner } from '../../private-files.js';
import type { CheckReplayClaim, StoredCheckReplay } from '../check-replay-store.js';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { ListEntry } from '../../domain/lists/list-entry.js';
import type { StoredRecord } from '../../domain/records/record.js';
import type { SubjectKind } from '../../domain/subject-kind.js';
import { feedEventFromRow, storedRecordFromRows, storedRecordsFromRows, type RecordVersionRow } from '../store-rows.js';
import type {
  ApiKey,
  EntryWithName,
  IngestBatch,
  PortalSession,
  PublicSubject,
  PublicSubjectSearch,
  RatingCursorMove,
  StoredAttestation,
  Store,
  StoreCounts,
  StoreOptions,
  StoredAuditEntry,
  StoredCheckpoint,
  StoredOutcome,
  Subject,
  SubjectListings,
  SubjectPage,
  SubjectRecords,
  VersionDecision,
} from '../store.js';
import type { CorrectionNotice, FeedEvent } from '../../domain/feed/feed-event.js';
import type { MaterialisedRating } from '../../domain/rulebooks/materialised-rating.js';
import type { Dispute } from '../../domain/disputes/dispute.js';
import type { Evidence } from '../../domain/disputes/evidence.js';
import { SqliteAuditLog } from './sqlite-audit.js';
import { SqliteDisputes } from './sqlite-disputes.js';
import { SqliteOutbox } from './sqlite-outbox.js';
import { SqlitePortal } from './sqlite-portal.js';
import { SqliteCheckReplays } from './sqlite-check-replays.js';
import { SqliteApiKeys } from './sqlite-api-keys.js';
import type { OutboxMessage, QueuedMessage } from '../../domain/notifications/outbox-message.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { SqliteLists } from './sqlite-lists.js';
import { SqliteRatings } from './sqlite-ratings.js';
import type { SqliteWriteContext } from './sqlite-write-context.js';
import { SCAN_COLUMNS, subjectRecordsFromScan } from './sqlite-subject-scan.js';
import { SqliteWriteTransaction } from './sqlite-write-transaction.js';
import { runNow } from '../flows/steps.js';
import { migrateFlow } from '../migration.js';
import { sqliteMigrationTransaction } from './sqlite-migration-transaction.js';
import { ingestFlow } from '../flows/ingest-flow.js';
import { appendVersionFlow } from '../flows/version-flow.js';

type Row = Record<string, unknown>;

const RECORD_VERSIONS =
  'SELECT r.id, r.subject_id, s.kind AS subject_kind, r.institution, r.source_ref, r.type, v.version, v.action, ' +
  'v.effective_at, v.recorded_at, v.payload, v.reason FROM records r JOIN subjects s ON s.id = r.subject_id ' +
  'JOIN record_versions v ON v.subject_id = r.subject_id AND v.record_id = r.id';

/** SQLite keeps payloads as JSON text. */
const versionRows = (rows: Row[]): RecordVersionRow[] =>
  rows.map((row) => ({
    ...(row as unknown as RecordVersionRow),
    payload: JSON.parse(row['payload'] as string) as RecordVersionRow['payload'],
  }));

/** The embedded store: one SQLite file in WAL mode, written through prepared statements. */
/** How long a write waits for another process's write lock before it fails as busy. */
const WRITE_LOCK_WAIT_MS = 5_000;

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  readonly readsPerAppend = 2_000;
  readonly bulkTransaction = { budgetMs: 15, minRecords: 50 };
  private statements: ReturnType<SqliteStore['prepare']> | undefined;
  private auditLog: SqliteAuditLog | undefined;
  private listTables: SqliteLists | undefined;
  private ratingTables: SqliteRatings | undefined;
  private disputeTable: SqliteDisputes | undefined;
  private portalTables: SqlitePortal | undefined;
  private checkReplayTable: SqliteCheckReplays | undefined;
  private outboxTables: SqliteOutbox | undefined;
  private apiKeyTable: SqliteApiKeys | undefined;
  private writeTransaction: SqliteWriteTransaction | undefined;

  /** `path` is a file path, or `:memory:` for a throw-away store. */
  constructor(
    path: string,
    private readonly options: StoreOptions = {},
  ) {
    if (path !== ':memory:') {
      makePrivateDir(dirname(path));
      // SQLite gives the -wal and -shm files the database file's mode, so 0600 here covers all three.
      makePrivateFile(path);
      narrowToOwner(`${path}-wal`, `${path}-shm`);
    }
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged record survives power loss, not just a crash (principle 2).
    this.db.pragma('synchronous = FULL');
    // Lock waits happen in `writing`, off the event loop; SQLite itself waits at most a moment.
    this.db.pragma('busy_timeout = 1');
    // 32 MiB page cache: bulk ingest touches index pages all over the file.
    this.db.pragma('cache_size = -32768');
    this.db.pragma('foreign_keys = ON');
    // Checkpoint the WAL every ~40 MB, not every 4 MB: pages written by many batches (index
    // pages, the audit log's tail) are copied into the database once instead of again and again.
    this.db.pragma('wal_autocheckpoint = 10000');
  }

  /**
   * Runs a write transaction (BEGIN IMMEDIATE). While another process holds the write lock (a
   * bulk ingest, say), it waits here, a millisecond at a time, without blocking the event loop:
   * SQLite's own busy wait would stall every request of the process, and backs off to 100 ms
   * sleeps that let a busy writer take the lock again and again. Past WRITE_LOCK_WAIT_MS the
   * SQLITE_BUSY error stands (store_unavailable).
   */
  private async writing<T>(work: () => T): Promise<T> {
    const started = Date.now();
    for (;;) {
      try {
        return this.db.transaction(work).immediate();
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() - started > WRITE_LOCK_WAIT_MS)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  }

  async migrate(): Promise<void> {
    await this.writing(() => runNow(migrateFlow(sqliteMigrationTransaction(this.db), SQLITE_MIGRATIONS)));
    this.statements = this.prepare();
    this.auditLog = new SqliteAuditLog(this.db);
    this.listTables = new SqliteLists(this.db, this.writeContext);
    this.ratingTables = new SqliteRatings(this.db, this.writeContext);
    this.disputeTable = new SqliteDisputes(this.db, this.writeContext);
    this.portalTables = new SqlitePortal(this.db);
    this.checkReplayTable = new SqliteCheckReplays(this.db);
    this.outboxTables = new SqliteOutbox(this.db);
    this.apiKeyTable = new SqliteApiKeys(this.db);
    this.writeTransaction = new SqliteWriteTransaction(this.db, {
      lists: this.listTables,
      outbox: this.outboxTables,
      audit: this.auditLog,
      context: this.writeContext,
      readRecord: (id) => this.readRecord(id),
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private prepare() {
    const db = this.db;
    return {
      identifier: db.prepare(
        'SELECT s.id, s.kind FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id ' +
          'WHERE i.scheme = ? AND i.value = ?',
      ),
      // Screening needs only the id: one b-tree instead of two.
      subjectIdOf: db.prepare('SELECT subject_id FROM subject_identifiers WHERE scheme = ? AND value = ?').pluck(),
      recordVersions: db.prepare(`${RECORD_VERSIONS} WHERE r.id = ? ORDER BY v.version`),
      subjectRecordVersions: db.prepare(`${RECORD_VERSIONS} WHERE r.subject_id = ? ORDER BY r.id, v.version`),
      insertFeedDetail: db.prepare(
        'INSERT INTO change_feed (type, subject_id, record_id, recorded_at, detail) VALUES (?, ?, ?, ?, ?)',
      ),
      feed: db.prepare(
        'SELECT seq, type, subject_id, record_id, recorded_at, detail FROM change_feed WHERE seq > ? ' +
          'ORDER BY seq LIMIT ?',
      ),
      subjectsAfter: db.prepare('SELECT id, kind FROM subjects WHERE id > ? ORDER BY id LIMIT ?'),
      subjectsOfKindAfter: db.prepare('SELECT id, kind FROM subjects WHERE id > ? AND kind = ? ORDER BY id LIMIT ?'),
      // Raw rows, no subjects join (the page query has each kind): the full-recompute scan reads
      // every row through here.
      versionsOfSubjects: db
        .prepare(
          `SELECT ${SCAN_COLUMNS} FROM records r ` +
            `JOIN record_versions v ON v.subject_id = r.subject_id AND v.record_id = r.id ` +
            'WHERE r.subject_id BETWEEN ? AND ? ORDER BY r.subject_id, r.id, v.version',
        )
        .raw(true),
      feedHead: db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM change_feed'),
      counts: db.prepare(
        'SELECT (SELECT count(*) FROM subjects) AS subjects, (SELECT count(*) FROM records) AS records, ' +
          '(SELECT coalesce(max(seq), 0) FROM change_feed) AS feed_seq',
      ),
    };
  }

  private get sql() {
    return migrated(this.statements);
  }

  private get ratings(): SqliteRatings {
    return migrated(this.ratingTables);
  }

  private get outbox(): SqliteOutbox {
    return migrated(this.outboxTables);
  }

  private get keys(): SqliteApiKeys {
    return migrated(this.apiKeyTable);
  }

  private get portal(): SqlitePortal {
    return migrated(this.portalTables);
  }

  private get checkReplays(): SqliteCheckReplays {
    return migrated(this.checkReplayTable);
  }

  private get disputes(): SqliteDisputes {
    return migrated(this.disputeTable);
  }

  private get lists(): SqliteLists {
    return migrated(this.listTables);
  }

  /** The feed append the table modules share (inside the caller's transaction). */
  private readonly writeContext: SqliteWriteContext = {
    appendFeed: (e) =>
      this.sql.insertFeedDetail.run(
        e.type,
        e.subjectId,
        e.recordId,
        e.recordedAt,
        e.detail ? JSON.stringify(e.detail) : null,
      ),
  };

  private get tx(): SqliteWriteTransaction {
    return migrated(this.writeTransaction);
  }

  private get audit(): SqliteAuditLog {
    return migrated(this.auditLog);
  }

  async ingest(batch: IngestBatch): Promise<StoredOutcome[]> {
    return this.writing(() => runNow(ingestFlow(this.tx, batch, !this.options.benchmarkWithoutAuditLog)));
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

  async appendVersion(
    id: string,
    decide: (current: StoredRecord) => VersionDecision,
  ): Promise<StoredRecord | undefined> {
    // IMMEDIATE takes the write lock before reading, so no other version can slip in between.
    return this.writing(() => runNow(appendVersionFlow(this.tx, id, decide)));
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
    const rows = (
      page.kind === undefined
        ? sql.subjectsAfter.all(after, page.limit)
        : sql.subjectsOfKindAfter.all(after, page.kind, page.limit)
    ) as Subject[];
    if (rows.length === 0) return [];
    return subjectRecordsFromScan(rows, sql.versionsOfSubjects.all(rows[0]!.id, rows.at(-1)!.id));
  }

  async saveRatings(ratings: readonly MaterialisedRating[], move?: RatingCursorMove): Promise<number | undefined> {
    return this.writing(() => this.ratings.save(ratings, move));
  }

  async ratingCursor(): Promise<number> {
    return this.ratings.cursor();
  }

  async rating(subjectId: string): Promise<MaterialisedRating | undefined> {
    return this.ratings.of(subjectId);
  }

  async listEntries(subjectId: string): Promise<ListEntry[]> {
    return this.lists.entries(subjectId);
  }

  async openListingsPage(page: { after?: string | undefined; at: string; limit: number }): Promise<SubjectListings[]> {
    return this.lists.openListingsPage(page);
  }

  async listingsOf(subjectIds: readonly string[], openAt?: string): Promise<SubjectListings[]> {
    return this.lists.listingsOf(subjectIds, openAt);
  }

  async entriesInForce(
    listCode: string,
    search: { subjectId: string } | { nameContains: string },
    at: string,
    limit: number,
  ): Promise<EntryWithName[]> {
    return this.lists.entriesInForce(listCode, search, at, limit);
  }

  async countInForce(listCode: string, at: string): Promise<number> {
    return this.lists.countInForce(listCode, at);
  }

  async announceListTransitions(at: string, limit: number): Promise<number> {
    return this.writing((): number => {
      const { count, drafts } = this.lists.announceTransitions(at, limit);
      this.audit.append(drafts);
      return count;
    });
  }

  async feed(after: number, limit: number): Promise<FeedEvent[]> {
    return (this.sql.feed.all(after, limit) as Row[]).map(feedEventFromRow);
  }

  async appendAudit(drafts: readonly AuditDraft[]): Promise<number> {
    return this.writing(() => this.audit.append(drafts));
  }

  async publish(series: string, draft: AuditDraft): Promise<boolean> {
    return this.writing(() => this.audit.publish(series, draft));
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

  async saveApiKeys(keys: readonly ApiKey[], drafts: readonly AuditDraft[]): Promise<void> {
    await this.writing(() => {
      this.keys.save(keys);
      this.audit.append(drafts);
    });
  }

  async apiKeyBySecretHash(secretHash: string): Promise<ApiKey | undefined> {
    return this.keys.bySecretHash(secretHash);
  }

  async apiKeyById(id: string): Promise<ApiKey | undefined> {
    return this.keys.byId(id);
  }

  async apiKeys(): Promise<ApiKey[]> {
    return this.keys.all();
  }

  async noteApiKeyUse(id: string, at: string): Promise<void> {
    this.keys.noteUse(id, at);
  }

  async fileDispute(dispute: Dispute, draft: AuditDraft, messages: readonly OutboxMessage[] = []): Promise<void> {
    await this.writing(() => {
      this.disputes.insert(dispute);
      this.audit.append([draft]);
      this.outbox.insert(messages);
    });
  }

  async updateDispute(
    dispute: Dispute,
    change: 'dispute.answered' | 'dispute.decided',
    draft: AuditDraft,
    corrections: readonly CorrectionNotice[] = [],
    messages: readonly OutboxMessage[] = [],
  ): Promise<void> {
    await this.writing(() => {
      this.disputes.update(dispute, change, draft.time, corrections);
      this.audit.append([draft]);
      this.outbox.insert(messages);
    });
  }

  async unannouncedLapses(at: string, limit: number): Promise<Dispute[]> {
    return this.disputes.unannouncedLapses(at, limit);
  }

  async disputesPage(after: string | undefined, limit: number): Promise<Dispute[]> {
    return this.disputes.page(after, limit);
  }

  async addEvidence(evidence: Evidence, content: Uint8Array, draft: AuditDraft): Promise<void> {
    await this.writing(() => {
      this.disputes.addEvidence(evidence, content);
      this.audit.append([draft]);
    });
  }

  async evidenceOf(disputeId: string): Promise<Evidence[]> {
    return this.disputes.evidenceOf(disputeId);
  }

  async evidenceContent(evidenceId: string): Promise<{ evidence: Evidence; content: Uint8Array } | undefined> {
    return this.disputes.evidenceContent(evidenceId);
  }

  async announceLapse(
    dispute: Dispute,
    draft: AuditDraft,
    correction: CorrectionNotice | undefined,
    messages: readonly OutboxMessage[] = [],
  ): Promise<boolean> {
    return this.writing((): boolean => {
      if (!this.disputes.announceLapse(dispute, draft.time, correction)) return false;
      this.audit.append([draft]);
      this.outbox.insert(messages);
      return true;
    });
  }

  async claimDueMessages(at: string, leaseUntil: string, limit: number): Promise<QueuedMessage[]> {
    return this.writing(() => this.outbox.claimDue(at, leaseUntil, limit));
  }

  async messageDelivered(id: string, at: string): Promise<void> {
    this.outbox.delivered(id, at);
  }

  async messageFailed(id: string, error: string, retryAt: string | null, at: string): Promise<void> {
    this.outbox.failed(id, error, retryAt, at);
  }

  async messageState(id: string) {
    return this.outbox.state(id);
  }

  async saveContact(
    identifiers: readonly { scheme: string; value: string }[],
    email: string,
    at: string,
  ): Promise<void> {
    await this.writing(() => this.outbox.saveContact(identifiers, email, at));
  }

  async contactsOf(identifiers: readonly { scheme: string; value: string }[]): Promise<Map<string, string>> {
    return this.outbox.contactsOf(identifiers);
  }

  async saveWebhook(relyingParty: string, url: string, secret: string, at: string): Promise<void> {
    this.outbox.saveWebhook(relyingParty, url, secret, at);
  }

  async webhookOf(relyingParty: string): Promise<{ url: string; secret: string } | undefined> {
    return this.outbox.webhookOf(relyingParty);
  }

  async dispute(id: string): Promise<Dispute | undefined> {
    return this.disputes.byId(id);
  }

  async disputesOf(subjectIds: readonly string[]): Promise<Dispute[]> {
    return subjectIds.flatMap((id) => this.disputes.ofSubject(id));
  }

  async undecidedDisputes(institution: string | undefined, limit: number): Promise<Dispute[]> {
    return this.disputes.undecided(institution, limit);
  }

  async publicSubjects(search: PublicSubjectSearch, limit: number): Promise<PublicSubject[]> {
    return this.portal.publicSubjects(search, limit);
  }

  async saveAttestation(attestation: StoredAttestation, draft: AuditDraft): Promise<void> {
    await this.writing(() => {
      this.portal.insertAttestation(attestation);
      this.audit.append([draft]);
    });
  }

  async attestation(id: string): Promise<StoredAttestation | undefined> {
    return this.portal.attestation(id);
  }

  async saveSession(session: PortalSession): Promise<void> {
    this.portal.saveSession(session);
  }

  async session(idHash: string): Promise<PortalSession | undefined> {
    return this.portal.session(idHash);
  }

  async endSession(idHash: string): Promise<void> {
    this.portal.endSession(idHash);
  }

  async purgeSessions(at: string): Promise<number> {
    return this.portal.purgeSessions(at);
  }

  async claimCheckReplay(claim: CheckReplayClaim): Promise<StoredCheckReplay | undefined> {
    return this.writing(() => this.checkReplays.claim(claim));
  }

  async answerCheckReplay(relyingParty: string, keyTag: string, answer: string): Promise<void> {
    await this.writing(() => this.checkReplays.answer(relyingParty, keyTag, answer));
  }

  async releaseCheckReplay(relyingParty: string, keyTag: string, claimedAt: string): Promise<void> {
    await this.writing(() => this.checkReplays.release(relyingParty, keyTag, claimedAt));
  }

  async purgeCheckReplays(before: string): Promise<number> {
    return this.writing(() => this.checkReplays.purge(before));
  }

  async feedHead(): Promise<number> {
    return (this.sql.feedHead.get() as { seq: number }).seq;
  }

  async counts(): Promise<StoreCounts> {
    const row = this.sql.counts.get() as { subjects: number; records: number; feed_seq: number };
    return { subjects: row.subjects, records: row.records, feedSeq: row.feed_seq };
  }
}

/** A part of the store that `migrate` makes: using the store before it is a programming error. */
function migrated<T>(part: T | undefined): T {
  if (part === undefined) throw new Error('SqliteStore used before migrate()');
  return part;
}
